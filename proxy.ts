// Runs before every request the portal answers: a fresh CSP nonce for the page (Next reads it
// from the request's Content-Security-Policy header and puts it on its own scripts) and the
// security headers on the response. See lib/http/security-headers.ts for the policy.
import { NextResponse, type NextRequest } from "next/server";
import { HTTPS_HEADER, newNonce, securityHeaders } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    dev: process.env.NODE_ENV === "development",
    // Set by scripts/portal-server.ts from the socket, or from X-Forwarded-Proto behind a
    // trusted proxy (PLUGBOARD_TRUST_PROXY=1); a client cannot set it.
    https: request.headers.get(HTTPS_HEADER) === "1",
    api: request.nextUrl.pathname.startsWith("/api/"),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but Next's hashed static files (public/ files and every page and route included).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
