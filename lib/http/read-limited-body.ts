// Reads a request body up to a limit and stops there: a client that sends more (or announces
// more in Content-Length) is refused before its bytes are buffered, not after.
export type LimitedBody = { ok: true; text: string } | { ok: false; reason: "too_large" };

export async function readLimitedBody(request: Request, maxBytes: number): Promise<LimitedBody> {
  const announced = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(announced) && announced > maxBytes) return { ok: false, reason: "too_large" };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: "too_large" };
    }
    chunks.push(value);
  }
  return { ok: true, text: new TextDecoder().decode(Buffer.concat(chunks)) };
}
