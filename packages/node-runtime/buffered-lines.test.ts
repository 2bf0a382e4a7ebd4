import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { flushLines, writeLine } from "./buffered-lines";

function capture() {
  const stream = new PassThrough();
  const writes: string[] = [];
  stream.on("data", (chunk: Buffer) => writes.push(chunk.toString()));
  return { stream, writes };
}

describe("buffered log lines", () => {
  it("writes the lines of one loop turn in one write, in order", async () => {
    const { stream, writes } = capture();
    writeLine("one", stream);
    writeLine("two", stream);
    writeLine("three", stream);
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(["one\ntwo\nthree\n"]);
  });

  it("keeps streams apart and flushes on demand", async () => {
    const out = capture();
    const err = capture();
    writeLine("to out", out.stream);
    writeLine("to err", err.stream);
    flushLines();
    await new Promise((resolve) => setImmediate(resolve));
    expect(out.writes).toEqual(["to out\n"]);
    expect(err.writes).toEqual(["to err\n"]);
  });
});
