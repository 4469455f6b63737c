/** The Vietnamese sentences of the office's sending side (preview, refusals of a receipt). */
export const SEND_TEXTS = {
  provinceOnly: 'Công an tỉnh không gửi dữ liệu lên cấp trên; chức năng này dành cho Công an xã, huyện.',
  noProvinceKey:
    'Chưa có khóa của Công an tỉnh được xác nhận: hãy nhận tệp khóa hoặc gói của tỉnh và xác nhận mã nhận diện ở thẻ "Mã nhận diện" trước khi gửi.',
  provinceKeyNoRecipient: 'Khóa của Công an tỉnh không có khóa mã hóa (age): không mã hóa được tệp gửi tỉnh.',
  informant: 'Danh tính người cung cấp tin báo, tố giác (họ tên, số điện thoại, địa chỉ, số giấy tờ, ghi chú) không bao giờ được gửi.',
  notSent:
    'Không gửi: cài đặt của đơn vị, tệp bộ tiêu chí và thang điểm đã nhập, sổ niêm phong kết quả đã chốt, nhật ký chuyển hồ sơ và khóa của đơn vị.',
  personalOmitted: (label: string, fields: string) => `${label}: không gửi ${fields} (tỉnh chưa yêu cầu).`,
  personalSent: (label: string, fields: string) => `${label}: gửi ${fields} theo yêu cầu của tỉnh.`,
  receiptNotReceipt: 'Tệp này không phải biên nhận của Công an tỉnh.',
  receiptOtherOffice: (code: string) => `Biên nhận này dành cho đơn vị có mã ${code}, không phải đơn vị này.`,
  receiptUnknownSequence: (seq: number) => `Đơn vị chưa gửi tệp số ${seq}: biên nhận không khớp với tệp nào đã gửi.`,
  receiptWrongYear: (seq: number, year: number) => `Tệp số ${seq} đã gửi không phải số liệu năm ${year}: biên nhận không khớp.`,
  receiptWrongHash: (seq: number) =>
    `Mã băm trong biên nhận khác với tệp số ${seq} đã gửi: tỉnh đã nhận một tệp khác, không đánh dấu đã nhận.`,
  receiptInvalid: 'Nội dung biên nhận không hợp lệ.',
  receiptSigner: 'Biên nhận không được ký bằng khóa của Công an tỉnh đã xác nhận.',
} as const;

/** Vietnamese labels of personal columns for the preview. */
export const PERSONAL_COLUMN_LABELS: Readonly<Record<string, string>> = {
  full_name: 'họ tên',
  full_name_folded: 'họ tên (dạng tìm kiếm)',
  full_name_sort: 'họ tên (dạng sắp xếp)',
  gender: 'giới tính',
  birth_year: 'năm sinh',
  ethnicity: 'dân tộc',
  phone: 'số điện thoại',
  recipient_name: 'tên người, tập thể được khen thưởng',
};
