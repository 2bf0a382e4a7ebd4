import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("allows scripts only from this origin or with the nonce, never inline, and no framing", () => {
    const csp = contentSecurityPolicy("abc123", { dev: false });
    const script = csp.split("; ").find((d) => d.startsWith("script-src"));
    expect(script).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain("unsafe-eval");
  });

  it("sends HSTS only over HTTPS and no-store only on JSON routes", () => {
    const page = securityHeaders({ nonce: "n", dev: false, https: false, api: false });
    expect(page["Strict-Transport-Security"]).toBeUndefined();
    expect(page["Cache-Control"]).toBeUndefined();
    expect(page).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
    const api = securityHeaders({ nonce: "n", dev: false, https: true, api: true });
    expect(api["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
    expect(api["Cache-Control"]).toBe("no-store");
  });

  it("makes a new unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
