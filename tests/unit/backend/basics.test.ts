/**
 * The backend's small pieces: the injected clock (clock.ts), the one error type (errors.ts), the
 * per-user data folder (index.ts defaultDataDir) and the renderer's Content-Security-Policy (csp.ts).
 */
import { describe, expect, it } from 'vitest';
import { createClock, newUuid } from '../../../electron/backend/clock';
import { AppError } from '../../../electron/backend/errors';
import { APP_FOLDER, defaultDataDir } from '../../../electron/backend/index';
import { CONTENT_SECURITY_POLICY } from '../../../electron/static/csp';
import { isUuid } from '../../../shared/lib/ids';

describe('createClock', () => {
  it('gives the injected instant, its ISO timestamp and the Vietnamese calendar day', () => {
    let now = new Date('2026-11-21T16:59:59.999Z');
    const clock = createClock(() => now);
    expect(clock.now()).toBe(now);
    expect(clock.timestamp()).toBe('2026-11-21T16:59:59.999Z');
    expect(clock.today()).toBe('2026-11-21');
    now = new Date('2026-11-21T17:30:00Z');
    expect(clock.today()).toBe('2026-11-22'); // already the 22nd in Hà Nội
    expect(clock.timestamp()).toBe('2026-11-21T17:30:00.000Z');
  });

  it('defaults to the real time', () => {
    const before = Date.now();
    const t = Date.parse(createClock().timestamp());
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it('newUuid makes distinct ids the contract accepts', () => {
    const ids = Array.from({ length: 500 }, () => newUuid());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(isUuid(id)).toBe(true);
  });
});

describe('AppError', () => {
  it('is an Error carrying a code, a message and optional details', () => {
    const e = new AppError('CONFLICT', 'Mã đã được dùng.', { code: 'Mã đã được dùng' });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('AppError');
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('Mã đã được dùng.');
    expect(e.details).toEqual({ code: 'Mã đã được dùng' });
    expect(new AppError('RULE', 'x').details).toBeUndefined();
  });
});

describe('defaultDataDir', () => {
  it('uses %APPDATA% on Windows, or the roaming folder under the profile', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\canbo\\AppData\\Roaming' }, 'win32', 'C:\\Users\\canbo')).toBe(
      `C:\\Users\\canbo\\AppData\\Roaming\\${APP_FOLDER}`,
    );
    expect(defaultDataDir({}, 'win32', 'C:\\Users\\canbo')).toBe(`C:\\Users\\canbo\\AppData\\Roaming\\${APP_FOLDER}`);
  });

  it('uses Application Support on macOS', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'darwin', '/Users/canbo')).toBe(
      `/Users/canbo/Library/Application Support/${APP_FOLDER}`,
    );
  });

  it('uses an absolute $XDG_CONFIG_HOME on Linux, else ~/.config', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/srv/cfg' }, 'linux', '/home/canbo')).toBe(`/srv/cfg/${APP_FOLDER}`);
    expect(defaultDataDir({}, 'linux', '/home/canbo')).toBe(`/home/canbo/.config/${APP_FOLDER}`);
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux', '/home/canbo')).toBe(`/home/canbo/.config/${APP_FOLDER}`);
    // a relative value is invalid per the XDG spec and must be ignored
    expect(defaultDataDir({ XDG_CONFIG_HOME: 'cfg' }, 'linux', '/home/canbo')).toBe(`/home/canbo/.config/${APP_FOLDER}`);
  });

  it('names the folder after the app', () => {
    expect(APP_FOLDER).toBe('antq-desktop');
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );

  it('loads scripts from the app only: no inline scripts, no eval, no remote hosts', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });

  it('locks down objects, base URI, forms and framing', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });
});
