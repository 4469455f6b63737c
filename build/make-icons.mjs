// Draws the app icon (a yellow five-pointed star on a red rounded square, the colours of the
// national flag and the police badge) and writes build/icon.png (512×512) and build/icon.ico
// (16–256 px, PNG-compressed entries, which Windows Vista and later read). Node built-ins only, so
// it runs anywhere the project builds: `node build/make-icons.mjs`. The output is deterministic;
// the committed icons can be replaced by a designer's files with the same names and sizes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const OUT_DIR = path.dirname(fileURLToPath(import.meta.url));
const RED = [218, 37, 29];
const YELLOW = [255, 205, 0];
const SAMPLES = 4; // 4×4 supersampling per pixel for smooth edges

/** Signed distance to a rounded square centred in the unit square (negative inside). */
function roundedSquare(x, y, half, radius) {
  const qx = Math.abs(x - 0.5) - (half - radius);
  const qy = Math.abs(y - 0.5) - (half - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Vertices of a five-pointed star centred at (cx, cy), one point straight up. */
function starPolygon(cx, cy, outer, inner) {
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return pts;
}

function insidePolygon(x, y, pts) {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

// The regular star's inner radius is outer × sin(18°)/sin(54°) ≈ 0.382.
const STAR = starPolygon(0.5, 0.53, 0.34, 0.34 * 0.381966);

/** RGBA pixels of the icon at `size`×`size`. */
function render(size) {
  const px = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let qx = 0; qx < size; qx++) {
      let bg = 0;
      let star = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (qx + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (roundedSquare(x, y, 0.47, 0.1) <= 0) {
            bg++;
            if (insidePolygon(x, y, STAR)) star++;
          }
        }
      }
      const n = SAMPLES * SAMPLES;
      const o = (py * size + qx) * 4;
      if (bg === 0) continue;
      const t = star / bg; // share of the covered area that is star
      for (let c = 0; c < 3; c++) px[o + c] = Math.round(RED[c] * (1 - t) + YELLOW[c] * t);
      px[o + 3] = Math.round((255 * bg) / n);
    }
  }
  return px;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A minimal PNG: 8-bit RGBA, no interlace, filter 0 on every row. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO file whose entries are PNG images (a size of 256 is written as 0, per the format). */
function encodeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  const entries = [];
  let offset = 6 + 16 * pngs.length;
  for (const { size, data } of pngs) {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e[2] = 0; // no palette
    e[3] = 0;
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.data)]);
}

const png512 = encodePng(512, render(512));
fs.writeFileSync(path.join(OUT_DIR, 'icon.png'), png512);
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
const ico = encodeIco(icoSizes.map((size) => ({ size, data: encodePng(size, render(size)) })));
fs.writeFileSync(path.join(OUT_DIR, 'icon.ico'), ico);
console.log(`make-icons: wrote icon.png (${png512.length} bytes) and icon.ico (${ico.length} bytes, ${icoSizes.join('/')} px)`);
