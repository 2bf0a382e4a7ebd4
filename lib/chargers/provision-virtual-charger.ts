// Demo only: with FLEET_PROVISION_DIR set, a newly issued device credential is also dropped
// into the virtual fleet's inbox, as a factory would flash it into a real charger.
import fs from "node:fs/promises";
import path from "node:path";

export interface ProvisioningRecord {
  serialNumber: string;
  partNumber: string;
  firmwareVersion: string;
  deviceSecret: string;
}

export async function provisionVirtualCharger(
  dir: string,
  record: ProvisioningRecord,
): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const target = path.join(dir, `${record.serialNumber}.json`);
  const temp = `${target}.tmp`;
  // Written then renamed, so the fleet never reads half a file.
  await fs.writeFile(temp, JSON.stringify(record), { mode: 0o600 });
  await fs.rename(temp, target);
}
