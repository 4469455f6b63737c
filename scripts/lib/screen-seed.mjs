// The office and records the screenshot scripts show (scripts/screenshots.mjs and
// scripts/compare-screens.mjs): Công an huyện Gia Viễn set up through the wizard, four villages
// under Xã Gia Hòa and four propaganda sessions, so the units, activity and period screens show
// real rows and sentences.

/** Walks the setup wizard up to the last step; `beforeFinish` runs with the district chosen (a screenshot). */
export async function setUpGiaVien(page, beforeFinish = async () => {}) {
  await page.getByRole('heading', { name: 'Thiết lập ban đầu' }).waitFor();
  await page.getByRole('radio', { name: /Công an cấp huyện/ }).check();
  await page.getByRole('combobox', { name: 'Tỉnh, thành phố' }).click();
  await page.getByRole('combobox', { name: 'Tỉnh, thành phố' }).fill('ninh binh');
  await page.getByRole('option', { name: /Tỉnh Ninh Bình/ }).click();
  await page.getByRole('combobox', { name: /Huyện, quận/ }).click();
  await page.getByRole('combobox', { name: /Huyện, quận/ }).fill('gia vien');
  await beforeFinish();
  await page.getByRole('option', { name: /Huyện Gia Viễn/ }).click();
  await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
  await page.getByRole('tree').waitFor();
}

/** Villages under Xã Gia Hòa and propaganda sessions in Gia Hòa and Gia Hưng; returns the two communes. */
export async function seedUnitsAndSessions(api) {
  const units = await api('units.list', { includeEnded: false });
  const hoa = units.find((u) => u.name === 'Xã Gia Hòa');
  const hung = units.find((u) => u.name === 'Xã Gia Hưng');
  for (const n of ['Thôn 1', 'Thôn 2', 'Thôn 10', 'Thôn Đông Xuyên']) {
    await api('units.create', { parentId: hoa.id, name: n, kind: 'thon', code: null, validFrom: '2025-07-01' });
  }
  const session = (unitId, date, form, topic, attendance, leaflets, minutes) => ({
    date,
    unitId,
    organizationId: null,
    purpose: 'tuyen_truyen',
    form,
    topic,
    venue: 'Nhà văn hóa',
    attendance,
    leaflets,
    loudspeakerMinutes: minutes,
    posts: 0,
    newsletters: 0,
    commitments: 0,
    note: null,
  });
  await api('activities.saveMany', {
    kind: 'propaganda',
    records: [
      session(hoa.id, '2026-03-05', 'truc_tiep', 'Phòng, chống ma túy trong thanh thiếu niên', 1250, 300, 0),
      session(hoa.id, '2026-04-12', 'loa_truyen_thanh', 'Phòng cháy, chữa cháy mùa khô', 2100, 0, 45),
      session(hung.id, '2026-05-20', 'to_roi', 'Cảnh giác lừa đảo qua mạng', 640, 1500, 0),
      session(hung.id, '2025-09-02', 'truc_tiep', 'An toàn giao thông', 900, 200, 0),
    ],
  });
  return { hoa, hung };
}
