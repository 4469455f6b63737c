/**
 * The one Content-Security-Policy of the renderer. It lives in electron/static, beside the
 * static-file server that sends it, because both the Electron `app://` protocol handler and the
 * local web host must send exactly the same policy, and neither may import the other
 * (architecture.md §1). It has nothing to do with the database, so it is not in the backend.
 *
 * Why each directive:
 * - everything is 'self': the renderer is a bundled app with no CDN, no remote API, no analytics;
 * - style-src 'unsafe-inline': Mantine and React set inline `style` attributes and inject <style>;
 * - img-src/font-src data: and blob:: icons inlined by the bundler, and previews of generated files;
 * - object-src/base-uri/form-action/frame-ancestors locked down: none of them has a use here, and
 *   each is a classic injection vector when left open.
 */
export const CONTENT_SECURITY_POLICY: string = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
