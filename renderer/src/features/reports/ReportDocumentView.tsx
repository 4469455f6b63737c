/**
 * A ReportDocument (shared/domain/report/document.ts) laid out as Decree 30/2020 asks: the
 * two-column header (issuing body with its parent; Quốc hiệu and Tiêu ngữ with their rules; number
 * and symbol; place and date in italics), the title and trích yếu, "Kính gửi", the justified body
 * with its headings, tables and charts (vector SVG, so the PDF keeps them sharp), the signature
 * block and "Nơi nhận", then the appendices. The print view and the PDF render exactly this; the
 * stylesheet is report-print.css. Markers of edited or stale sentences are never drawn here.
 */
import type { ReportDocumentDto } from '../../../../shared/ipc/contracts/reports.contract';
import {
  QUOC_HIEU,
  TIEU_NGU,
  appendixReference,
  numberLine,
  placeDateLine,
  recipientLines,
} from '../../../../shared/domain/report/decree30';
import { formatIntVi } from '../../../../shared/lib/numbers';
import './report-print.css';

type Block = ReportDocumentDto['body'][number];
type Table = Extract<Block, { kind: 'table' }>['table'];
type Chart = Extract<Block, { kind: 'chart' }>['chart'];

export function TableView({ table }: { table: Table }) {
  const header: NonNullable<Table['header']> = table.header ?? [table.columns.map((c) => ({ text: c.label, span: 1 }))];
  return (
    <figure>
      <div className="table-title">{table.title}</div>
      <table aria-label={table.title}>
        <colgroup>
          {table.columns.map((c, i) => (
            <col key={i} style={{ width: `${(c.width * 100).toFixed(2)}%` }} />
          ))}
        </colgroup>
        <thead>
          {header.map((cells, r) => (
            <tr key={r}>
              {cells.map((c, i) => (
                <th key={i} colSpan={c.span} rowSpan={c.rowSpan ?? 1}>
                  {c.text}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => (
                <td key={i} style={{ textAlign: table.columns[i]?.align ?? 'left' }}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
          {table.total && (
            <tr className="total">
              {table.total.map((cell, i) => (
                <td key={i} style={{ textAlign: table.columns[i]?.align ?? 'left' }}>
                  {cell}
                </td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
    </figure>
  );
}

/** A horizontal bar chart of the first series (commune names read best along the side). */
export function ChartView({ chart }: { chart: Chart }) {
  const values = chart.series[0]?.values ?? [];
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const W = 620;
  const label = 200;
  const bar = 14;
  const gap = 6;
  const top = 6;
  const H = top + chart.categories.length * (bar + gap) + 4;
  const span = W - label - 70;
  return (
    <figure className="chart" aria-label={chart.title}>
      <div className="table-title">{chart.title}</div>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={chart.title} style={{ fontFamily: 'inherit' }}>
        <line x1={label} y1={0} x2={label} y2={H} stroke="#000" strokeWidth={0.8} />
        {chart.categories.map((c, i) => {
          const v = values[i] ?? null;
          const y = top + i * (bar + gap);
          const w = v === null ? 0 : (v / max) * span;
          return (
            <g key={i}>
              <text x={label - 6} y={y + bar - 3} textAnchor="end" fontSize={12}>
                {c}
              </text>
              <rect x={label} y={y} width={w} height={bar} fill="#4a4a4a" />
              <text x={label + w + 4} y={y + bar - 3} fontSize={12}>
                {v === null ? 'thiếu dữ liệu' : `${formatIntVi(v)} ${chart.unit}`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'heading':
      return (
        <p className={`h${block.level}`}>
          {block.label} {block.text}
        </p>
      );
    case 'paragraph':
      return (
        <p className="para" data-key={block.key}>
          {block.runs.map((r, i) => (
            <span key={i} style={{ fontWeight: r.bold ? 700 : undefined, fontStyle: r.italic ? 'italic' : undefined }}>
              {r.text}
            </span>
          ))}
        </p>
      );
    case 'table':
      return <TableView table={block.table} />;
    case 'chart':
      return <ChartView chart={block.chart} />;
  }
}

function Head({ doc }: { doc: ReportDocumentDto }) {
  const h = doc.header;
  return (
    <>
      <div className="nd30-head">
        <div>
          {h.parentBody !== '' && <div className="body-parent">{h.parentBody}</div>}
          <div className="body-name">{h.issuingBody}</div>
          <div className="rule-third" />
          <div className="number">{numberLine(h)}</div>
        </div>
        <div>
          <div className="quoc-hieu">{QUOC_HIEU}</div>
          <div className="tieu-ngu">{TIEU_NGU}</div>
          <div className="date">{placeDateLine(h, h.draftYear)}</div>
        </div>
      </div>
      <div className="nd30-title">
        <div className="kind">{h.kindTitle}</div>
        <div className="summary">{h.summary}</div>
        <div className="rule-third" />
      </div>
      {h.addressees.length > 0 && (
        <div className="nd30-addressees">
          {h.addressees.map((a, i) => (
            <div key={i}>{i === 0 ? `Kính gửi: ${a}` : a}</div>
          ))}
        </div>
      )}
    </>
  );
}

function Signature({ doc }: { doc: ReportDocumentDto }) {
  const h = doc.header;
  return (
    <div className="nd30-sign">
      <div>
        <div className="recipients-title">Nơi nhận:</div>
        {recipientLines(h.recipients).map((r, i) => (
          <div key={i} className="recipient">
            {r}
          </div>
        ))}
      </div>
      <div className="signer">
        {h.signerAuthority !== '' && <div>{h.signerAuthority}</div>}
        {h.signerTitle !== '' && <div>{h.signerTitle}</div>}
        <div className="space" />
        <div>{h.signerName}</div>
      </div>
    </div>
  );
}

export function ReportDocumentView({ doc }: { doc: ReportDocumentDto }) {
  return (
    <div className="nd30" data-testid="report-document">
      <div className="nd30-sheet">
        <Head doc={doc} />
        <div className="nd30-body">
          {doc.body.map((b, i) => (
            <BlockView key={i} block={b} />
          ))}
        </div>
        <Signature doc={doc} />
      </div>
      {doc.appendices.map((a, i) => (
        <div key={i} className="nd30-sheet nd30-appendix">
          <div className="label">{a.label}</div>
          <div className="title">{a.title}</div>
          <div className="reference">{appendixReference(doc.header)}</div>
          <div className="nd30-body">
            {a.blocks.map((b, k) => (
              <BlockView key={k} block={b} />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
