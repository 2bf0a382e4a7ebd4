import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  FLASH_FILE,
  FLASH_FILE_B,
  MAX_COMMAND_HISTORY,
  factoryFlash,
  formatFlash,
  readFlash,
  rememberCommand,
  writeFlash,
  type Flash,
} from "./flash";

const SECRET = "device-secret-0123456789abcdef";
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function chargerDirFor(serial = "SN-100001"): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "flash-test-"));
  dirs.push(root);
  return path.join(root, serial);
}

const sample = (): Flash => ({
  ...factoryFlash({
    serialNumber: "SN-100001",
    partNumber: "PLP1-0-2-4-9",
    firmwareVersion: "6.2.14",
    deviceSecret: SECRET,
  }),
  ocpp: { enabled: true, url: "ws://cs.example/ocpp", identity: "CP-1", password: "pw-123456" },
  appliedConfigVersion: 4,
  features: { powerBoost: true, currentLimit: 16 },
});

describe("flash", () => {
  it("formats both banks for a new charger, readable only by its owner, then alternates", async () => {
    const dir = await chargerDirFor();
    expect(await writeFlash(dir, sample())).toEqual({ bank: 0, generation: 1 });
    expect(await readFlash(dir)).toEqual({
      ok: true,
      flash: sample(),
      stored: { bank: 0, generation: 1 },
    });
    expect((await readdir(dir)).sort()).toEqual([FLASH_FILE_B, FLASH_FILE].sort());
    for (const file of [FLASH_FILE, FLASH_FILE_B])
      expect((await stat(path.join(dir, file))).mode & 0o777).toBe(0o600);

    const next = { ...sample(), appliedConfigVersion: 5 };
    expect(await writeFlash(dir, next, { bank: 0, generation: 1 })).toEqual({
      bank: 1,
      generation: 2,
    });
    expect(await readFlash(dir)).toEqual({
      ok: true,
      flash: next,
      stored: { bank: 1, generation: 2 },
    });
    // Without the bank it was read from, a write reads the banks first.
    const third = { ...sample(), appliedConfigVersion: 6 };
    expect(await writeFlash(dir, third)).toEqual({ bank: 0, generation: 3 });
    expect(await readFlash(dir)).toMatchObject({ ok: true, flash: third });
    expect((await readdir(dir)).sort()).toEqual([FLASH_FILE_B, FLASH_FILE].sort());
  });

  it("keeps the previous flash when a write was cut short, and writes over the cut bank next", async () => {
    const dir = await chargerDirFor();
    const first = await formatFlash(dir, sample());
    const v2 = { ...sample(), appliedConfigVersion: 5 };
    const second = await writeFlash(dir, v2, first);
    // A crash in the middle of the next write, into the first bank: half a file.
    const text = await readFile(path.join(dir, FLASH_FILE), "utf8");
    await writeFile(path.join(dir, FLASH_FILE), text.slice(0, text.length / 2));
    expect(await readFlash(dir)).toEqual({ ok: true, flash: v2, stored: second });
    // Even a cut that happens to end a JSON value: the old generation stays the newest valid.
    await writeFile(path.join(dir, FLASH_FILE), "{}");
    expect(await readFlash(dir)).toMatchObject({ ok: true, flash: v2 });
    // A higher generation that is not a valid flash does not win either.
    await writeFile(path.join(dir, FLASH_FILE), '{"generation": 99, "format": 1}');
    expect(await readFlash(dir)).toEqual({ ok: true, flash: v2, stored: second });

    const v3 = { ...sample(), appliedConfigVersion: 6 };
    expect(await writeFlash(dir, v3, second)).toEqual({ bank: 0, generation: 3 });
    expect(await readFlash(dir)).toMatchObject({ ok: true, flash: v3 });
  });

  it("reads a single flash.json without a generation (written by hand) as generation 0", async () => {
    const dir = await chargerDirFor();
    await formatFlash(dir, sample());
    await rm(path.join(dir, FLASH_FILE_B));
    await writeFile(path.join(dir, FLASH_FILE), JSON.stringify(sample()));
    const read = await readFlash(dir);
    expect(read).toEqual({ ok: true, flash: sample(), stored: { bank: 0, generation: 0 } });
    // The first write makes the second bank.
    const next = { ...sample(), appliedConfigVersion: 9 };
    expect(await writeFlash(dir, next, read.ok ? read.stored : null)).toEqual({
      bank: 1,
      generation: 1,
    });
    expect(await readFlash(dir)).toMatchObject({ ok: true, flash: next });
  });

  it("reports a flash whose banks are both not JSON as corrupt, with a clear message", async () => {
    const dir = await chargerDirFor();
    await writeFlash(dir, sample());
    for (const file of [FLASH_FILE, FLASH_FILE_B])
      await writeFile(path.join(dir, file), '{"format": 1, "identity": {"serialNum');
    const result = await readFlash(dir);
    expect(result).toEqual({
      ok: false,
      error: expect.stringContaining(`${FLASH_FILE} is corrupt: not valid JSON`),
    });
  });

  it("reports a bad generation as corrupt", async () => {
    const dir = await chargerDirFor();
    await formatFlash(dir, sample());
    await rm(path.join(dir, FLASH_FILE_B));
    await writeFile(path.join(dir, FLASH_FILE), JSON.stringify({ ...sample(), generation: -1 }));
    expect(await readFlash(dir)).toEqual({
      ok: false,
      error: expect.stringContaining("generation: expected a whole number"),
    });
  });

  it("names the bad fields of an invalid file, never their values", async () => {
    const dir = await chargerDirFor();
    const broken = {
      ...sample(),
      appliedConfigVersion: -1,
      identity: { ...sample().identity, deviceSecret: "short" },
    };
    await writeFlash(dir, broken as Flash);
    const result = await readFlash(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain("identity.deviceSecret");
    expect(result.error).toContain("appliedConfigVersion");
    expect(result.error).not.toContain("short");
  });

  it("refuses a flash whose serial is not its directory's", async () => {
    const dir = await chargerDirFor("SN-OTHER");
    await writeFlash(dir, sample());
    expect(await readFlash(dir)).toMatchObject({
      ok: false,
      error: expect.stringContaining("another serial"),
    });
  });

  it("reports a missing file without throwing", async () => {
    const dir = await chargerDirFor();
    expect(await readFlash(dir)).toMatchObject({
      ok: false,
      error: expect.stringContaining("ENOENT"),
    });
  });

  it("remembers the last commands only, without duplicates", () => {
    let flash = sample();
    const ids = Array.from({ length: MAX_COMMAND_HISTORY + 5 }, () => randomUUID());
    for (const id of ids)
      flash = {
        ...flash,
        commands: rememberCommand(flash, { id, kind: "restart", status: "applied" }),
      };
    expect(flash.commands.map((c) => c.id)).toEqual(ids.slice(-MAX_COMMAND_HISTORY));
    const last = ids.at(-1)!;
    const again = rememberCommand(flash, { id: last, kind: "restart", status: "failed" });
    expect(again.filter((c) => c.id === last)).toEqual([
      { id: last, kind: "restart", status: "failed" },
    ]);
  });
});
