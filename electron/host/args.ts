/** Command-line arguments of the web host, parsed without side effects so they can be tested. */

export interface HostArgs {
  dataDir: string | null;
  port: number;
  rendererDir: string | null;
}

export function parseHostArgs(argv: readonly string[]): HostArgs {
  const out: HostArgs = { dataDir: null, port: 0, rendererDir: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`Thiếu giá trị cho tham số ${flag}.`);
      return v;
    };
    if (flag === '--data-dir') out.dataDir = value();
    else if (flag === '--renderer') out.rendererDir = value();
    else if (flag === '--port') {
      const v = value();
      const n = Number(v);
      if (!/^\d{1,5}$/.test(v) || n > 65535) throw new Error('Cổng (--port) không hợp lệ. Cần một số từ 0 đến 65535.');
      out.port = n;
    } else throw new Error(`Tham số không hợp lệ: ${flag}. Các tham số dùng được: --data-dir, --port, --renderer.`);
  }
  return out;
}
