// The provisioning inbox: the portal drops one JSON file per newly issued charger
// ({serialNumber, partNumber, firmwareVersion, deviceSecret}); the fleet imports it into flash
// and deletes it. A bad file is moved aside as <name>.rejected and logged without its secret.
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { parsePartNumber } from "@plugboard/wallbox";
import { chargerIdentitySchema, type ChargerIdentity } from "./flash";

export const REJECTED_SUFFIX = ".rejected";
const MAX_FILE_BYTES = 64 * 1024;
// A file that is not valid JSON yet may still be being written by a careless writer.
const SETTLE_MS = 2_000;

export const provisioningFileSchema = chargerIdentitySchema.superRefine((value, ctx) => {
  const parsed = parsePartNumber(value.partNumber);
  if (!parsed.ok)
    ctx.addIssue({ code: "custom", path: ["partNumber"], message: parsed.error.message });
});

export interface InboxEntry {
  file: string;
  identity: ChargerIdentity;
}

type Log = (line: string) => void;

/**
 * Reads every `*.json` file in the inbox: valid ones are returned (the caller imports them
 * and then calls `removeInboxFile`), invalid ones are renamed to `<name>.rejected`.
 * Never throws; a missing inbox is an empty one.
 */
export async function readInbox(inbox: string, log: Log): Promise<InboxEntry[]> {
  let names: string[];
  try {
    names = await fs.readdir(inbox);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT")
      log(`provisioning inbox ${inbox} cannot be read: ${(error as Error).message}`);
    return [];
  }
  const entries: InboxEntry[] = [];
  for (const name of names.filter((n) => n.endsWith(".json")).sort()) {
    const file = path.join(inbox, name);
    const result = await readProvisioningFile(file);
    if (result.ok) entries.push({ file, identity: result.identity });
    else if (result.problem !== null) await rejectFile(file, result.problem, log);
  }
  return entries;
}

type FileResult =
  | { ok: true; identity: ChargerIdentity }
  // problem null: not ready yet, look again at the next poll.
  | { ok: false; problem: string | null };

async function readProvisioningFile(file: string): Promise<FileResult> {
  let text: string;
  let mtimeMs: number;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return { ok: false, problem: "not a regular file" };
    if (stat.size > MAX_FILE_BYTES) return { ok: false, problem: `too large (${stat.size} bytes)` };
    mtimeMs = stat.mtimeMs;
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Gone meanwhile (another fleet took it, or the writer renamed it): nothing to do.
    return { ok: false, problem: code === "ENOENT" ? null : `unreadable (${code ?? "error"})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    if (Date.now() - mtimeMs < SETTLE_MS) return { ok: false, problem: null };
    return { ok: false, problem: "not valid JSON" };
  }
  const parsed = provisioningFileSchema.safeParse(json);
  if (!parsed.success) {
    // Field names and rule messages only: the values may include the device secret.
    const fields = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
      .join("; ");
    return { ok: false, problem: fields };
  }
  return { ok: true, identity: parsed.data };
}

async function rejectFile(file: string, problem: string, log: Log): Promise<void> {
  log(`provisioning file ${path.basename(file)} rejected: ${problem}`);
  try {
    await fs.rename(file, file + REJECTED_SUFFIX);
  } catch (error) {
    log(`could not move ${path.basename(file)} aside: ${(error as Error).message}`);
  }
}

export async function removeInboxFile(file: string): Promise<void> {
  await fs.rm(file, { force: true });
}

/**
 * Drops one charger into an inbox the way a writer should: a temp name first, then an atomic
 * rename to `<serial>.json`, so the fleet never reads half a file. For the portal and tests.
 */
export async function writeProvisioningFile(
  inbox: string,
  identity: ChargerIdentity,
): Promise<string> {
  await fs.mkdir(inbox, { recursive: true, mode: 0o700 });
  const file = path.join(inbox, `${identity.serialNumber}.json`);
  const temp = path.join(inbox, `.${identity.serialNumber}.${randomBytes(4).toString("hex")}.tmp`);
  await fs.writeFile(temp, JSON.stringify(identity) + "\n", { mode: 0o600 });
  await fs.rename(temp, file);
  return file;
}
