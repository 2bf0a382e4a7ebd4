import { defineConfig } from "drizzle-kit";

// Migrations for the portal's database; applied at start by db/index.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
