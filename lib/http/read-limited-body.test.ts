import { describe, expect, it } from "vitest";
import { readLimitedBody } from "./read-limited-body";

function streamOf(chunks: string[], pulled: { count: number }) {
  // highWaterMark 0: a chunk is produced only when the reader asks for one.
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks[pulled.count++];
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    },
    { highWaterMark: 0 },
  );
}

describe("readLimitedBody", () => {
  it("returns a body within the limit", async () => {
    const request = new Request("http://x/", { method: "POST", body: "héllo" });
    expect(await readLimitedBody(request, 10)).toEqual({ ok: true, text: "héllo" });
  });

  it("refuses from the announced length without reading", async () => {
    const pulled = { count: 0 };
    // As a server receives it (a Request built in code may not set Content-Length itself).
    const request = {
      headers: new Headers({ "content-length": "2000000" }),
      body: streamOf(["a".repeat(100)], pulled),
    } as unknown as Request;
    expect(await readLimitedBody(request, 1024)).toEqual({ ok: false, reason: "too_large" });
    expect(pulled.count).toBe(0);
  });

  it("stops reading as soon as the limit is passed", async () => {
    const pulled = { count: 0 };
    const chunks = Array.from({ length: 100 }, () => "x".repeat(1000));
    const request = new Request("http://x/", {
      method: "POST",
      body: streamOf(chunks, pulled),
      duplex: "half",
    } as RequestInit);
    expect(await readLimitedBody(request, 4500)).toEqual({ ok: false, reason: "too_large" });
    expect(pulled.count).toBeLessThan(10);
  });
});
