import { defineConfig } from "vitest/config";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));

// Two projects: fast unit tests beside the code, and integration tests that start real
// processes and databases (named *.int.test.ts).
export default defineConfig({
  // The same aliases as tsconfig.json: the portal's folders and the shared packages' entries.
  resolve: {
    alias: [
      { find: /^@plugboard\/([a-z0-9-]+)$/, replacement: `${root}/packages/$1/index.ts` },
      { find: /^@\/env$/, replacement: `${root}/env.ts` },
      { find: /^@\/(app|components|lib|db|messages)(\/.*)?$/, replacement: `${root}/$1$2` },
      // `server-only` throws outside React's server build; tests run server code directly.
      { find: /^server-only$/, replacement: `${root}/node_modules/server-only/empty.js` },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "{packages,lib,db,services,components,app,scripts,bench}/**/*.test.{ts,tsx}",
            "*.test.ts",
          ],
          exclude: ["**/*.int.test.ts", "node_modules/**", "bench/tmp/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["{packages,lib,db,services,app,scripts,tests}/**/*.int.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
