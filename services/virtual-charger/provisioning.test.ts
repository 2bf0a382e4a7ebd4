import { mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readInbox, REJECTED_SUFFIX, writeProvisioningFile } from "./provisioning";

const SECRET = "S3cret-device-key-0123456789";
const good = {
  serialNumber: "100001",
  partNumber: "PLP1-0-2-4-9-002-E",
  firmwareVersion: "6.2.14",
  deviceSecret: SECRET,
};

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function inbox(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "inbox-test-"));
  dirs.push(dir);
  return dir;
}
const aged = (file: string) => utimes(file, new Date(0), new Date(0));

describe("provisioning inbox", () => {
  it("returns a valid file (the fleet deletes it once imported)", async () => {
    const dir = await inbox();
    const file = await writeProvisioningFile(dir, good);
    const logs: string[] = [];
    expect(await readInbox(dir, (l) => logs.push(l))).toEqual([{ file, identity: good }]);
    expect(logs).toEqual([]);
    expect(await readdir(dir)).toEqual(["100001.json"]); // written through a temp name + rename
  });

  it("moves a bad file aside and logs why, never the secret", async () => {
    const dir = await inbox();
    const bad = path.join(dir, "bad.json");
    await writeFile(
      bad,
      JSON.stringify({ ...good, partNumber: "XXX1-0-2-4", serialNumber: "no spaces allowed" }),
    );
    const logs: string[] = [];
    expect(await readInbox(dir, (l) => logs.push(l))).toEqual([]);
    expect(await readdir(dir)).toEqual([`bad.json${REJECTED_SUFFIX}`]);
    expect(logs.join("\n")).toContain("partNumber");
    expect(logs.join("\n")).toContain("serialNumber");
    expect(logs.join("\n")).not.toContain(SECRET);
  });

  it("rejects a short secret without printing it", async () => {
    const dir = await inbox();
    await writeFile(
      path.join(dir, "short.json"),
      JSON.stringify({ ...good, deviceSecret: "tiny-secret" }),
    );
    const logs: string[] = [];
    await readInbox(dir, (l) => logs.push(l));
    expect(logs.join("\n")).toContain("deviceSecret");
    expect(logs.join("\n")).not.toContain("tiny-secret");
  });

  it("waits for a fresh half-written file, and rejects it once it is old", async () => {
    const dir = await inbox();
    const file = path.join(dir, "half.json");
    await writeFile(file, `{"serialNumber": "100002", "deviceSecret": "${SECRET}`);
    const logs: string[] = [];
    expect(await readInbox(dir, (l) => logs.push(l))).toEqual([]);
    expect(await readdir(dir)).toEqual(["half.json"]);
    await aged(file);
    await readInbox(dir, (l) => logs.push(l));
    expect(await readdir(dir)).toEqual([`half.json${REJECTED_SUFFIX}`]);
    expect(logs.join("\n")).toContain("not valid JSON");
    expect(logs.join("\n")).not.toContain(SECRET);
  });

  it("ignores other names and a missing inbox", async () => {
    const dir = await inbox();
    await writeFile(path.join(dir, "notes.txt"), "hello");
    await writeFile(path.join(dir, `old.json${REJECTED_SUFFIX}`), "{}");
    expect(await readInbox(dir, () => undefined)).toEqual([]);
    expect(await readInbox(path.join(dir, "missing"), () => undefined)).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(["notes.txt", `old.json${REJECTED_SUFFIX}`]);
  });
});
