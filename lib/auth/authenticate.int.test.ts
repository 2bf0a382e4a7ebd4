import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createOrganization, createUser } from "@/lib/testing/fixtures";
import { authenticate, THROTTLED_MESSAGE } from "./authenticate";
import { MAX_FAILURES } from "./login-throttle";

describe.each(testDatabaseKinds())("sign-in on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let orgId: string;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    orgId = (await createOrganization(database.db)).id;
  });
  afterAll(async () => database?.dispose());

  it("accepts the right password, case-insensitive email, and refuses a wrong one", async () => {
    const user = await createUser(database.db, {
      role: "cpo",
      organizationId: orgId,
      email: "Mia@Example.test",
      password: "s3cret-pass",
    });
    const ok = await authenticate(
      database.db,
      { email: "mia@example.TEST", password: "s3cret-pass" },
      "10.0.0.1",
    );
    expect(ok).toEqual({ ok: true, user });
    const bad = await authenticate(
      database.db,
      { email: "mia@example.test", password: "nope" },
      "10.0.0.1",
    );
    expect(bad).toMatchObject({ ok: false, reason: "invalid" });
    const unknown = await authenticate(
      database.db,
      { email: "nobody@example.test", password: "x" },
      "10.0.0.1",
    );
    expect(unknown).toMatchObject({ ok: false, reason: "invalid" });
    const malformed = await authenticate(database.db, { email: 42, password: null }, "10.0.0.1");
    expect(malformed).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("throttles an account after 10 failures, even with the right password, from any address", async () => {
    await createUser(database.db, {
      role: "admin",
      organizationId: orgId,
      email: "leo@example.test",
      password: "right-password",
    });
    for (let i = 0; i < MAX_FAILURES; i++) {
      const r = await authenticate(
        database.db,
        { email: "leo@example.test", password: `wrong-${i}` },
        `10.1.0.${i}`,
      );
      expect(r).toMatchObject({ ok: false, reason: "invalid" });
    }
    const blocked = await authenticate(
      database.db,
      { email: "leo@example.test", password: "right-password" },
      "10.9.9.9",
    );
    expect(blocked).toEqual({ ok: false, reason: "throttled", message: THROTTLED_MESSAGE });
  });

  it("throttles an address after 10 failures across accounts", async () => {
    await createUser(database.db, {
      role: "admin",
      organizationId: orgId,
      email: "ana@example.test",
      password: "right-password",
    });
    for (let i = 0; i < MAX_FAILURES; i++) {
      await authenticate(
        database.db,
        { email: `guess-${i}@example.test`, password: "x" },
        "10.2.0.1",
      );
    }
    const blocked = await authenticate(
      database.db,
      { email: "ana@example.test", password: "right-password" },
      "10.2.0.1",
    );
    expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
    const elsewhere = await authenticate(
      database.db,
      { email: "ana@example.test", password: "right-password" },
      "10.2.0.2",
    );
    expect(elsewhere.ok).toBe(true);
  });
});
