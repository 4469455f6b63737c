/** Messages of the connection to the backend (web host only; Electron has no such failure). */
export const TRANSPORT_TEXTS = {
  noToken: 'Không có mã truy cập. Hãy mở đúng địa chỉ (có mã truy cập) mà lệnh "npm start" đã in ra trong cửa sổ dòng lệnh.',
  lostConnection: 'Mất kết nối tới phần mềm. Hãy kiểm tra cửa sổ dòng lệnh đang chạy phần mềm.',
} as const;
