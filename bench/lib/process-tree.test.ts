import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { descendants, descendantsRssKiB } from "./process-tree";

describe("process tree", () => {
  it("finds a child's own child and adds their memory", async () => {
    const parent = spawn("sh", ["-c", "sleep 30 & wait"], { stdio: "ignore" });
    let below: number[] = [];
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      below = descendants(parent.pid!);
      expect(below.length).toBe(1);
      expect(descendantsRssKiB(parent.pid!)).toBeGreaterThan(0);
      expect(descendants(process.pid)).toEqual(expect.arrayContaining([parent.pid, below[0]]));
    } finally {
      for (const pid of below) process.kill(pid, "SIGKILL");
      parent.kill("SIGKILL");
    }
  });
});
