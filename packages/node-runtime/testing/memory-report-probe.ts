// A process for memory-report.int.test.ts: opens an in-memory embedded database, installs the
// memory report, prints its shared_buffers setting, then idles until killed.
import { openDatabase } from "../database";
import { installMemoryReport } from "../memory-report";

async function main() {
  installMemoryReport("probe");
  const handle = await openDatabase({
    dataDir: "memory://",
    schema: {},
    migrationsFolder: process.env.MIGRATIONS!,
  });
  const result = (await handle.db.execute("show shared_buffers")) as unknown as {
    rows: unknown[];
  };
  console.log(JSON.stringify(result.rows));
  setInterval(() => undefined, 1000);
}

// an unhandled rejection ends the probe, which the test sees as an early exit
void main();
