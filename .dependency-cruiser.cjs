// Dependency rules, checked by `npm test` (npm run deps). Each rule says why it exists; the
// picture they keep is the diagram at the top of docs/architecture.md.
//
// Layers, lowest first:
//   packages/node-runtime, packages/ocpp16  →  packages/device-contract  →  packages/wallbox
//   packages/fuzzing (test-only, on packages/ocpp16)
//   portal:   env.ts → db/ → lib/ → components/ → app/
//   services: device-manager/, virtual-charger/, demo-csms/  (each alone, on packages only)
//   tests/, bench/, e2e/, scripts/ may use anything (they start and drive whole processes).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-service-to-service",
      comment:
        "Each service is its own process, deployed and scaled on its own: what two services " +
        "share is a contract and lives in packages/, never in one of them.",
      severity: "error",
      from: { path: "^services/([^/]+)/" },
      to: { path: "^services/", pathNot: "^services/$1/" },
    },
    {
      name: "no-portal-to-services",
      comment:
        "The portal talks to the device manager over HTTP and events only; importing a " +
        "service's code would run device-side logic inside the web process.",
      severity: "error",
      from: { path: "^(app|components|lib|db)/|^(env|instrumentation|proxy)\\.ts$" },
      to: { path: "^services/" },
    },
    {
      name: "no-services-to-portal",
      comment:
        "Services run without Next.js or the portal's database: they may only use packages/.",
      severity: "error",
      from: { path: "^services/" },
      to: { path: "^(app|components|lib|db)/|^(env|instrumentation|proxy)\\.ts$" },
    },
    {
      name: "packages-stand-alone",
      comment: "A package is shared by several processes: it may not reach into any one of them.",
      severity: "error",
      from: { path: "^packages/" },
      to: {
        path: "^(services|app|components|lib|db|scripts|tests|bench|e2e)/|^(env|instrumentation|proxy)\\.ts$",
      },
    },
    {
      name: "packages-through-their-entry",
      comment:
        "A package's index.ts is its public surface; reaching past it couples a caller to " +
        "files the package may move or rename.",
      severity: "error",
      from: { pathNot: "^packages/" },
      to: { path: "^packages/[^/]+/", pathNot: "^packages/[^/]+/index\\.ts$" },
    },
    {
      name: "packages-to-packages-through-their-entry",
      comment: "Same rule between packages: another package is used through its index.ts.",
      severity: "error",
      from: { path: "^packages/([^/]+)/" },
      to: { path: "^packages/", pathNot: ["^packages/$1/", "^packages/[^/]+/index\\.ts$"] },
    },
    {
      name: "package-layers-bottom",
      comment:
        "node-runtime and ocpp16 are the bottom layer: they import no other package, so " +
        "every process can take them without the rest.",
      severity: "error",
      from: { path: "^packages/(node-runtime|ocpp16)/" },
      to: { path: "^packages/", pathNot: "^packages/$1/" },
    },
    {
      name: "package-layers-device-contract",
      comment:
        "The device contract is built on the OCPP types only; the Wallbox domain sits above " +
        "it (its feature codec produces contract values), never below.",
      severity: "error",
      from: { path: "^packages/device-contract/" },
      to: { path: "^packages/(wallbox|node-runtime)/" },
    },
    {
      name: "package-layers-wallbox",
      comment: "The Wallbox domain is pure rules, safe in a browser: no Node runtime helpers.",
      severity: "error",
      from: { path: "^packages/wallbox/" },
      to: { path: "^packages/node-runtime/" },
    },
    {
      name: "fuzzing-is-test-only",
      comment:
        "@plugboard/fuzzing holds fast-check arbitraries and oracles (a dev dependency): only " +
        "tests, test helpers and benchmarks use it, so nothing that ships carries it.",
      severity: "error",
      from: {
        pathNot: "\\.test\\.tsx?$|/test-support/|/testing/|^(tests|bench|e2e)/|^packages/fuzzing/",
      },
      to: { path: "^packages/fuzzing/" },
    },
    {
      name: "package-layers-fuzzing",
      comment:
        "The fuzzing kit speaks OCPP and JSON only; each service's own rules stay beside it.",
      severity: "error",
      from: { path: "^packages/fuzzing/" },
      to: { path: "^packages/", pathNot: "^packages/(fuzzing|ocpp16)/" },
    },
    {
      name: "components-not-to-app-or-db",
      comment:
        "Components render what pages give them: a route (app/) or a table (db/) inside a " +
        "component ties the UI to one page or to the storage. Actions and types come from lib/.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^(app|db)/" },
    },
    {
      name: "lib-not-to-ui",
      comment:
        "lib/ is the portal's domain and runs in actions, routes and scripts: it never " +
        "depends on pages or components.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "messages-are-data",
      comment:
        "messages/<locale>/ holds the texts of one language and their index: data, depending " +
        "on nothing of ours.",
      severity: "error",
      from: { path: "^messages/" },
      to: { pathNot: "^messages/" },
    },
    {
      name: "messages-through-lib-i18n",
      comment:
        "Texts reach pages and components through next-intl (lib/i18n loads them per request " +
        "and per language); importing a locale's file directly would fix the language.",
      severity: "error",
      from: { pathNot: "^(lib/i18n|lib/testing|messages)/|\\.test\\.tsx?$" },
      to: { path: "^messages/" },
    },
    {
      name: "db-is-the-lowest-portal-layer",
      comment:
        "db/ (schema, connection, migrations) is below the domain: domain code reads the " +
        "database, not the other way round (the demo seed and test fixtures live in lib/).",
      severity: "error",
      from: { path: "^db/" },
      to: { path: "^(lib|app|components)/" },
    },
    {
      name: "env-is-a-leaf",
      comment:
        "The portal's environment is read and validated once, and depends on nothing of ours.",
      severity: "error",
      from: { path: "^env\\.ts$" },
      to: { path: "^(app|components|lib|db|packages|services)/" },
    },
    {
      name: "no-runtime-cycles",
      comment:
        "A runtime import cycle makes module order decide what is initialised; cycles made " +
        "only of type imports are harmless and allowed.",
      severity: "error",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "no-production-code-to-tests",
      comment: "Test files are not shipped: nothing but a test or a test helper may import one.",
      severity: "error",
      from: { pathNot: "\\.test\\.tsx?$|/test-support/|/testing/|^(tests|bench|e2e)/" },
      to: { path: "\\.test\\.tsx?$" },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to nothing is a typo or a missing dependency.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|\\.build|\\.data|\\.state|bench/tmp)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mts", ".js", ".mjs", ".cjs", ".json"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
