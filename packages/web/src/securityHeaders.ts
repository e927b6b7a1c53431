/** Who may put a page in a frame: anyone (participation and report embed well), or nobody. */
export type Framing = 'any' | 'none';

/**
 * Content-Security-Policy of every page: scripts only from this server, so no inline script and
 * no inline event handler ever runs, even if markup slipped into a statement. Styles allow
 * 'unsafe-inline' because the viz charts carry their own <style> element (CSS cannot run script).
 */
export function contentSecurityPolicy(framing: Framing): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${framing === 'any' ? '*' : "'none'"}`,
  ].join('; ');
}

/** Headers of every HTML page. */
export function pageHeaders(framing: Framing): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': contentSecurityPolicy(framing),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // Pages are tiny and name hashed assets: always revalidate them so a new build shows at once.
    'cache-control': 'no-cache',
  };
}
