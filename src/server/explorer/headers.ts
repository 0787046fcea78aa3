import type { ShellKind } from './pages';

// Everything the pages load comes from this server; no inline code, no plugins, no foreign forms.
const BASE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
];

/**
 * `frame-ancestors` for a page: the explorer only frames itself; an embed may also be framed by the
 * configured dashboard origins (FRAME_ANCESTORS).
 */
export function frameAncestors(kind: ShellKind, origins: readonly string[]): string {
  const sources = ["'self'", ...(kind === 'embed' ? origins : [])];
  return `frame-ancestors ${[...new Set(sources)].join(' ')}`;
}

/** The Content-Security-Policy of an explorer page. */
export function contentSecurityPolicy(kind: ShellKind, origins: readonly string[]): string {
  return [...BASE_POLICY, frameAncestors(kind, origins)].join('; ');
}

/** Response headers of an explorer page (the HTML shell). */
export function pageHeaders(kind: ShellKind, origins: readonly string[]): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    // the shell names the current asset hash, so it is revalidated on every load
    'cache-control': 'no-cache',
    'content-security-policy': contentSecurityPolicy(kind, origins),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    // older browsers that ignore frame-ancestors; an embed relies on the CSP alone, because
    // X-Frame-Options cannot name other origins
    ...(kind === 'page'
      ? { 'x-frame-options': 'SAMEORIGIN', 'cross-origin-opener-policy': 'same-origin' }
      : {}),
  };
}
