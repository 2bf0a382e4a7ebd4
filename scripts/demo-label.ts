// Prints the label of a virtual charger — its serial number and PUK — as the factory would
// print it, so a demo user can add a new charger: `npm run demo:label -- SN-1234`.
import path from "node:path";
import { chargerPuk } from "@/lib/chargers/puk";
import { loadLocalSecrets } from "./lib/secrets";

const serial = process.argv[2]?.trim().toUpperCase();
if (!serial || !/^[A-Z0-9-]{1,32}$/.test(serial)) {
  console.error("Usage: npm run demo:label -- <serial number> (letters, digits, dashes)");
  process.exit(2);
}
const dataDir = path.resolve(process.env.PLUGBOARD_DATA_DIR ?? ".data");
const { PLUGBOARD_FACTORY_KEY } = loadLocalSecrets(dataDir);
console.log(`Serial number ${serial}   PUK ${chargerPuk(serial, PLUGBOARD_FACTORY_KEY)}`);
