// drizzle-kit config for the device manager's own schema (separate from the portal's).
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./services/device-manager/db/schema.ts",
  out: "./services/device-manager/db/migrations",
});
