import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import i18next from "eslint-plugin-i18next";
import voidNeedsReason from "./eslint-rules/void-needs-reason.mjs";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".build/**",
      ".data/**",
      ".state/**",
      "db/migrations/**",
      "services/device-manager/db/migrations/**",
      "next-env.d.ts",
      "playwright-report/**",
      "test-results/**",
      "bench/tmp/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Type-aware rules: they read the types, so they catch what syntax alone cannot.
    files: ["**/*.ts", "**/*.tsx", "**/*.mts"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { drizzle, plugboard: { rules: { "void-needs-reason": voidNeedsReason } } },
    rules: {
      // A promise nobody awaits loses its failure; `void` marks the deliberate ones.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": [
        "error",
        // React's form `action` and event props take async functions on purpose.
        { checksVoidReturn: { attributes: false } },
      ],
      "plugboard/void-needs-reason": "error",
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "inline-type-imports" },
      ],
      "@typescript-eslint/no-import-type-side-effects": "error",
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      // An update or delete without `where` touches every row.
      "drizzle/enforce-delete-with-where": [
        "error",
        { drizzleObjectName: ["db", "tx", "database"] },
      ],
      "drizzle/enforce-update-with-where": [
        "error",
        { drizzleObjectName: ["db", "tx", "database"] },
      ],
    },
  },
  {
    // Every text a person reads comes from messages/ (next-intl): a literal in a page's or a
    // component's JSX is an untranslated string, and fails `npm test`.
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    ignores: ["**/*.test.tsx"],
    plugins: { i18next },
    rules: {
      "i18next/no-literal-string": [
        "error",
        {
          mode: "jsx-only",
          "jsx-attributes": {
            include: ["aria-label", "aria-description", "title", "alt", "placeholder", "label"],
          },
          // Punctuation, symbols and units between translated parts are not words.
          words: { exclude: [/^[\s\p{P}\p{S}\d]*$/u, /^(A|kW|kWh|V|%|s|ms)$/] },
          message: "Untranslated text: put it in messages/ and use t(…)",
        },
      ],
    },
  },
];
export default config;
