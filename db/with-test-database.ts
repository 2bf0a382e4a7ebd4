// Opens the portal schema on a fresh test database (PGlite in memory, or a new PostgreSQL
// database when TEST_DATABASE_URL is set) and drops it afterwards.
import { openPortalDatabase, type PortalDatabase } from "@/db";
import { createTestDatabase, type TestDatabase } from "@plugboard/node-runtime";

export async function openTestPortalDatabase(
  kind: "postgres" | "pglite",
): Promise<PortalDatabase & { url: string | undefined; dispose(): Promise<void> }> {
  const testDb: TestDatabase = await createTestDatabase(kind);
  const handle = await openPortalDatabase({ url: testDb.url, dataDir: "memory://" });
  return {
    ...handle,
    url: testDb.url,
    async dispose() {
      await handle.close();
      await testDb.drop();
    },
  };
}
