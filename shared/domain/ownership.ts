/**
 * Words about data owned by an office at the province (issue 12 item 7): the refusal the backend
 * gives and the badge the screens show. Pure; shared by the guard and the renderer.
 */

export const OWNERSHIP_TEXTS = {
  badge: 'Dữ liệu của đơn vị gửi',
  /**
   * A personal value an office's file left out (the province's policy did not ask for it): stored
   * as NULL at the province and shown as this, never counted as a value.
   */
  unknown: 'không rõ',
  /** A count that cannot include the rows whose value is not known: "3 không rõ". */
  unknownCount: (n: number) => `${n} không rõ`,
  importUpdatesOwned:
    'Tệp cập nhật cả những bản ghi đã có, trong khi danh sách này có dữ liệu do các đơn vị gửi lên (chỉ xem tại tỉnh). ' +
    'Hãy chỉ nhập bản ghi mới, hoặc sửa từng bản ghi của tỉnh.',
} as const;

/** "Dữ liệu do Công an xã Gia Hòa gửi lên, chỉ xem tại tỉnh." */
export function ownedMessage(officeName: string): string {
  return `Dữ liệu do ${officeName} gửi lên, chỉ xem tại tỉnh.`;
}
