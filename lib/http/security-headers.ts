// The security headers of every portal response (OWASP ASVS 14.4). The Content-Security-Policy
// allows only scripts from this origin or carrying this response's nonce ('strict-dynamic'
// lets those load their own chunks); no inline script without the nonce, no framing at all.
// Inline *styles* stay allowed: React style attributes and charts use them, and a style cannot
// run code.

export const HTTPS_HEADER = "x-plugboard-https";

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, options: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers for every response; `https` adds HSTS (only ever sent over HTTPS, as RFC 6797 says). */
export function securityHeaders(options: {
  nonce: string;
  dev: boolean;
  https: boolean;
  api: boolean;
}): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options.nonce, options),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(options.https
      ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" }
      : {}),
    // JSON answers are per person and per moment: never stored by a browser or a proxy.
    ...(options.api ? { "Cache-Control": "no-store" } : {}),
  };
}
