/** The static-file server's answers (shown only if someone opens a wrong address by hand). */
export const STATIC_TEXTS = {
  methodNotAllowed: 'Phương thức không được hỗ trợ.',
  forbidden: 'Không được phép truy cập.',
  notFound: 'Không tìm thấy tệp.',
  unreadable: 'Không đọc được tệp của ứng dụng.',
  internal: 'Đã có lỗi không mong muốn khi trả lời yêu cầu.',
} as const;
