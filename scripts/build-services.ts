// `npm run build:services`: writes the service bundles (.build/services/<name>.mjs) and the
// portal's server and supervisor (.build/scripts/<name>.mjs) a deployment runs with plain
// node; `npm start` does the same on every start.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SCRIPT_ENTRIES, scriptBundle, type ScriptName } from "./lib/build-paths";
import {
  bundleServices,
  SERVICE_ENTRIES,
  serviceBundle,
  type ServiceName,
} from "./lib/bundle-services";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
bundleServices(root);
for (const name of Object.keys(SERVICE_ENTRIES) as ServiceName[])
  console.log(`built ${path.relative(root, serviceBundle(root, name))}`);
for (const name of Object.keys(SCRIPT_ENTRIES) as ScriptName[])
  console.log(`built ${path.relative(root, scriptBundle(root, name))}`);
