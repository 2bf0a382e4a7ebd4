// Lets a benchmark process load the portal's server modules outside Next, as vitest.config.mts
// does for the tests: `import "server-only"` guards against a client bundle, and this process
// is the server. Import it first.
import { createRequire } from "node:module";
import path from "node:path";

const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
const id = requireFromRoot.resolve("server-only");
requireFromRoot.cache[id] = { id, filename: id, loaded: true, exports: {} } as NodeJS.Module;
