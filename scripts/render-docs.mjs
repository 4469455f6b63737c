// `npm run render-docs [-- <file.pptx|file.docx|folder> …]`: writes the sample reports (the Sa Pa
// and Gia Viễn fixture documents, tests/fixtures/report-document.ts) as DOCX with the app's writer,
// converts them and any .docx/.pptx given (files, or folders searched one level deep) to PDF with
// LibreOffice in one batch, then to PNG pages with pdftoppm (80 dpi) in screenshots/docs/, so
// people can look at the pages. Checks what can be checked from the PDF's text: the Quốc hiệu, the
// Tiêu ngữ and the issuing body each on one line. Not part of `npm test`: LibreOffice takes seconds
// to minutes on a loaded machine. Needs Debian's libreoffice-writer-nogui, libreoffice-impress-nogui,
// poppler-utils and fonts-liberation2.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const started = Date.now();
const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'screenshots', 'docs');
/** Margins of the writer (30 mm left, 15 mm right) in points, with a point of tolerance. */
const LEFT_PT = (30 * 72) / 25.4 - 1;
const RIGHT_PT = (15 * 72) / 25.4 - 1;

function need(tool, pkg) {
  const r = spawnSync(tool, ['-v'], { encoding: 'utf8' });
  if (r.error) {
    console.error(`render-docs: "${tool}" was not found. Install it first: apt-get install -y --no-install-recommends ${pkg}`);
    process.exit(2);
  }
}
need('soffice', 'libreoffice-writer-nogui libreoffice-impress-nogui fonts-liberation2');
need('pdftoppm', 'poppler-utils');
need('pdftotext', 'poppler-utils');

/** .docx and .pptx files named on the command line, or found in the folders named there. */
function givenFiles() {
  const files = [];
  for (const arg of process.argv.slice(2)) {
    const p = path.resolve(arg);
    if (!fs.existsSync(p)) {
      console.error(`render-docs: ${arg} does not exist`);
      process.exit(2);
    }
    const list = fs.statSync(p).isDirectory() ? fs.readdirSync(p).map((f) => path.join(p, f)) : [p];
    files.push(...list.filter((f) => /\.(docx|pptx)$/i.test(f)));
  }
  return files;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-render-docs-'));
try {
  // 1. The sample DOCX files, written by the app's own writer from the fixture documents. The bundle
  // goes under .cache/ in the project so that its imports of docx resolve from node_modules.
  const entry = path.join(root, '.cache', 'render-docs', `samples-${process.pid}.mjs`);
  await build({
    stdin: {
      contents: [
        "import { reportDocx } from './electron/backend/reports/report-docx';",
        "import { SAPA_REPORT, GIA_VIEN_REPORT } from './tests/fixtures/report-document';",
        'export const samples = { "bao-cao-sa-pa": SAPA_REPORT, "bao-cao-gia-vien-du-thao": GIA_VIEN_REPORT };',
        'export { reportDocx };',
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: entry,
    logLevel: 'warning',
  });
  const { samples, reportDocx } = await import(pathToFileURL(entry).href);
  fs.rmSync(entry);
  const inputs = [];
  /** The heading lines of each sample, as the PDF's text shows them (level 1 in capitals). */
  const headingsOf = new Map();
  for (const [name, doc] of Object.entries(samples)) {
    const file = path.join(work, `${name}.docx`);
    fs.writeFileSync(file, await reportDocx(doc));
    inputs.push(file);
    const blocks = [...doc.body, ...doc.appendices.flatMap((a) => a.blocks)].filter((b) => b.kind === 'heading');
    headingsOf.set(
      file,
      blocks.map((b) => `${b.label} ${b.level === 1 ? b.text.toLocaleUpperCase('vi') : b.text}`),
    );
  }
  inputs.push(...givenFiles());
  const written = Date.now();

  // 2. One LibreOffice run for every file, with a profile of its own (another soffice may be running).
  const pdfDir = path.join(work, 'pdf');
  const profile = pathToFileURL(path.join(work, 'profile')).href;
  const lo = spawnSync(
    'soffice',
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir, ...inputs],
    {
      encoding: 'utf8',
      timeout: 600_000,
    },
  );
  if (lo.status !== 0) {
    console.error(`render-docs: LibreOffice failed (${lo.status ?? lo.signal}):\n${lo.stdout}\n${lo.stderr}`);
    process.exit(1);
  }
  const converted = Date.now();

  // 3. PNG pages, replacing the ones of an earlier run.
  fs.mkdirSync(outDir, { recursive: true });
  const problems = [];
  for (const input of inputs) {
    const base = path.basename(input).replace(/\.(docx|pptx)$/i, '');
    const pdf = path.join(pdfDir, `${base}.pdf`);
    if (!fs.existsSync(pdf)) {
      problems.push(`${base}: LibreOffice wrote no PDF`);
      continue;
    }
    for (const old of fs.readdirSync(outDir).filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png')))
      fs.rmSync(path.join(outDir, old));
    const r = spawnSync('pdftoppm', ['-png', '-r', '80', pdf, path.join(outDir, base)], { encoding: 'utf8' });
    if (r.status !== 0) problems.push(`${base}: pdftoppm failed: ${r.stderr}`);
    const pages = fs.readdirSync(outDir).filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png')).length;
    console.log(`${base}: ${pages} page(s)`);
    if (/\.docx$/i.test(input)) problems.push(...checkDocxPages(base, pdf, headingsOf.get(input) ?? []));
  }
  const done = Date.now();
  console.log(
    `render-docs: ${inputs.length} file(s) in ${((done - started) / 1000).toFixed(1)} s ` +
      `(writing ${((written - started) / 1000).toFixed(1)} s, LibreOffice ${((converted - written) / 1000).toFixed(1)} s, ` +
      `pdftoppm ${((done - converted) / 1000).toFixed(1)} s); pages in ${path.relative(root, outDir)}/`,
  );
  if (problems.length > 0) {
    console.error(`render-docs: layout problems:\n- ${problems.join('\n- ')}`);
    process.exitCode = 1;
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

/** The pages of a PDF with their words and boxes (pdftotext -bbox), in reading order. */
function pdfPages(pdf) {
  const r = spawnSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  return r.stdout
    .split('<page ')
    .slice(1)
    .map((chunk) => {
      const size = /width="([\d.]+)" height="([\d.]+)"/.exec(chunk);
      const words = [...chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
        (m) => ({
          x0: Number(m[1]),
          y0: Number(m[2]),
          x1: Number(m[3]),
          text: m[5]
            .replace(/&amp;/g, '&')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"'),
        }),
      );
      return { width: Number(size[1]), height: Number(size[2]), words };
    });
}

/**
 * What the PDF's text can show: the Quốc hiệu and the Tiêu ngữ each on one line of page 1 (their
 * widths printed: the Tiêu ngữ's rule is drawn as long), every word inside the margins (tables
 * included), and no page ending with a heading (`headings`: the document's heading lines).
 */
function checkDocxPages(base, pdf, headings) {
  const pages = pdfPages(pdf);
  const problems = [];
  const words = pages[0]?.words ?? [];
  const findRun = (phrase) => {
    const want = phrase.split(' ');
    for (let i = 0; i + want.length <= words.length; i++) {
      if (want.every((w, k) => words[i + k].text === w)) return words.slice(i, i + want.length);
    }
    return null;
  };
  for (const phrase of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']) {
    const run = findRun(phrase);
    if (!run) {
      problems.push(`${base}: "${phrase}" not found in order on page 1 (wrapped or garbled)`);
      continue;
    }
    const lines = new Set(run.map((w) => Math.round(w.y0)));
    if (lines.size > 1) problems.push(`${base}: "${phrase}" is on ${lines.size} lines`);
    const width = run[run.length - 1].x1 - run[0].x0;
    console.log(`  ${base}: "${phrase}" on one line, ${width.toFixed(1)} pt wide (${Math.round(width * 20)} twips)`);
  }
  for (const [i, page] of pages.entries()) {
    const outside = page.words.filter((w) => w.x0 < LEFT_PT || w.x1 > page.width - RIGHT_PT);
    if (outside.length > 0) problems.push(`${base} page ${i + 1}: outside the margins: ${outside.map((w) => w.text).join(' ')}`);
    const text = page.words.map((w) => w.text).join(' ');
    const orphan = i < pages.length - 1 ? headings.find((h) => text.endsWith(h)) : undefined;
    if (orphan) problems.push(`${base} page ${i + 1}: ends with the heading "${orphan}"`);
  }
  console.log(`  ${base}: ${pages.length} page(s) checked for margins and headings at the foot of a page`);
  return problems;
}
