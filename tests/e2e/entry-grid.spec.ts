/**
 * The fast-entry grid ("Nhập nhiều dòng") through the real UI: keyboard entry of 50 propaganda
 * sessions counted key by key against the same rows typed in a spreadsheet, pasting a block from
 * Excel, bad cells refused (nothing written) then fixed, duplicating and removing rows, the
 * confirmation before unsaved rows are dropped, and two more kinds (tips; mediations with their
 * team picked by type-ahead). Each flow checks what the person sees and what the database holds.
 */
import { test, expect, type DbReader } from './support/fixtures';
import { apiOf, setupGiaVien } from './support/api';
import { EntryGridPage } from './pages/EntryGridPage';

const PROPAGANDA = 'Tuyên truyền, phát động';
const TIPS = 'Nguồn tin của quần chúng';
const UNIT = 'Đơn vị (xã, khu dân cư)';

/** The propaganda grid's columns, in order (checked against the grid's header below). */
const COLUMNS = [
  'Ngày',
  UNIT,
  'Hình thức',
  'Nội dung, chủ đề',
  'Địa điểm',
  'Lượt người',
  'Tờ rơi',
  'Phút phát loa',
  'Tin, bài',
  'Bản tin',
  'Ký cam kết',
] as const;
/** Columns a new row takes from the row above (date, unit, form, topic). */
const CARRIED = 4;

interface SessionRow {
  date: string;
  unit_name: string;
  form: string;
  topic: string;
  venue: string | null;
  attendance: number;
  leaflets: number;
  loudspeaker_minutes: number;
  posts: number;
  newsletters: number;
  commitments: number;
  purpose: string;
}

const sessions = (db: DbReader) =>
  db.all<SessionRow>(
    `SELECT p.date, u.name AS unit_name, p.form, p.topic, p.venue, p.attendance, p.leaflets, p.loudspeaker_minutes,
            p.posts, p.newsletters, p.commitments, p.purpose
       FROM propaganda_sessions p JOIN units u ON u.id = p.unit_id
      WHERE p.deleted_at IS NULL`,
  );
const countSessions = (db: DbReader) => db.get<{ n: number }>('SELECT count(*) AS n FROM propaganda_sessions')!.n;
const unitId = (db: DbReader, name: string) =>
  db.get<{ id: string }>('SELECT id FROM units WHERE name = ? AND deleted_at IS NULL', name)!.id;
const sortRows = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

test.beforeEach(async ({ host, page, context }) => {
  await setupGiaVien(host);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
  await page.goto(host.url);
});

// ---------------------------------------------------------------------------------------------
// 50 sessions by keyboard, compared with a spreadsheet

type Form = 'truc_tiep' | 'loa_truyen_thanh' | 'to_roi';
const FORM_LABEL: Record<Form, string> = { truc_tiep: 'Trực tiếp', loa_truyen_thanh: 'Loa truyền thanh, xe loa', to_roi: 'Phát tờ rơi' };
/** What a person types in the grid's form cell: a few letters, no diacritics. */
const FORM_TYPED: Record<Form, string> = { truc_tiep: 't', loa_truyen_thanh: 'loa', to_roi: 'to' };
const UNITS = [
  { name: 'Xã Gia Hòa', typed: 'hoa' },
  { name: 'Xã Gia Hưng', typed: 'hung' },
] as const;
const DATES = ['2026-03-05', '2026-03-12', '2026-03-26', '2026-04-09', '2026-04-23', '2026-05-14', '2026-05-28', '2026-06-11'];
const TOPICS = [
  'Phòng, chống tội phạm ma túy',
  'Bảo đảm trật tự an toàn giao thông',
  'Phòng ngừa lừa đảo qua mạng',
  'Phòng cháy, chữa cháy tại khu dân cư',
];

interface Session {
  date: string;
  unit: (typeof UNITS)[number];
  form: Form;
  topic: string;
  venue: string;
  counts: [number, number, number, number, number, number];
}

/**
 * Realistic varied data: 8 campaign days, two communes, three forms, a topic per day, attendance
 * up to about 1.500 people; the unit changes every 3 rows and the form every 2, so carried values
 * change often (the grid has to move back to change them).
 */
function makeSessions(): Session[] {
  const out: Session[] = [];
  for (let i = 0; i < 50; i += 1) {
    const dateIndex = Math.floor((i * DATES.length) / 50);
    const unit = UNITS[i % 6 < 3 ? 0 : 1];
    const form = (['truc_tiep', 'loa_truyen_thanh', 'to_roi'] as const)[Math.floor(i / 2) % 3]!;
    const hamlet = (i % 9) + 1;
    const venue =
      form === 'truc_tiep'
        ? `Nhà văn hóa thôn ${hamlet}`
        : form === 'loa_truyen_thanh'
          ? 'Đài truyền thanh xã'
          : `Chợ ${unit.name.replace('Xã ', '')}`;
    const attendance = form === 'truc_tiep' ? 80 + ((i * 137) % 1400) : form === 'to_roi' ? 40 + ((i * 31) % 200) : 0;
    const leaflets = form === 'to_roi' ? 200 + ((i * 53) % 900) : form === 'truc_tiep' && i % 4 === 0 ? 150 : 0;
    const minutes = form === 'loa_truyen_thanh' ? 15 + (i % 4) * 5 : 0;
    const posts = i % 7 === 0 ? 1 : 0;
    const newsletters = 0;
    const commitments = form === 'truc_tiep' && i % 3 === 0 ? 20 + i : 0;
    out.push({
      date: DATES[dateIndex]!,
      unit,
      form,
      topic: TOPICS[dateIndex % TOPICS.length]!,
      venue,
      counts: [attendance, leaflets, minutes, posts, newsletters, commitments],
    });
  }
  return out;
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const vi = (n: number) => n.toLocaleString('vi-VN');

/** The row's cells as they read in full (a spreadsheet holds exactly these texts). */
function fullCells(s: Session): string[] {
  return [dmy(s.date), s.unit.name, FORM_LABEL[s.form], s.topic, s.venue, ...s.counts.map((n) => (n === 0 ? '' : String(n)))];
}

test('50 propaganda sessions by keyboard take fewer keystrokes than a spreadsheet, and are stored exactly', async ({ page, db }) => {
  test.setTimeout(180_000);
  const grid = new EntryGridPage(page);
  await grid.openActivities();
  await grid.open(PROPAGANDA);
  const headers = grid.table().getByRole('columnheader');
  await expect(headers).toHaveCount(COLUMNS.length + 2);
  for (const [i, label] of COLUMNS.entries())
    await expect(headers.nth(i + 1)).toHaveAttribute('title', i < CARRIED ? `${label} — Dòng mới lấy theo dòng trên` : label);
  // The grid opens with the focus in the first cell: typing starts at once.
  await expect(grid.cell('Ngày', 1)).toBeFocused();

  const data = makeSessions();
  for (const [i, s] of data.entries()) {
    const prev = i > 0 ? data[i - 1]! : null;
    const full = fullCells(s);
    // What the grid is typed: short date (d/M takes the year above), a few letters for choices,
    // attendance written the Vietnamese way (1.250), the other counts as digits.
    const typed = [
      `${Number(s.date.slice(8, 10))}/${Number(s.date.slice(5, 7))}`,
      s.unit.typed,
      FORM_TYPED[s.form],
      s.topic,
      s.venue,
      ...s.counts.map((n, k) => (n === 0 ? '' : k === 0 ? vi(n) : String(n))),
    ];
    const changed = [0, 1, 2, 3].filter((c) => prev === null || fullCells(prev)[c] !== full[c]);
    const lastContent = Math.max(...full.map((t, c) => (t !== '' && (c >= CARRIED || changed.includes(c)) ? c : -1)));
    // Row 1 starts in the first cell; every later row where Enter put the cursor: the first column not carried.
    let col = i === 0 ? 0 : CARRIED;
    if (changed.length > 0 && changed[0]! < col) {
      await grid.press('Shift+Tab', col - changed[0]!);
      col = changed[0]!;
    }
    for (let c = col; c <= lastContent; c += 1) {
      const carriedUnchanged = c < CARRIED && !changed.includes(c);
      if (!carriedUnchanged && typed[c] !== '') await grid.type(typed[c]!);
      if (c < lastContent) await grid.press('Tab');
    }
    await grid.press(i < data.length - 1 ? 'Enter' : 'Control+S');
  }

  await expect(page.getByText('Đã lưu 50 dòng.')).toBeVisible();
  await expect(grid.dialog()).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Số bản ghi' })).toContainText('50 buổi tuyên truyền');

  // The spreadsheet: every cell's text typed in full (date, unit, form and topic in every row, as
  // a sheet does not carry them; counts as bare digits, zero left empty), one Tab between cells
  // and one Enter per row. "Lean" gives the sheet every benefit: no Tabs after the row's last
  // non-empty cell. Characters count one each, although Vietnamese letters take more keys in Telex.
  let spreadsheet = 0;
  let lean = 0;
  for (const s of data) {
    const cells = fullCells(s);
    const chars = cells.reduce((n, t) => n + [...t].length, 0);
    const lastNonEmpty = Math.max(...cells.map((t, c) => (t !== '' ? c : -1)));
    spreadsheet += chars + (cells.length - 1) + 1;
    lean += chars + lastNonEmpty + 1;
  }
  console.log(`Keystrokes for 50 propaganda sessions: grid ${grid.keystrokes}, spreadsheet ${spreadsheet} (lean spreadsheet ${lean}).`);
  expect(grid.keystrokes).toBeLessThanOrEqual(lean);
  expect(lean).toBeLessThanOrEqual(spreadsheet);

  const expected = data.map((s) => ({
    date: s.date,
    unit_name: s.unit.name,
    form: s.form,
    topic: s.topic,
    venue: s.venue,
    attendance: s.counts[0],
    leaflets: s.counts[1],
    loudspeaker_minutes: s.counts[2],
    posts: s.counts[3],
    newsletters: s.counts[4],
    commitments: s.counts[5],
    purpose: 'tuyen_truyen',
  }));
  const stored = sessions(db);
  expect(stored).toHaveLength(50);
  expect(sortRows(stored)).toEqual(sortRows(expected));
  // The figures a report quotes add up the same.
  expect(stored.reduce((n, r) => n + r.attendance, 0)).toBe(expected.reduce((n, r) => n + r.attendance, 0));
});

// ---------------------------------------------------------------------------------------------

test('a block copied from Excel pastes into the grid, header row and all, and saves as parsed', async ({ page, db }) => {
  const grid = new EntryGridPage(page);
  await grid.openActivities();
  await grid.open(PROPAGANDA);
  await expect(grid.cell('Ngày', 1)).toBeFocused();

  const block = [
    COLUMNS.slice(0, 8).join('\t'),
    ['14/3/2026', 'gia hoa', 'Trực tiếp', '"Hưởng ứng ""Ngày hội toàn dân bảo vệ ANTQ"""', 'Nhà văn hóa thôn 2', '1.250', '', '', ''].join(
      '\t',
    ),
    ['15/03/2026', '14470', 'loa', 'An toàn giao thông', 'Đài truyền thanh xã', '', '', '30'].join('\t'),
    ['16/3', 'Xã Gia Hòa', 'to roi', 'Phòng ngừa lừa đảo qua mạng', 'Chợ Gia Hòa', '85', '1,500', ''].join('\t'),
  ].join('\r\n');
  await grid.paste(`${block}\r\n`);

  // Each pasted value went through the cell parsers: full dates, labels, Vietnamese numbers.
  await expect(grid.cell('Ngày', 1)).toHaveValue('14/03/2026');
  await expect(grid.cell(UNIT, 1)).toHaveValue('Xã Gia Hòa');
  await expect(grid.cell('Nội dung, chủ đề', 1)).toHaveValue('Hưởng ứng "Ngày hội toàn dân bảo vệ ANTQ"');
  await expect(grid.cell('Lượt người', 1)).toHaveValue('1.250');
  await expect(grid.cell(UNIT, 2)).toHaveValue('Xã Gia Hưng');
  await expect(grid.cell('Hình thức', 2)).toHaveValue('Loa truyền thanh, xe loa');
  await expect(grid.cell('Ngày', 3)).toHaveValue('16/03/2026');
  await expect(grid.cell('Hình thức', 3)).toHaveValue('Phát tờ rơi');
  await expect(grid.cell('Tờ rơi', 3)).toHaveValue('1.500');
  // Three rows plus the empty row kept at the end (the header row was not taken as data).
  await expect(grid.rows()).toHaveCount(4);
  await expect(grid.footer()).toContainText('3 dòng');
  await expect(grid.footer()).toContainText('Lượt người: 1.335');

  await grid.save();
  await expect(page.getByText('Đã lưu 3 dòng.')).toBeVisible();
  expect(
    sortRows(sessions(db).map((r) => [r.date, r.unit_name, r.form, r.topic, r.venue, r.attendance, r.leaflets, r.loudspeaker_minutes])),
  ).toEqual(
    sortRows([
      ['2026-03-14', 'Xã Gia Hòa', 'truc_tiep', 'Hưởng ứng "Ngày hội toàn dân bảo vệ ANTQ"', 'Nhà văn hóa thôn 2', 1250, 0, 0],
      ['2026-03-15', 'Xã Gia Hưng', 'loa_truyen_thanh', 'An toàn giao thông', 'Đài truyền thanh xã', 0, 0, 30],
      ['2026-03-16', 'Xã Gia Hòa', 'to_roi', 'Phòng ngừa lừa đảo qua mạng', 'Chợ Gia Hòa', 85, 1500, 0],
    ]),
  );
});

// ---------------------------------------------------------------------------------------------

test('bad cells turn red with a Vietnamese message and nothing is saved until they are fixed', async ({ page, db, host }) => {
  // Xã Gia Phong ended on 31/01/2026: only the backend knows, so its refusal must reach the cell too.
  const ended = await apiOf(host).result('units.end', {
    id: unitId(db, 'Xã Gia Phong'),
    validTo: '2026-01-31',
    reason: 'Sáp nhập vào xã khác',
  });
  expect(ended.ok).toBe(true);

  const grid = new EntryGridPage(page);
  await grid.openActivities();
  await grid.open(PROPAGANDA);
  await expect(grid.cell('Ngày', 1)).toBeFocused();

  // Row 1: a day that does not exist.
  await grid.type('31/02/2026');
  await grid.press('Tab');
  await grid.type('hoa');
  await grid.press('Tab');
  await grid.type('t');
  await grid.press('Tab');
  await grid.type('Phòng, chống ma túy');
  await grid.press('Tab');
  await grid.type('Nhà văn hóa thôn 1');
  await grid.press('Tab');
  await grid.type('120');
  await grid.press('Enter');
  // Row 2: a unit that is not in the office.
  await grid.press('Shift+Tab', 4);
  await grid.type('6/3/2026');
  await grid.press('Tab');
  await grid.type('Hà Nội');
  await grid.press('Tab', 3);
  await grid.type('Chợ Gia Hưng');
  await grid.press('Tab');
  await grid.type('80');
  await grid.press('Enter');
  // Row 3: a unit that ended before the session's date (checked by the backend only).
  await grid.press('Shift+Tab', 3);
  await grid.type('gia phong');
  await grid.press('Tab', 3);
  await grid.type('Nhà văn hóa xã Gia Phong');
  await grid.press('Tab');
  await grid.type('60');

  await expect(grid.cell(UNIT, 2)).toHaveValue('Hà Nội');
  await expect(grid.cell(UNIT, 3)).toHaveValue('Xã Gia Phong — đã kết thúc');
  await grid.save();

  await expect(grid.cell('Ngày', 1)).toHaveAttribute('aria-invalid', 'true');
  await expect(grid.cell('Ngày', 1)).toHaveAttribute('title', 'ngày 31/02/2026 không có thật.');
  await expect(grid.cell(UNIT, 2)).toHaveAttribute('aria-invalid', 'true');
  await expect(grid.cell(UNIT, 1)).not.toHaveAttribute('aria-invalid', 'true');
  await expect(grid.errorList()).toContainText('Dòng 1, Ngày: ngày 31/02/2026 không có thật.');
  await expect(grid.errorList()).toContainText(`Dòng 2, ${UNIT}: không có "Hà Nội" trong danh sách.`);
  await expect(grid.dialog().getByRole('alert')).toContainText('Còn 2 ô chưa hợp lệ (tô đỏ). Chưa dòng nào được lưu');
  // Nothing typed is lost, nothing is written; the focus went to the first bad cell.
  await expect(grid.cell('Địa điểm', 1)).toHaveValue('Nhà văn hóa thôn 1');
  expect(countSessions(db)).toBe(0);
  await expect(grid.cell('Ngày', 1)).toBeFocused();

  // Fix both; the red goes away as each is fixed.
  await grid.type('28/2');
  await grid.press('Tab');
  await expect(grid.cell('Ngày', 1)).toHaveValue('28/02/2026');
  await expect(grid.cell('Ngày', 1)).not.toHaveAttribute('aria-invalid', 'true');
  await grid
    .errorList()
    .getByRole('button', { name: /^Dòng 2/ })
    .click();
  await expect(grid.cell(UNIT, 2)).toBeFocused();
  await grid.type('hung');
  await grid.press('Tab');
  await expect(grid.errorList()).toHaveCount(0);

  // The backend refuses row 3 (ended unit): the message lands on that cell, still nothing written.
  await grid.save();
  await expect(grid.cell(UNIT, 3)).toHaveAttribute('aria-invalid', 'true');
  await expect(grid.errorList()).toContainText(`Dòng 3, ${UNIT}: Xã Gia Phong đã kết thúc hoạt động từ ngày 31/01/2026`);
  expect(countSessions(db)).toBe(0);

  await grid.cell(UNIT, 3).click();
  await grid.type('gia minh');
  await grid.press('Tab');
  await expect(grid.cell(UNIT, 3)).not.toHaveAttribute('aria-invalid', 'true');
  await grid.save();
  await expect(page.getByText('Đã lưu 3 dòng.')).toBeVisible();
  expect(sortRows(sessions(db).map((r) => [r.date, r.unit_name, r.venue, r.attendance]))).toEqual(
    sortRows([
      ['2026-02-28', 'Xã Gia Hòa', 'Nhà văn hóa thôn 1', 120],
      ['2026-03-06', 'Xã Gia Hưng', 'Chợ Gia Hưng', 80],
      ['2026-03-06', 'Xã Gia Minh', 'Nhà văn hóa xã Gia Phong', 60],
    ]),
  );
});

// ---------------------------------------------------------------------------------------------

test('Ctrl+D duplicates a row, Ctrl+Delete and the row button remove one, closing with unsaved rows asks first', async ({ page, db }) => {
  const grid = new EntryGridPage(page);
  await grid.openActivities();
  await grid.open(PROPAGANDA);
  await expect(grid.cell('Ngày', 1)).toBeFocused();

  for (const [i, text] of ['5/3', 'hoa', 't', 'Phòng, chống ma túy', 'Thôn 1', '100'].entries()) {
    if (i > 0) await grid.press('Tab');
    await grid.type(text);
  }
  await grid.press('Control+D');
  // The copy is below, with the focus in the same column; typing replaces the cell.
  await expect(grid.cell('Lượt người', 2)).toBeFocused();
  await expect(grid.cell('Địa điểm', 2)).toHaveValue('Thôn 1');
  await expect(grid.cell('Ngày', 2)).toHaveValue('05/03/2026');
  await grid.type('150');
  await grid.press('Control+D');
  await expect(grid.cell('Lượt người', 3)).toHaveValue('150');
  await expect(grid.rows()).toHaveCount(4);
  await expect(grid.footer()).toContainText('3 dòng');
  await expect(grid.footer()).toContainText('Lượt người: 400');

  await grid.press('Control+Delete');
  await expect(grid.rows()).toHaveCount(3);
  await expect(grid.footer()).toContainText('Đã xóa dòng 3.');
  await grid.footer().getByRole('button', { name: 'Hoàn tác' }).click();
  await expect(grid.rows()).toHaveCount(4);
  await expect(grid.cell('Lượt người', 3)).toHaveValue('150');
  await grid.dialog().getByRole('button', { name: 'Xóa dòng 2' }).click();
  await expect(grid.rows()).toHaveCount(3);
  await expect(grid.footer()).toContainText('2 dòng');
  await expect(grid.footer()).toContainText('Lượt người: 250');

  // Cancel asks before dropping rows; staying keeps everything.
  await grid.cancel();
  await expect(grid.confirmDialog()).toBeVisible();
  await expect(grid.confirmDialog()).toContainText('Có 2 dòng đã nhập nhưng chưa lưu.');
  await grid.confirmDialog().getByRole('button', { name: 'Tiếp tục nhập' }).click();
  await expect(grid.confirmDialog()).toHaveCount(0);
  await expect(grid.cell('Địa điểm', 2)).toHaveValue('Thôn 1');

  // Escape in a cell asks too; this time drop the rows.
  await grid.cell('Địa điểm', 1).click();
  await grid.press('Escape');
  await expect(grid.confirmDialog()).toBeVisible();
  await grid.confirmDialog().getByRole('button', { name: 'Bỏ và đóng' }).click();
  await expect(grid.dialog()).toHaveCount(0);
  expect(countSessions(db)).toBe(0);

  // Opened again, the grid starts empty, and closing an empty grid asks nothing.
  await grid.open(PROPAGANDA);
  await expect(grid.cell('Ngày', 1)).toHaveValue('');
  await expect(grid.rows()).toHaveCount(1);
  await grid.cancel();
  await expect(grid.confirmDialog()).toHaveCount(0);
  await expect(grid.dialog()).toHaveCount(0);
});

// ---------------------------------------------------------------------------------------------

interface TipDbRow {
  received_on: string;
  unit_name: string;
  channel: string;
  category: string;
  legal_type: string | null;
  summary: string;
  valuable: number;
  status: string;
}

test('tips are entered and saved through the grid too', async ({ page, db }) => {
  const grid = new EntryGridPage(page);
  await grid.openActivities();
  await grid.open(TIPS);
  await expect(grid.cell('Ngày tiếp nhận', 1)).toBeFocused();

  // Row 1: every cell, choices by a few letters.
  for (const [i, text] of ['20/10', 'hoa', 'dien', 'toi', 'to giac', 'Tố giác nhóm trộm cắp xe máy', 'c', 'dang'].entries()) {
    if (i > 0) await grid.press('Tab');
    await grid.type(text);
  }
  await expect(grid.cell('Kênh tiếp nhận', 1)).toHaveValue('Điện thoại, đường dây nóng');
  await grid.press('Enter');
  // Row 2: Enter put the cursor on the first column not carried (Loại tin về tội phạm).
  await expect(grid.cell('Loại tin về tội phạm', 2)).toBeFocused();
  await grid.press('Shift+Tab');
  await grid.type('trat tu');
  await grid.press('Tab', 2);
  await grid.type('Phản ánh tụ tập đua xe trái phép');
  await grid.press('Tab');
  await grid.type('k');
  await grid.press('Tab');
  await grid.type('dang');
  await grid.press('Control+S');

  await expect(page.getByText('Đã lưu 2 dòng.')).toBeVisible();
  await expect(grid.dialog()).toHaveCount(0);
  const stored = db.all<TipDbRow>(
    `SELECT t.received_on, u.name AS unit_name, t.channel, t.category, t.legal_type, t.summary, t.valuable, t.status
       FROM tips t JOIN units u ON u.id = t.unit_id ORDER BY t.summary`,
  );
  expect(stored).toEqual([
    {
      received_on: '2026-10-20',
      unit_name: 'Xã Gia Hòa',
      channel: 'dien_thoai',
      category: 'trat_tu',
      legal_type: null,
      summary: 'Phản ánh tụ tập đua xe trái phép',
      valuable: 0,
      status: 'dang_xu_ly',
    },
    {
      received_on: '2026-10-20',
      unit_name: 'Xã Gia Hòa',
      channel: 'dien_thoai',
      category: 'toi_pham',
      legal_type: 'to_giac',
      summary: 'Tố giác nhóm trộm cắp xe máy',
      valuable: 1,
      status: 'dang_xu_ly',
    },
  ]);
  // No informant was recorded through the grid.
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM tip_informants')!.n).toBe(0);
});

// ---------------------------------------------------------------------------------------------

test('mediations pick their team by a few letters (a list loaded when the grid opens)', async ({ page, db, host }) => {
  const teamKind = db.get<{ id: string }>("SELECT id FROM mass_org_kinds WHERE code = 'to_hoa_giai'")!.id;
  for (const [name, unit] of [
    ['Tổ hòa giải thôn Đông', 'Xã Gia Hòa'],
    ['Tổ hòa giải thôn Tây', 'Xã Gia Hòa'],
  ] as const) {
    const r = await apiOf(host).result('massOrgs.create', {
      kindId: teamKind,
      unitId: unitId(db, unit),
      name,
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2025-01-01',
      note: null,
    });
    expect(r.ok, JSON.stringify(r.ok ? null : r.error)).toBe(true);
  }

  const grid = new EntryGridPage(page);
  await grid.openActivities();
  await grid.open('Hòa giải ở cơ sở');
  await expect(grid.cell('Ngày tiếp nhận', 1)).toBeFocused();
  for (const [i, text] of ['3/11', 'hoa', 'tay', 'yeu cau', 'dat', 'Tranh chấp lối đi chung giữa hai hộ', 'thanh', '10/11'].entries()) {
    if (i > 0) await grid.press('Tab');
    await grid.type(text);
    // The team cell lists what matches while typing.
    if (i === 2)
      await expect(page.getByRole('listbox', { name: 'Gợi ý: Tổ hòa giải' }).getByRole('option')).toHaveText(['Tổ hòa giải thôn Tây']);
  }
  await expect(grid.cell('Tổ hòa giải', 1)).toHaveValue('Tổ hòa giải thôn Tây');
  await expect(grid.cell('Kết quả', 1)).toHaveValue('Hòa giải thành');
  await grid.press('Control+S');

  await expect(page.getByText('Đã lưu 1 dòng.')).toBeVisible();
  expect(
    db.all(
      `SELECT m.received_on, u.name AS unit_name, o.name AS team_name, m.basis, m.case_type, m.summary, m.outcome, m.closed_on
         FROM mediations m JOIN units u ON u.id = m.unit_id LEFT JOIN mass_orgs o ON o.id = m.team_id`,
    ),
  ).toEqual([
    {
      received_on: '2026-11-03',
      unit_name: 'Xã Gia Hòa',
      team_name: 'Tổ hòa giải thôn Tây',
      basis: 'yeu_cau',
      case_type: 'dat_dai',
      summary: 'Tranh chấp lối đi chung giữa hai hộ',
      outcome: 'thanh',
      closed_on: '2026-11-10',
    },
  ]);
});

test('the team column asks for what is typed: a team named as another is picked by its commune, and saved', async ({ page, db, host }) => {
  const teamKind = db.get<{ id: string }>("SELECT id FROM mass_org_kinds WHERE code = 'to_hoa_giai'")!.id;
  for (const [name, unit] of [
    ['Tổ hòa giải thôn Đông', 'Xã Gia Hòa'],
    ['Tổ hòa giải thôn Đông', 'Xã Gia Hưng'],
    ['Tổ hòa giải thôn Bắc', 'Xã Gia Hưng'],
  ] as const) {
    const r = await apiOf(host).result('massOrgs.create', {
      kindId: teamKind,
      unitId: unitId(db, unit),
      name,
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2025-01-01',
      note: null,
    });
    expect(r.ok, JSON.stringify(r.ok ? null : r.error)).toBe(true);
  }

  const grid = new EntryGridPage(page);
  await grid.openActivities();
  await grid.open('Hòa giải ở cơ sở');
  await expect(grid.cell('Ngày tiếp nhận', 1)).toBeFocused();
  for (const [i, text] of ['4/11', 'hung', 'dong gia hung', 'yeu cau', 'dat', 'Tranh chấp ranh giới đất', 'thanh', '12/11'].entries()) {
    if (i > 0) await grid.press('Tab');
    await grid.type(text);
    // Typed without diacritics, the team of that commune is offered, named with its commune.
    if (i === 2)
      await expect(page.getByRole('listbox', { name: 'Gợi ý: Tổ hòa giải' }).getByRole('option')).toHaveText([
        'Tổ hòa giải thôn Đông (Xã Gia Hưng)',
      ]);
  }
  await expect(grid.cell('Tổ hòa giải', 1)).toHaveValue('Tổ hòa giải thôn Đông (Xã Gia Hưng)');
  await grid.press('Control+S');

  await expect(page.getByText('Đã lưu 1 dòng.')).toBeVisible();
  expect(
    db.all(
      `SELECT m.received_on, o.name AS team_name, tu.name AS team_unit, m.summary
         FROM mediations m LEFT JOIN mass_orgs o ON o.id = m.team_id LEFT JOIN units tu ON tu.id = o.unit_id`,
    ),
  ).toEqual([
    { received_on: '2026-11-04', team_name: 'Tổ hòa giải thôn Đông', team_unit: 'Xã Gia Hưng', summary: 'Tranh chấp ranh giới đất' },
  ]);
});
