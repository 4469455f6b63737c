// `npm start`: builds, then opens the Electron window if the Electron binary is installed,
// otherwise starts the local web host and prints the address to open. Arguments after `--`
// (e.g. `npm start -- --data-dir D:\ANTQ`) are passed on.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

/** The path of the Electron binary if it has been downloaded, without triggering a download. */
function electronBinary() {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('electron/package.json'));
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = path.join(dir, 'dist', rel);
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();
if (bin) {
  console.log('Đang mở cửa sổ phần mềm (Electron)...');
  const child = spawn(bin, ['.', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron chưa được cài đặt trên máy này (npm không tải được tệp chạy Electron khi không có mạng).');
  console.log('Phần mềm sẽ chạy qua trình duyệt: mở đúng địa chỉ in ở dưới (cả phần #token=…). Nhấn Ctrl+C để dừng.');
  console.log('(Electron is not installed: serving the app on 127.0.0.1 instead; open the URL below.)');
  const child = spawn(process.execPath, ['dist/host/main.mjs', ...args], { stdio: 'inherit' });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
