import { afterEach, describe, expect, it, vi } from "vitest";
import { callOcpp, DEFAULT_CALL_TIMEOUT_MS, TimeoutError, type RpcPeer } from "./typed-rpc";

/** A peer whose calls answer when the test says so, or fail when their signal aborts. */
function fakePeer() {
  const calls: Array<{ options: { callTimeoutMs?: number; signal?: AbortSignal } }> = [];
  let answer: (value: unknown) => void = () => undefined;
  const peer = {
    call: (_action: string, _params: unknown, options: { signal?: AbortSignal }) => {
      calls.push({ options });
      return new Promise((resolve, reject) => {
        answer = resolve;
        options.signal?.addEventListener("abort", () => reject(new Error("aborted")));
      });
    },
    handle: () => undefined,
  } as unknown as RpcPeer;
  return { peer, calls, answer: (value: unknown) => answer(value) };
}

afterEach(() => vi.useRealTimers());

describe("callOcpp", () => {
  it("returns the answer, turns the library's own timeout off and leaves no timer", async () => {
    vi.useFakeTimers();
    const { peer, calls, answer } = fakePeer();
    const call = callOcpp(peer, "Heartbeat", {});
    answer({ currentTime: "2026-11-26T00:00:00Z" });
    await expect(call).resolves.toEqual({ currentTime: "2026-11-26T00:00:00Z" });
    expect(calls[0]!.options.callTimeoutMs).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("fails with a TimeoutError after the default timeout, the library's call aborted", async () => {
    vi.useFakeTimers();
    const { peer, calls } = fakePeer();
    const call = callOcpp(peer, "Heartbeat", {});
    const outcome = call.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(DEFAULT_CALL_TIMEOUT_MS - 1);
    expect(calls[0]!.options.signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toBeInstanceOf(TimeoutError);
    expect(calls[0]!.options.signal!.aborted).toBe(true);
  });

  it("takes a shorter timeout per call", async () => {
    vi.useFakeTimers();
    const { peer } = fakePeer();
    const outcome = callOcpp(peer, "Heartbeat", {}, { callTimeoutMs: 300 }).catch((e) => e);
    await vi.advanceTimersByTimeAsync(300);
    expect(await outcome).toBeInstanceOf(TimeoutError);
  });

  it("ends the call when the caller's signal aborts, without calling it a timeout", async () => {
    const { peer } = fakePeer();
    const caller = new AbortController();
    const outcome = callOcpp(peer, "Heartbeat", {}, { signal: caller.signal }).catch((e) => e);
    caller.abort();
    const error = await outcome;
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TimeoutError);
  });
});
