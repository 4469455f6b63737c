/** Texts of the hand-off section's frame (each tab keeps its own texts beside it). */
export const HANDOFF = {
  title: 'Gửi, nhận dữ liệu',
  tabs: {
    keys: 'Mã nhận diện và khóa',
    send: 'Gửi dữ liệu cho Công an tỉnh',
    inbox: 'Nhận dữ liệu',
    package: 'Gói của Công an tỉnh',
  },
} as const;
