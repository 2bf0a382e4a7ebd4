import { describe, expect, it } from "vitest";
import type { ToWorker } from "./cluster-protocol";
import { createCsmsRouter } from "./cluster-router";

/** Two workers (1 and 2) whose messages land in `sent`; `serve` answers forwarded requests. */
function setUp() {
  const sent: Array<{ to: number; message: ToWorker }> = [];
  const workers = [1, 2];
  const router = createCsmsRouter({
    send: (to, message) => sent.push({ to, message }),
    workers: () => workers,
  });
  const replies = (to: number) =>
    sent.filter((s) => s.to === to && s.message.t === "reply").map((s) => s.message);
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  return { router, sent, workers, replies, flush };
}

describe("the demo central system's cluster router", () => {
  it("sends a call to the worker that holds the charger and its answer back to the asker", async () => {
    const { router, sent, replies, flush } = setUp();
    router.onMessage(2, { t: "held", identity: "CP-1", held: true, connection: 1 });
    const request = { kind: "call", identity: "CP-1", action: "Reset", params: {} } as const;
    router.onMessage(1, { t: "ask", id: 7, question: { q: "holder", request } });
    const serve = sent.find((s) => s.message.t === "serve")!;
    expect(serve).toMatchObject({ to: 2, message: { request } });
    const serveId = (serve.message as { id: number }).id;
    router.onMessage(2, {
      t: "served",
      id: serveId,
      answer: { ok: true, value: { status: "Accepted" } },
    });
    await flush();
    expect(replies(1)).toEqual([
      { t: "reply", id: 7, answer: { ok: true, value: { status: "Accepted" } } },
    ]);
  });

  it("answers not connected for a charger no worker holds, and keeps the charger's error code", async () => {
    const { router, sent, replies, flush } = setUp();
    const call = { kind: "call", identity: "CP-9", action: "Reset", params: {} } as const;
    router.onMessage(1, { t: "ask", id: 1, question: { q: "holder", request: call } });
    await flush();
    expect(replies(1)[0]).toMatchObject({
      answer: { ok: false, error: { name: "NotConnectedError" } },
    });

    router.onMessage(2, { t: "held", identity: "CP-9", held: true, connection: 1 });
    router.onMessage(1, { t: "ask", id: 2, question: { q: "holder", request: call } });
    const serveId = (sent.at(-1)!.message as { id: number }).id;
    router.onMessage(2, {
      t: "served",
      id: serveId,
      answer: {
        ok: false,
        error: { name: "RPCError", message: "no", rpcErrorCode: "NotSupported" },
      },
    });
    await flush();
    expect(replies(1)[1]).toMatchObject({
      answer: { ok: false, error: { name: "RPCError", rpcErrorCode: "NotSupported" } },
    });
  });

  it("forgets a charger only when the worker that holds it lets it go", () => {
    const { router } = setUp();
    router.onMessage(1, { t: "held", identity: "CP-1", held: true, connection: 4 });
    // the charger reconnected to worker 2 before worker 1 saw its old socket close
    router.onMessage(2, { t: "held", identity: "CP-1", held: true, connection: 9 });
    router.onMessage(1, { t: "held", identity: "CP-1", held: false, connection: 4 });
    expect(router.count()).toMatchObject({
      connected: 1,
      workers: [
        { worker: 1, connected: 0 },
        { worker: 2, connected: 1 },
      ],
    });
  });

  it("keeps one connection per charger: a newer one on another worker closes the older", () => {
    const { router, sent } = setUp();
    router.onMessage(1, { t: "held", identity: "CP-1", held: true, connection: 4 });
    // a stale attempt that waited in the accept queue lands on worker 2, then closes
    router.onMessage(2, { t: "held", identity: "CP-1", held: true, connection: 9 });
    expect(sent).toEqual([{ to: 1, message: { t: "drop", identity: "CP-1", connection: 4 } }]);
    router.onMessage(2, { t: "held", identity: "CP-1", held: false, connection: 9 });
    expect(router.count().connected).toBe(0);
    // a late "not held" of an older connection of the same worker changes nothing
    router.onMessage(2, { t: "held", identity: "CP-2", held: true, connection: 11 });
    router.onMessage(2, { t: "held", identity: "CP-2", held: false, connection: 10 });
    expect(router.count().connected).toBe(1);
    // the same worker replacing its own connection needs no message
    router.onMessage(2, { t: "held", identity: "CP-2", held: true, connection: 12 });
    expect(sent).toHaveLength(1);
  });

  it("fails the asks waiting on a worker that died and forgets its chargers", async () => {
    const { router, replies, flush } = setUp();
    router.onMessage(2, { t: "held", identity: "CP-1", held: true, connection: 1 });
    router.onMessage(2, { t: "held", identity: "CP-2", held: true, connection: 2 });
    router.onMessage(1, {
      t: "ask",
      id: 3,
      question: {
        q: "holder",
        request: { kind: "call", identity: "CP-1", action: "Reset", params: {} },
      },
    });
    router.workerGone(2);
    await flush();
    expect(replies(1)[0]).toMatchObject({
      answer: { ok: false, error: { name: "NotConnectedError" } },
    });
    expect(router.count().connected).toBe(0);
  });

  it("gathers every worker's log of a charger", async () => {
    const { router, sent, replies, flush } = setUp();
    router.onMessage(1, {
      t: "ask",
      id: 4,
      question: { q: "everyone", request: { kind: "received", identity: "CP-1" } },
    });
    const serves = sent.filter((s) => s.message.t === "serve");
    expect(serves.map((s) => s.to)).toEqual([1, 2]);
    router.onMessage(1, {
      t: "served",
      id: (serves[0]!.message as { id: number }).id,
      answer: { ok: true, value: ["a"] },
    });
    router.onMessage(2, {
      t: "served",
      id: (serves[1]!.message as { id: number }).id,
      answer: { ok: true, value: ["b"] },
    });
    await flush();
    expect(replies(1)[0]).toMatchObject({ answer: { ok: true, value: ["a", "b"] } });
  });

  it("shares a policy change with the other workers and with workers started later", () => {
    const { router, sent } = setUp();
    router.onMessage(1, { t: "policy", identity: "CP-1", policy: { password: "new key" } });
    expect(sent).toEqual([
      { to: 2, message: { t: "policy", identity: "CP-1", policy: { password: "new key" } } },
    ]);
    router.workerStarted(3);
    expect(sent.at(-1)).toEqual({
      to: 3,
      message: { t: "policy", identity: "CP-1", policy: { password: "new key" } },
    });
  });

  it("keeps uploads in one place whichever worker stored them", async () => {
    const { router, replies, flush } = setUp();
    router.onMessage(1, {
      t: "ask",
      id: 1,
      question: { q: "upload-put", name: "d.log", text: "hello" },
    });
    await flush();
    router.onMessage(2, { t: "ask", id: 2, question: { q: "upload-get", name: "d.log" } });
    await flush();
    expect(replies(2)[0]).toMatchObject({
      answer: { ok: true, value: { text: "hello", bytes: 5 } },
    });
  });
});
