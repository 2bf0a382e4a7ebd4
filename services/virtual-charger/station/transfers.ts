// HTTP(S) file transfers for firmware downloads and diagnostics uploads, bounded in time and
// size. Only the scheme and host of a location are ever logged (it may carry credentials).
const TIMEOUT_MS = 30_000;
const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

export type TransferResult = { ok: true; bytes: number } | { ok: false; why: string };

/** "https://host:port" of a location, safe to log. */
export function describeLocation(location: string): string {
  try {
    const url = new URL(location);
    return `${url.protocol}//${url.host}`;
  } catch {
    return "(invalid URL)";
  }
}

export async function download(location: string, timeoutMs = TIMEOUT_MS): Promise<TransferResult> {
  try {
    const response = await fetch(location, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "follow",
    });
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, why: `HTTP ${response.status}` };
    }
    let bytes = 0;
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      bytes += chunk.value.byteLength;
      if (bytes > MAX_IMAGE_BYTES) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, why: "image too large" };
      }
    }
    return bytes > 0 ? { ok: true, bytes } : { ok: false, why: "empty image" };
  } catch (error) {
    return { ok: false, why: causeOf(error) };
  }
}

export async function upload(
  location: string,
  body: string,
  timeoutMs = TIMEOUT_MS,
): Promise<TransferResult> {
  try {
    const response = await fetch(location, {
      method: "PUT",
      body,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    return response.ok
      ? { ok: true, bytes: Buffer.byteLength(body) }
      : { ok: false, why: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, why: causeOf(error) };
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code) return cause.code;
  return (error as Error).name === "TimeoutError" ? "timeout" : "network error";
}
