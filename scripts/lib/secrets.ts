// Secrets for a local run: taken from the environment when set, otherwise generated once and
// kept in .data/secrets.json (mode 0600) so restarts keep sessions and device credentials valid.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const SECRET_NAMES = [
  "NEXTAUTH_SECRET",
  "DEVICE_MANAGER_TOKEN",
  "DEVICE_EVENTS_SECRET",
  "DEVICE_MANAGER_SECRET_KEY",
  // The virtual fleet's "factory": the key its chargers' PUKs derive from (npm run demo:label).
  "PLUGBOARD_FACTORY_KEY",
] as const;
export type LocalSecrets = Record<(typeof SECRET_NAMES)[number], string>;

export function loadLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  let stored: Partial<LocalSecrets> = {};
  if (fs.existsSync(file))
    stored = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LocalSecrets>;
  const secrets = {} as LocalSecrets;
  let changed = false;
  for (const name of SECRET_NAMES) {
    const fromEnv = process.env[name];
    if (fromEnv) secrets[name] = fromEnv;
    else if (stored[name]) secrets[name] = stored[name];
    else {
      secrets[name] = randomBytes(32).toString("hex");
      stored[name] = secrets[name];
      changed = true;
    }
  }
  if (changed) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return secrets;
}
