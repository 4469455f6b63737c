/** Texts of the first-run set-up. */
export const SETUP = {
  title: 'Thiết lập ban đầu',
  intro:
    'Chọn cơ quan sử dụng phần mềm từ danh mục đơn vị hành chính đi kèm phần mềm. Danh sách đơn vị trực thuộc sẽ được tạo kèm mã chính thức; sau này vẫn có thể sửa.',
  officeLevel: 'Cấp của cơ quan sử dụng',
  era: 'Danh mục đơn vị hành chính',
  eraHuyenNote: 'Công an cấp huyện chỉ có trong danh mục trước sắp xếp năm 2025.',
  province: 'Tỉnh, thành phố',
  district: 'Huyện, quận, thị xã, thành phố thuộc tỉnh',
  commune: 'Xã, phường, đặc khu',
  communeOld: 'Xã, phường, thị trấn',
  pick: 'Chọn hoặc gõ để tìm',
  nothingFound: 'Không tìm thấy',
  officeName: 'Tên cơ quan',
  officeNameHint: 'Tên in trên báo cáo, ví dụ: Công an xã Gia Thắng',
  officeCode: 'Mã cơ quan',
  officeCodeHint: 'Mặc định: mã chính thức',
  importChildren: 'Tạo danh sách đơn vị trực thuộc từ danh mục',
  importChildrenHint: {
    tinh: 'Tạo các xã, phường (và huyện, nếu dùng danh mục trước năm 2025) thuộc tỉnh.',
    huyen: 'Tạo các xã, phường, thị trấn thuộc huyện.',
    xa: '',
  },
  communeNote: 'Khu dân cư (thôn, tổ dân phố...) không có trong danh mục: thêm ở màn hình Đơn vị hành chính sau khi thiết lập.',
  submit: 'Hoàn tất thiết lập',
  done: (n: number) => `Đã thiết lập xong, tạo ${n.toLocaleString('vi-VN')} đơn vị.`,
  required: 'Vui lòng chọn',
  nameRequired: 'Tên cơ quan không được để trống.',
  codeRequired: 'Mã cơ quan không được để trống.',
  suggestedName: {
    tinh: (province: string) =>
      `Phòng Xây dựng phong trào bảo vệ ANTQ - Công an ${province.replace(/^Tỉnh /, 'tỉnh ').replace(/^Thành phố /, 'thành phố ')}`,
    huyen: (district: string) => `Công an ${district.charAt(0).toLowerCase()}${district.slice(1)}`,
    xa: (commune: string) => `Công an ${commune.charAt(0).toLowerCase()}${commune.slice(1)}`,
  },
} as const;
