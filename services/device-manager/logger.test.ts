import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger, flushLogs } from "./logger";

describe("createLogger", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes the lines of one event-loop turn together, in order, with their fields", async () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const log = createLogger("info", "dm-test");
    log.info("charger connected", { serial: "A-1", epoch: 2 });
    log.debug("not at this level");
    log.info("charger connected", { serial: "A-2", skipped: undefined });
    expect(out).not.toHaveBeenCalled();
    await new Promise((resolve) => setImmediate(resolve));
    expect(out).toHaveBeenCalledTimes(1);
    expect(out.mock.calls[0]![0]).toBe(
      "[dm-test] info charger connected serial=A-1 epoch=2\n[dm-test] info charger connected serial=A-2\n",
    );
  });

  it("sends warnings and errors to stderr, and flushes on demand", () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const log = createLogger("warn", "dm-test");
    log.info("quiet");
    log.error("broken", { code: 1011 });
    flushLogs();
    expect(err).toHaveBeenCalledWith("[dm-test] error broken code=1011\n");
  });
});
