import { describe, expect, it } from "vitest";
import {
  catchesSigusr2,
  classifySmaps,
  nameOf,
  processTree,
  slopePerHour,
  treeMemory,
} from "./process-memory";

const SMAPS = `00400000-00500000 r-xp 00000000 fe:00 260689   /usr/bin/node
Rss:                1000 kB
Pss:                 500 kB
7f0000000000-7f0000100000 rwxp 00000000 00:00 0
Rss:                 200 kB
Pss:                 200 kB
7f1000000000-7f1000800000 rw-p 00000000 00:00 0
Rss:                3000 kB
Pss:                3000 kB
7fff00000000-7fff00021000 rw-p 00000000 00:00 0                          [stack]
Rss:                  12 kB
Pss:                  12 kB`;

describe("process memory", () => {
  it("splits resident memory into file-backed, anonymous code and anonymous data", () => {
    expect(classifySmaps(SMAPS)).toEqual({
      rssKiB: 4212,
      pssKiB: 3712,
      fileKiB: 1000,
      anonCodeKiB: 200,
      anonDataKiB: 3012,
    });
  });

  it("names the processes of npm start by what they run", () => {
    expect(nameOf("node /repo/.build/scripts/supervise.mjs")).toBe("supervisor");
    expect(
      nameOf("/usr/bin/node --enable-source-maps /repo/.build/scripts/portal-server.mjs"),
    ).toBe("portal");
    expect(nameOf("/usr/bin/node /repo/.build/services/virtual-charger.mjs")).toBe("fleet");
    expect(nameOf("npm start")).toBe("npm");
    expect(nameOf("sh -c tsx scripts/prepare.ts && node .build/scripts/supervise.mjs")).toBe("sh");
  });

  it("finds this process and reads its memory", () => {
    expect(processTree(process.pid)).toContain(process.pid);
    const [self] = treeMemory(process.pid);
    expect(self!.rssKiB).toBeGreaterThan(self!.anonCodeKiB);
  });

  it("tells whether a process catches SIGUSR2 (asking one that does not would end it)", () => {
    expect(catchesSigusr2(process.pid)).toBe(false);
    const handler = () => undefined;
    process.on("SIGUSR2", handler);
    try {
      expect(catchesSigusr2(process.pid)).toBe(true);
    } finally {
      process.off("SIGUSR2", handler);
    }
  });

  it("gives the slope per hour of a line, and zero for a flat one", () => {
    expect(slopePerHour([0, 60, 120], [100, 101, 102])).toBeCloseTo(60);
    expect(slopePerHour([0, 60, 120], [5, 5, 5])).toBe(0);
  });
});
