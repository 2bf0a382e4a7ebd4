// A charger's "flash": everything it must remember across restarts, in
// <stateDir>/<serial>/flash.json. Writes are atomic (temp file + fsync + rename + directory
// fsync), so a crash at any moment leaves either the old or the new file, never half of one.
import { promises as fs } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { featuresSchema, firmwareSchema, serialSchema } from "@/lib/device-events/schema";
import { stationStateSchema } from "./station/persisted";

export const FLASH_FILE = "flash.json";
/** Commands remembered so a redelivered one is answered again, not applied twice. */
export const MAX_COMMAND_HISTORY = 50;
const TEMP_PREFIX = `${FLASH_FILE}.tmp-`;
// Temp names unique by process and write: a counter, not random bytes (each getrandom call
// cost a booting fleet of 5,000 a tenth of a second for nothing).
let tempCounter = 0;
const MAX_FLASH_BYTES = 1024 * 1024;

export const chargerIdentitySchema = z.object({
  serialNumber: serialSchema,
  partNumber: z.string().min(1).max(40),
  firmwareVersion: firmwareSchema,
  deviceSecret: z.string().min(16).max(512),
});

export const ocppConfigSchema = z.object({
  enabled: z.boolean(),
  url: z.string().max(2048).nullable(),
  identity: z.string().max(48).nullable(),
  /** Security profile 1/2 AuthorizationKey; absent = no password. Never logged. */
  password: z.string().min(1).max(64).optional(),
});

export const commandRecordSchema = z.object({
  id: z.uuid(),
  /** The command kind, or "unknown" for a command that could not be read. */
  kind: z.string().min(1).max(64),
  status: z.enum(["applied", "failed"]),
  reason: z.string().max(500).optional(),
  /** The result is still to be sent (a command that reboots the charger answers afterwards). */
  resultPending: z.boolean().optional(),
});

export const flashSchema = z.object({
  format: z.literal(1),
  identity: chargerIdentitySchema,
  ocpp: ocppConfigSchema,
  appliedConfigVersion: z.number().int().min(0),
  features: featuresSchema,
  commands: z.array(commandRecordSchema).max(MAX_COMMAND_HISTORY),
  /** OCPP-side state (configuration keys, local list, profiles, transactions…); absent = factory. */
  station: stationStateSchema.optional(),
});

export type ChargerIdentity = z.infer<typeof chargerIdentitySchema>;
export type OcppConfig = z.infer<typeof ocppConfigSchema>;
export type CommandRecord = z.infer<typeof commandRecordSchema>;
export type Flash = z.infer<typeof flashSchema>;

export const FACTORY_OCPP_CONFIG: OcppConfig = { enabled: false, url: null, identity: null };

/** A factory-fresh flash for a newly provisioned charger. */
export function factoryFlash(identity: ChargerIdentity): Flash {
  return {
    format: 1,
    identity,
    ocpp: { ...FACTORY_OCPP_CONFIG },
    appliedConfigVersion: 0,
    features: {},
    commands: [],
  };
}

export function chargerDir(stateDir: string, serial: string): string {
  return path.join(stateDir, serial);
}

export type FlashReadResult = { ok: true; flash: Flash } | { ok: false; error: string };

/** Reads and validates a charger's flash; never throws. Errors name fields, never values. */
export async function readFlash(dir: string): Promise<FlashReadResult> {
  const file = path.join(dir, FLASH_FILE);
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_FLASH_BYTES)
      return { ok: false, error: `${file} is too large (${stat.size} bytes)` };
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: `${file} cannot be read (${code ?? "unknown error"})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: `${file} is corrupt: not valid JSON` };
  }
  const parsed = flashSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
      .join("; ");
    return { ok: false, error: `${file} is corrupt: ${fields}` };
  }
  if (parsed.data.identity.serialNumber !== path.basename(dir)) {
    return { ok: false, error: `${file} belongs to another serial number than its directory` };
  }
  return { ok: true, flash: parsed.data };
}

/** Writes the flash atomically, readable only by its owner (it holds secrets). */
export async function writeFlash(dir: string, flash: Flash): Promise<void> {
  const file = path.join(dir, FLASH_FILE);
  const temp = path.join(dir, `${TEMP_PREFIX}${process.pid}-${(tempCounter += 1)}`);
  const handle = await openCreatingDir(dir, temp);
  try {
    await handle.writeFile(JSON.stringify(flash, null, 2) + "\n", "utf8");
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

// The directory is made only when missing (a new charger): a mkdir on every write was a
// twentieth of a booting fleet's time (CPU profile of 5,000 chargers).
async function openCreatingDir(dir: string, file: string) {
  try {
    return await fs.open(file, "w", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    return fs.open(file, "w", 0o600);
  }
}

// The rename is durable only once the directory entry is on disk too.
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await fs.open(dir, "r");
    await handle.sync();
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Removes temp files a crash mid-write left behind (the real file is untouched by them). */
export async function removeStaleTempFiles(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith(TEMP_PREFIX))
      .map((name) => fs.rm(path.join(dir, name), { force: true })),
  );
}

/** Serial numbers that have a directory in the state dir. */
export async function listChargerSerials(stateDir: string): Promise<string[]> {
  const entries = await fs.readdir(stateDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && serialSchema.safeParse(entry.name).success)
    .map((entry) => entry.name)
    .sort();
}

export function findCommand(flash: Flash, commandId: string): CommandRecord | undefined {
  return flash.commands.find((record) => record.id === commandId);
}

/** The history with `record` appended, keeping the newest MAX_COMMAND_HISTORY. */
export function rememberCommand(flash: Flash, record: CommandRecord): CommandRecord[] {
  const others = flash.commands.filter((existing) => existing.id !== record.id);
  return [...others, record].slice(-MAX_COMMAND_HISTORY);
}
