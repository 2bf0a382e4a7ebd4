// The product for the chaos suite, exactly as `npm start` runs it (supervisor included), on the
// data directory and ports the runner gives; Volta Parking goes to Business so the runner can
// read its audit log as CSV.
import { eq } from "drizzle-orm";
import { organizations } from "@/db/schema";
import { runPlugboard } from "../../scripts/lib/run";

async function main() {
  const code = await runPlugboard({
    root: process.cwd(),
    dataDir: process.env.PLUGBOARD_DATA_DIR!,
    port: Number(process.env.PORT),
    skipBuild: true,
    prepare: async (db) => {
      await db
        .update(organizations)
        .set({ plan: "business" })
        .where(eq(organizations.name, "Volta Parking"));
    },
  });
  process.exit(code);
}

main().catch((error: unknown) => {
  console.error("[chaos-serve] failed:", error);
  process.exit(1);
});
