/**
 * The Word report (Decree 30/2020): the DOCX written from the Sa Pa and Gia Viễn fixture documents
 * is unzipped and its XML checked — page and margins, fonts and sizes, the header block, page
 * numbers from page 2, justified body, headings kept with the next paragraph, tables inside the
 * margins, native charts with their data, the closing, and the seed figures and sentences.
 */
import { describe, expect, it } from 'vitest';
import { reportDocx } from '../../../electron/backend/reports/report-docx';
import { TEXT_WIDTH, TEXT_WIDTH_LANDSCAPE, TIEU_NGU_WIDTH } from '../../../electron/backend/reports/docx-layout';
import { listEntries, readEntry } from '../../../electron/backend/xlsx/zip';
import type { ReportDocument } from '../../../shared/domain/report/document';
import { GIA_VIEN_REPORT, GIA_VIEN_SENTENCES, SAPA_REPORT, SAPA_SENTENCES } from '../../fixtures/report-document';

const LIMITS = { maxEntries: 500, maxEntryBytes: 20_000_000, maxTotalBytes: 50_000_000 };

/** The parts of a zip package by lower-case name, as text (or raw bytes for binary parts). */
function unzip(bytes: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(bytes);
  const out = new Map<string, Buffer>();
  for (const [name, entry] of listEntries(buf, LIMITS)) out.set(name, readEntry(buf, entry, LIMITS.maxEntryBytes));
  return out;
}

function part(parts: Map<string, Buffer>, name: string): string {
  const p = parts.get(name.toLowerCase());
  if (!p) throw new Error(`no part ${name}; parts: ${[...parts.keys()].join(', ')}`);
  return p.toString('utf8');
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

interface Para {
  xml: string;
  pPr: string;
  text: string;
  runs: { text: string; rPr: string }[];
}

/** Every paragraph of a part, with its properties and its runs' texts. */
function paragraphs(xml: string): Para[] {
  return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => {
    const inner = m[1] ?? m[2] ?? '';
    const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(inner)?.[1] ?? '';
    const runs = [...inner.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((r) => ({
      rPr: /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(r[1]!)?.[1] ?? '',
      text: unescapeXml([...r[1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
    }));
    return { xml: inner, pPr, runs, text: runs.map((r) => r.text).join('') };
  });
}

function para(list: Para[], text: string): Para {
  const found = list.find((p) => p.text === text);
  if (!found) throw new Error(`no paragraph "${text}"`);
  return found;
}

const isBold = (rPr: string) => /<w:b\/>/.test(rPr);
const isItalic = (rPr: string) => /<w:i\/>/.test(rPr);
const size = (rPr: string) => Number(/<w:sz w:val="(\d+)"\/>/.exec(rPr)?.[1] ?? NaN);
const attr = (xml: string, el: string, name: string) => Number(new RegExp(`<w:${el} [^>]*w:${name}="(\\d+)"`).exec(xml)?.[1] ?? NaN);
const tables = (xml: string) => [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1]!);
const gridCols = (tbl: string) => [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));

describe('reportDocx (Decree 30/2020)', async () => {
  const sapa = unzip(await reportDocx(SAPA_REPORT));
  const doc = part(sapa, 'word/document.xml');
  const paras = paragraphs(doc);
  const sections = [...doc.matchAll(/<w:sectPr>([\s\S]*?)<\/w:sectPr>/g)].map((m) => m[1]!);

  it('sets A4 portrait with the chosen margins, Times New Roman 14 for every script', () => {
    const body = sections[0]!;
    expect(body).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    // 20 / 15 / 20 / 30 mm: inside the decree's 20–25, 15–20, 20–25, 30–35 mm.
    expect(body).toContain(
      '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/>',
    );
    const styles = part(sapa, 'word/styles.xml');
    const defaults = /<w:docDefaults>([\s\S]*?)<\/w:docDefaults>/.exec(styles)![1]!;
    expect(defaults).toContain(
      '<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"/>',
    );
    expect(defaults).toContain('<w:sz w:val="28"/>');
    expect(defaults).toContain('w:val="vi-VN"');
  });

  it('numbers the pages from page 2, centred in the header, in every section; appendices count on their own', () => {
    expect(sections).toHaveLength(3);
    const rels = part(sapa, 'word/_rels/document.xml.rels');
    for (const [i, s] of sections.entries()) {
      expect(s).toContain('<w:titlePg/>');
      const ref = (type: string) => {
        const id = new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"/>`).exec(s)![1]!;
        return part(sapa, `word/${new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)![1]!}`);
      };
      const numbered = ref('default');
      expect(numbered).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      expect(numbered).toContain('<w:jc w:val="center"/>');
      expect(numbered).toContain('<w:sz w:val="28"/>');
      expect(ref('first')).not.toContain('PAGE');
      if (i > 0) expect(s).toContain('<w:pgNumType w:start="1"/>');
    }
    // The wide appendix is on a landscape page.
    expect(sections[2]).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
  });

  it('writes the two-column header block in a borderless table with the right column wide enough for the Quốc hiệu', () => {
    const header = tables(doc)[0]!;
    const [left, right] = gridCols(header) as [number, number];
    expect(left + right).toBe(TEXT_WIDTH);
    expect(right / TEXT_WIDTH).toBeGreaterThanOrEqual(0.6 - 0.001);
    expect(header).toContain('<w:tblLayout w:type="fixed"/>');
    expect(header).not.toMatch(/w:val="single"[^>]*w:sz="4"/);

    const parent = para(paras, 'CÔNG AN TỈNH LÀO CAI').runs[0]!;
    expect([isBold(parent.rPr), size(parent.rPr)]).toEqual([false, 26]);
    const issuer = para(paras, 'CÔNG AN THỊ XÃ SA PA').runs[0]!;
    expect([isBold(issuer.rPr), size(issuer.rPr)]).toEqual([true, 26]);
    const nation = para(paras, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').runs[0]!;
    expect([isBold(nation.rPr), size(nation.rPr)]).toEqual([true, 26]);
    const motto = para(paras, 'Độc lập - Tự do - Hạnh phúc').runs[0]!;
    expect([isBold(motto.rPr), size(motto.rPr)]).toEqual([true, 28]);
    const number = para(paras, 'Số: 15/BC-CATX').runs[0]!;
    expect([isBold(number.rPr), isItalic(number.rPr), size(number.rPr)]).toEqual([false, false, 26]);
    const date = para(paras, 'Sa Pa, ngày 05 tháng 01 năm 2023').runs[0]!;
    expect([isItalic(date.rPr), size(date.rPr)]).toEqual([true, 28]);

    // Rules: empty paragraphs with a top border; the Tiêu ngữ's as long as the motto, the issuer's a third of its column.
    const rules = paras.filter((p) => p.text === '' && p.pPr.includes('<w:pBdr><w:top w:val="single"'));
    const ruleWidth = (p: Para, space: number) => space - attr(p.pPr, 'ind', 'left') - attr(p.pPr, 'ind', 'right');
    expect(rules.length).toBeGreaterThanOrEqual(3);
    expect(Math.abs(ruleWidth(rules[0]!, left) - left / 3)).toBeLessThanOrEqual(2);
    expect(Math.abs(ruleWidth(rules[1]!, right) - TIEU_NGU_WIDTH)).toBeLessThanOrEqual(2);
  });

  it('writes the kind and the summary bold and centred, and the addressee', () => {
    for (const text of ['BÁO CÁO', SAPA_REPORT.header.summary]) {
      const p = para(paras, text);
      expect(p.pPr).toContain('<w:jc w:val="center"/>');
      expect([isBold(p.runs[0]!.rPr), size(p.runs[0]!.rPr)]).toEqual([true, 28]);
    }
    expect(para(paras, 'Kính gửi: Công an tỉnh Lào Cai.').runs[0]!.rPr).not.toContain('<w:b/>');
  });

  it('justifies the body with a 1.27 cm first-line indent, at least 6 pt between paragraphs, line spacing 1–1.5', () => {
    for (const text of Object.values(SAPA_SENTENCES)) {
      const p = para(paras, text);
      expect(p.pPr).toContain('<w:jc w:val="both"/>');
      expect(attr(p.pPr, 'ind', 'firstLine')).toBe(720);
      expect(attr(p.pPr, 'spacing', 'before') + attr(p.pPr, 'spacing', 'after')).toBeGreaterThanOrEqual(120);
      const line = attr(p.pPr, 'spacing', 'line');
      expect(line).toBeGreaterThanOrEqual(240);
      expect(line).toBeLessThanOrEqual(360);
      expect(p.pPr).toContain('w:lineRule="auto"');
      expect(p.xml).not.toContain('<w:br');
    }
  });

  it('writes the line rule with every line spacing (LibreOffice reads a bare w:line as an exact height)', () => {
    const spacings = [...doc.matchAll(/<w:spacing [^>]*\/>/g)].map((m) => m[0]);
    const withLine = spacings.filter((sp) => sp.includes('w:line='));
    expect(withLine.length).toBeGreaterThan(20);
    expect(withLine.filter((sp) => !sp.includes('w:lineRule="auto"'))).toEqual([]);
  });

  it('writes headings I./1./a) bold (capitals at level 1, italic at level 3) and keeps each with the next paragraph', () => {
    const h1 = para(paras, 'I. ĐẶC ĐIỂM TÌNH HÌNH');
    const h2 = para(paras, '1. Công tác tuyên truyền, vận động');
    const h3 = para(paras, 'a) Mô hình nổi bật');
    for (const h of [h1, h2, h3]) {
      expect(h.pPr).toContain('<w:keepNext/>');
      expect(isBold(h.runs[0]!.rPr)).toBe(true);
    }
    expect(isItalic(h2.runs[0]!.rPr)).toBe(false);
    expect(isItalic(h3.runs[0]!.rPr)).toBe(true);
  });

  it('lays tables out fixed, inside the margins, with repeated header rows, unsplit rows and a bold total', () => {
    // The header block (first) and the closing (before the appendices) are frames, not grids.
    const grids = tables(doc).filter((t, i) => i > 0 && !t.includes('Nơi nhận:'));
    expect(grids).toHaveLength(3);
    const widths = [TEXT_WIDTH, TEXT_WIDTH, TEXT_WIDTH_LANDSCAPE];
    for (const [i, tbl] of grids.entries()) {
      expect(tbl).toContain('<w:tblLayout w:type="fixed"/>');
      const cols = gridCols(tbl);
      expect(cols.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(widths[i]!);
      expect(cols.reduce((a, b) => a + b, 0)).toBeGreaterThan(widths[i]! - 10);
      const rows = [...tbl.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]!);
      expect(rows.every((r) => r.includes('<w:cantSplit/>'))).toBe(true);
      expect(rows[0]).toContain('<w:tblHeader/>');
      const total = paragraphs(rows[rows.length - 1]!).find((p) => p.text === 'Tổng cộng')!;
      expect(isBold(total.runs[0]!.rPr)).toBe(true);
    }
    // The wide appendix table has a two-row header with vertically merged cells.
    expect(grids[2]).toContain('<w:vMerge w:val="restart"/>');
    expect(grids[2]).toContain('<w:vMerge w:val="continue"/>');
    // Each table's title is kept with it.
    expect(para(paras, 'Bảng 1. Kết quả tuyên truyền theo hình thức, giai đoạn 2020 - 2022').pPr).toContain('<w:keepNext/>');
  });

  it('embeds native charts with their data in a workbook Word can edit', () => {
    const chart1 = part(sapa, 'word/charts/chart1.xml');
    const chart2 = part(sapa, 'word/charts/chart2.xml');
    expect(chart1).toContain('<c:barDir val="col"/>');
    for (const v of [285, 290, 56]) expect(chart1).toContain(`<c:v>${v}</c:v>`);
    for (const v of [27771, 22030, 1710]) expect(chart2).toContain(`<c:v>${v}</c:v>`);
    expect(chart1).toContain('<c:v>Loa truyền thanh</c:v>');
    expect(chart1).toContain('Số buổi tuyên truyền theo hình thức, 2020 - 2022');
    expect(chart1).toContain('<a:latin typeface="Times New Roman"/>');
    expect(part(sapa, '[Content_Types].xml')).toContain('application/vnd.openxmlformats-officedocument.drawingml.chart+xml');
    const rels = part(sapa, 'word/charts/_rels/chart1.xml.rels');
    const target = /Target="\.\.\/(embeddings\/[^"]+\.xlsx)"/.exec(rels)![1]!;
    const workbook = unzip(sapa.get(`word/${target}`.toLowerCase())!);
    const sheet = part(workbook, 'xl/worksheets/sheet1.xml');
    for (const v of [285, 290, 56]) expect(sheet).toContain(`<v>${v}</v>`);
    expect(doc).toContain('uri="http://schemas.openxmlformats.org/drawingml/2006/chart"');
  });

  it('closes with the signature on the right and "Nơi nhận" on the left', () => {
    const closing = tables(doc).find((t) => t.includes('Nơi nhận:'))!;
    const cells = [...closing.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => paragraphs(m[1]!));
    const [left, right] = cells as [Para[], Para[]];
    const label = para(left, 'Nơi nhận:').runs[0]!;
    expect([isBold(label.rPr), isItalic(label.rPr), size(label.rPr)]).toEqual([true, true, 24]);
    const items = left.slice(1).map((p) => p.text);
    expect(items).toEqual([
      '- Công an tỉnh Lào Cai (PV05);',
      '- Thường trực Thị ủy, UBND thị xã;',
      '- Lãnh đạo Công an thị xã;',
      '- Lưu: VT, ĐTH.',
    ]);
    expect(left.slice(1).every((p) => size(p.runs[0]!.rPr) === 22)).toBe(true);
    for (const text of ['KT. TRƯỞNG CÔNG AN', 'PHÓ TRƯỞNG CÔNG AN', 'Nguyễn Văn Hưng']) {
      const run = para(right, text).runs[0]!;
      expect([isBold(run.rPr), size(run.rPr)]).toEqual([true, 28]);
    }
  });

  it('holds the seed figures and sentences, and the appendices with their labels', () => {
    const text = paras.map((p) => p.text).join('\n');
    for (const s of Object.values(SAPA_SENTENCES)) expect(text).toContain(s);
    for (const figure of ['631', '51.511', '7.159', '27.771', '22.030', '924', '345', '285', '290']) expect(text).toContain(figure);
    const label = para(paras, 'Phụ lục I').runs[0]!;
    expect([isBold(label.rPr), size(label.rPr)]).toEqual([true, 28]);
    expect(text).toContain('KẾT QUẢ TUYÊN TRUYỀN VÀ NGUỒN TIN THEO XÃ, PHƯỜNG');
    expect(text).toContain('(Kèm theo Báo cáo số 15/BC-CATX ngày 05/01/2023)');
    expect(text).toContain('Xã Tả Phìn');
  });

  it('writes a draft with blanks for the number and the date, and the circulation mark in a box', async () => {
    const gv = unzip(await reportDocx(GIA_VIEN_REPORT));
    const list = paragraphs(part(gv, 'word/document.xml'));
    const nb = '\u00a0'.repeat(6);
    expect(list.some((p) => p.text === `Số: ${nb}/BC-CAH`)).toBe(true);
    expect(list.some((p) => p.text === `Gia Viễn, ngày${nb}tháng${nb}năm 2023`)).toBe(true);
    const mark = para(list, 'LƯU HÀNH NỘI BỘ').runs[0]!;
    expect(isBold(mark.rPr)).toBe(true);
    expect(mark.rPr).toContain('<w:bdr w:val="single"');
    const text = list.map((p) => p.text).join('\n');
    for (const s of Object.values(GIA_VIEN_SENTENCES)) expect(text).toContain(s);
    expect(text).toContain('Xã Gia Thắng');
    // One appendix: "Phụ lục" without a numeral; "Kính gửi" absent without addressees.
    expect(list.some((p) => p.text === 'Phụ lục')).toBe(true);
    expect(text).not.toContain('Kính gửi');
  });
});

describe('reportDocx: blocks and refusals', () => {
  const minimal = (body: ReportDocument['body']): ReportDocument => ({ ...GIA_VIEN_REPORT, body, appendices: [] });

  it('draws a line chart with gaps for missing values ("thiếu dữ liệu", never zero)', async () => {
    const parts = unzip(
      await reportDocx(
        minimal([
          {
            kind: 'chart',
            chart: {
              title: 'Nguồn tin theo năm',
              type: 'line',
              categories: ['2021', '2022', '2023'],
              series: [{ name: 'Nguồn tin', values: [120, null, 312] }],
              unit: 'tin',
            },
          },
        ]),
      ),
    );
    const chart = part(parts, 'word/charts/chart1.xml');
    expect(chart).toContain('<c:lineChart>');
    expect(chart).toContain('<c:dispBlanksAs val="gap"/>');
    expect(chart).toContain('<c:v>120</c:v>');
    expect(chart).toContain('<c:v>312</c:v>');
    expect(chart).not.toMatch(/<c:pt idx="1"><c:v>0<\/c:v>/);
  });

  it('prints the secrecy mark in bold capitals in a box under the number', async () => {
    const doc = { ...minimal([]), header: { ...GIA_VIEN_REPORT.header, secrecy: 'Mật', circulation: null } };
    const list = paragraphs(part(unzip(await reportDocx(doc)), 'word/document.xml'));
    const mark = para(list, 'MẬT').runs[0]!;
    expect(isBold(mark.rPr)).toBe(true);
    expect(mark.rPr).toContain('<w:bdr w:val="single"');
    expect(list.some((p) => p.text === 'LƯU HÀNH NỘI BỘ')).toBe(false);
    expect(list.findIndex((p) => p.text === 'MẬT')).toBe(list.findIndex((p) => p.text.startsWith('Số:')) + 1);
  });

  it('never puts a line break inside a justified paragraph', async () => {
    const parts = unzip(await reportDocx(minimal([{ kind: 'paragraph', origin: 'written', runs: [{ text: 'Dòng một\nDòng hai' }] }])));
    const p = para(paragraphs(part(parts, 'word/document.xml')), 'Dòng một Dòng hai');
    expect(p.xml).not.toContain('<w:br');
  });

  it('refuses a table whose rows do not match its columns', async () => {
    const table = { title: 'Bảng lỗi', columns: [{ label: 'A', width: 1, align: 'left' as const }], rows: [['1', '2']] };
    await expect(reportDocx(minimal([{ kind: 'table', table }]))).rejects.toThrow(/2 cells for 1 columns/);
    const header = { ...table, rows: [['1']], header: [[{ text: 'A', span: 2 }]] };
    await expect(reportDocx(minimal([{ kind: 'table', table: header }]))).rejects.toThrow(/spans 2 of 1 columns/);
  });
});
