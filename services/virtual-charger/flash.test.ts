import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  FLASH_FILE,
  MAX_COMMAND_HISTORY,
  factoryFlash,
  readFlash,
  rememberCommand,
  removeStaleTempFiles,
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
  it("round-trips through an atomic write, readable only by its owner, no temp file left", async () => {
    const dir = await chargerDirFor();
    await writeFlash(dir, sample());
    expect(await readFlash(dir)).toEqual({ ok: true, flash: sample() });
    expect((await stat(path.join(dir, FLASH_FILE))).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual([FLASH_FILE]);

    const next = { ...sample(), appliedConfigVersion: 5 };
    await writeFlash(dir, next);
    expect(await readFlash(dir)).toEqual({ ok: true, flash: next });
  });

  it("reports a file that is not JSON as corrupt, with a clear message", async () => {
    const dir = await chargerDirFor();
    await writeFlash(dir, sample());
    await writeFile(path.join(dir, FLASH_FILE), '{"format": 1, "identity": {"serialNum');
    const result = await readFlash(dir);
    expect(result).toEqual({
      ok: false,
      error: expect.stringContaining("is corrupt: not valid JSON"),
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

  it("removes temp files a crash left behind, and a crash mid-write keeps the old flash", async () => {
    const dir = await chargerDirFor();
    await writeFlash(dir, sample());
    await writeFile(path.join(dir, `${FLASH_FILE}.tmp-123-abcd`), '{"half": ');
    expect((await readFlash(dir)).ok).toBe(true);
    await removeStaleTempFiles(dir);
    expect(await readdir(dir)).toEqual([FLASH_FILE]);
    expect(JSON.parse(await readFile(path.join(dir, FLASH_FILE), "utf8"))).toEqual(sample());
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
