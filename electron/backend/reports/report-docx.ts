/**
 * A ReportDocument as a Word file in the Decree 30/2020 format (Phụ lục I): A4 portrait, Times New
 * Roman, the header block, the body, the closing, then each appendix in a section of its own (a new
 * page, landscape when it holds a wide table, page numbers of its own). Page numbers are centred in
 * the top margin from the second page of each section: the first page has an empty header
 * (w:titlePg). The writer only lays the document out; every figure and sentence comes in the document.
 */
import { AlignmentType, Document, Header, Packer, PageNumber, PageOrientation, Paragraph, TextRun, type ISectionOptions } from 'docx';
import type { ReportAppendix, ReportDocument } from '../../../shared/domain/report/document';
import { appendixReference } from '../../../shared/domain/report/decree30';
import { blockElements, type DocxBlock } from './docx-blocks';
import { beforeClosing, closingBlock, headerBlock, titleBlock } from './docx-header';
import { BODY, FONT, MARGIN, PAGE, SIZE, TEXT_WIDTH, TEXT_WIDTH_LANDSCAPE, pt, spacing } from './docx-layout';

function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], size: pt(SIZE.pageNumber) })],
      }),
    ],
  });
}

/** The first page of a section: no page number. */
function emptyHeader(): Header {
  return new Header({ children: [new Paragraph({ children: [] })] });
}

function section(children: DocxBlock[], landscape: boolean, restartNumbering: boolean): ISectionOptions {
  return {
    headers: { default: pageNumberHeader(), first: emptyHeader() },
    properties: {
      titlePage: true,
      page: {
        size: { width: PAGE.width, height: PAGE.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { ...MARGIN },
        ...(restartNumbering ? { pageNumbers: { start: 1 } } : {}),
      },
    },
    children,
  };
}

/** "Phụ lục I" (14 bold), its title (capitals bold), "(Kèm theo Báo cáo số …)" in italics, then its blocks. */
function appendixSection(doc: ReportDocument, appendix: ReportAppendix): ISectionOptions {
  const landscape = appendix.blocks.some((b) => b.kind === 'table' && b.table.landscape === true);
  const width = landscape ? TEXT_WIDTH_LANDSCAPE : TEXT_WIDTH;
  const centred = (text: string, size: number, bold: boolean, italics: boolean, before: number) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: spacing(before, 0, 240),
      keepNext: true,
      children: [new TextRun({ text, size: pt(size), bold, italics })],
    });
  const children: DocxBlock[] = [
    centred(appendix.label, SIZE.appendixLabel, true, false, 0),
    centred(appendix.title.toLocaleUpperCase('vi'), SIZE.appendixTitle, true, false, 60),
    centred(appendixReference(doc.header), SIZE.body, false, true, 60),
    ...appendix.blocks.flatMap((b) => blockElements(b, width)),
  ];
  return section(children, landscape, true);
}

/**
 * Builds the .docx file of a report. The audit-log head (at issue, or now for a draft) is kept in
 * the document's properties (issue 15 item 3), outside the text the office signs.
 */
export async function reportDocx(doc: ReportDocument): Promise<Uint8Array> {
  const body: DocxBlock[] = [
    headerBlock(doc.header),
    ...titleBlock(doc.header),
    ...doc.body.flatMap((b) => blockElements(b, TEXT_WIDTH)),
    beforeClosing(),
    closingBlock(doc.header),
  ];
  const font = { ascii: FONT, hAnsi: FONT, eastAsia: FONT, cs: FONT };
  const file = new Document({
    creator: doc.header.issuingBody,
    title: `${doc.header.kindTitle} ${doc.header.summary}`,
    ...(doc.chainHead ? { description: doc.chainHead } : {}),
    styles: {
      default: {
        document: {
          run: { font, size: pt(SIZE.body), color: '000000', language: { value: 'vi-VN', eastAsia: 'vi-VN' } },
          paragraph: { spacing: spacing(0, 0, BODY.line) },
        },
      },
    },
    sections: [section(body, false, false), ...doc.appendices.map((a) => appendixSection(doc, a))],
  });
  const buffer = await Packer.toBuffer(file);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
