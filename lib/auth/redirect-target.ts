// Where to send a person after sign-in. The target comes from the URL (callbackUrl), so
// anyone can write it: it is parsed as a URL against our own origin, as a browser would parse
// it, and kept only when it stays on that origin. A prefix check is not enough: browsers read
// `/\evil.example` and `/<TAB>/evil.example` as `//evil.example`, another site.
const SELF = "http://plugboard.invalid";

export function sameOriginPath(candidate: string | undefined | null, fallback: string): string {
  if (!candidate || !candidate.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, SELF);
  } catch {
    return fallback;
  }
  if (url.origin !== SELF) return fallback;
  // Rebuilt from the parsed parts: what the browser will follow is exactly what we checked.
  return `${url.pathname}${url.search}${url.hash}`;
}
