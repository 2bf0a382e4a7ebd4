import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createOrganization, createUser } from "@/lib/testing/fixtures";
import { EVERY_ROLE_PERMISSIONS, hasPermission, type SessionUser } from "@/lib/permissions";
import { ALL_ACTIONS } from "./registry";
import { runAction } from "./safe-action";

describe.each(testDatabaseKinds())("every server action refuses wrong callers on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  const people: Record<string, SessionUser> = {};

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    const org = await createOrganization(database.db);
    for (const role of ["admin", "cpo", "support"] as const) {
      people[role] = await createUser(database.db, { role, organizationId: org.id });
    }
  });
  afterAll(async () => database?.dispose());

  it.each(ALL_ACTIONS.map((a) => [a.name, a] as const))(
    "%s without a session",
    async (_name, action) => {
      const result = await runAction(action, null, database.db, {});
      expect(result).toMatchObject({ ok: false, code: "unauthenticated" });
    },
  );

  it.each(ALL_ACTIONS.map((a) => [a.name, a] as const))(
    "%s with a role that lacks the permission",
    async (_name, action) => {
      const refused = Object.values(people).filter((u) => !hasPermission(u, action.permission));
      // Only what every person may do to their own account is open to every role.
      if (EVERY_ROLE_PERMISSIONS.has(action.permission)) expect(refused).toEqual([]);
      else expect(refused.length).toBeGreaterThan(0);
      for (const user of refused) {
        const result = await runAction(action, user, database.db, {});
        expect(result).toMatchObject({ ok: false, code: "forbidden" });
      }
    },
  );
});
