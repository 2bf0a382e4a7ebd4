// Every route handler × every kind of caller: no session, each role, and another
// organisation's administrator. The table below must name every app/api/**/route.ts: a new
// route without its entry fails the first test, so none can ship without its access check.
import fs from "node:fs";
import path from "node:path";
import type * as DbModule from "@/db";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { alerts, auditLog, bulkJobs, chargers } from "@/db/schema";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { queryString, routeId } from "@/lib/testing/fuzz-inputs";
import { fuzzMemoryProbe } from "@/lib/testing/fuzz-memory";
import type { SessionUser } from "@/lib/permissions";
import type { DashboardData } from "@/lib/dashboard/load-dashboard";

const state = vi.hoisted(() => {
  // The live route reads the portal's environment; a test value for its one required secret.
  process.env.NEXTAUTH_SECRET ??= "route-access-test-secret-0123456789abcdef";
  return { user: null as SessionUser | null, database: null as unknown };
});
vi.mock("@/lib/auth/session", () => ({
  requireUser: async () => state.user,
  getSessionUser: async () => state.user,
}));
vi.mock("@/db", async (importOriginal) => ({
  ...(await importOriginal<typeof DbModule>()),
  getDb: async () => (state.database as { db: unknown }).db,
  getDatabase: async () => state.database,
}));

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

/**
 * How each route is protected. "charger": a session and a charger in the caller's scope;
 * "session": a session, data limited to the caller's organisation; the others are checked by
 * their own tests (named here).
 */
const ROUTES: Record<
  string,
  | { access: "charger" | "session" | "job"; path: string }
  | { access: "public" | "signed-webhook" | "next-auth" | "api-token"; provedBy: string }
> = {
  "app/api/chargers/[id]/status/route.ts": { access: "charger", path: "/api/chargers/:id/status" },
  "app/api/chargers/[id]/history/route.ts": {
    access: "charger",
    path: "/api/chargers/:id/history",
  },
  "app/api/chargers/status-counts/route.ts": {
    access: "session",
    path: "/api/chargers/status-counts",
  },
  // Support exports one organisation at a time: it names it (the others export their own).
  "app/api/audit/export/route.ts": {
    access: "session",
    path: "/api/audit/export?organization=:organization",
  },
  "app/api/chargers/export/route.ts": { access: "session", path: "/api/chargers/export" },
  "app/api/dashboard/route.ts": { access: "session", path: "/api/dashboard" },
  "app/api/alerts/count/route.ts": { access: "session", path: "/api/alerts/count" },
  // A bulk job in the caller's scope: checked by the job test below.
  "app/api/jobs/[id]/route.ts": { access: "job", path: "/api/jobs/:id" },
  "app/api/live/route.ts": { access: "session", path: "/api/live" },
  "app/api/health/route.ts": { access: "public", provedBy: "e2e/self-healing.spec.ts" },
  // The REST API answers to API tokens, not sessions: every endpoint × token is enumerated there.
  ...Object.fromEntries(
    [
      "app/api/v1/chargers/route.ts",
      "app/api/v1/chargers/[id]/route.ts",
      "app/api/v1/chargers/[id]/ocpp-configuration/route.ts",
      "app/api/v1/chargers/[id]/restart/route.ts",
      "app/api/v1/chargers/[id]/factory-reset/route.ts",
      "app/api/v1/jobs/route.ts",
      "app/api/v1/jobs/[id]/route.ts",
      "app/api/v1/jobs/[id]/cancel/route.ts",
      "app/api/v1/audit/route.ts",
    ].map((file) => [
      file,
      { access: "api-token" as const, provedBy: "lib/api/v1/api.int.test.ts" },
    ]),
  ),
  "app/api/v1/openapi.json/route.ts": { access: "public", provedBy: "lib/api/v1/api.int.test.ts" },
  "app/api/device-events/route.ts": {
    access: "signed-webhook",
    provedBy: "lib/chargers/device-events-endpoint.int.test.ts",
  },
  "app/api/auth/[...nextauth]/route.ts": { access: "next-auth", provedBy: "e2e/auth.spec.ts" },
  // Answers only to a right password, throttled like a sign-in.
  "app/api/auth/two-step-setup/route.ts": {
    access: "public",
    provedBy: "lib/auth/two-step/sign-in-enrolment.int.test.ts, e2e/two-step.spec.ts",
  },
};

const ROOT = path.resolve(__dirname, "../..");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [path.relative(ROOT, full)] : [];
  });
}

it("names every route handler", () => {
  expect(routeFiles(path.join(ROOT, "app/api")).sort()).toEqual(Object.keys(ROUTES).sort());
});

const protectedRoutes = Object.entries(ROUTES).flatMap(([file, route]) =>
  route.access === "charger" || route.access === "session" ? [{ file, ...route }] : [],
);

describe.each(testDatabaseKinds())("route handlers refuse the wrong callers on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  const people: Record<string, SessionUser> = {};
  let chargerId: string;
  let organizationId: string;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    state.database = database;
    const own = await createOrganization(database.db, { plan: "business" });
    organizationId = own.id;
    const other = await createOrganization(database.db, { plan: "business" });
    for (const role of ["admin", "cpo", "support"] as const)
      people[role] = await createUser(database.db, { role, organizationId: own.id });
    people.otherAdmin = await createUser(database.db, { role: "admin", organizationId: other.id });
    chargerId = (await createCharger(database.db, { organizationId: own.id })).id;
  });
  afterAll(async () => database?.dispose());

  async function call(file: string, routePath: string, user: SessionUser | null, id = chargerId) {
    state.user = user;
    const { GET } = (await import(path.join(ROOT, file))) as { GET: Handler };
    const url = `http://portal.test${routePath.replace(":id", id).replace(":organization", organizationId)}`;
    const controller = new AbortController();
    const response = await GET(new Request(url, { signal: controller.signal }), {
      params: Promise.resolve({ id }),
    });
    // Streams (the live route) are not read: the status is the answer.
    if (response.headers.get("content-type")?.includes("event-stream")) {
      await response.body?.cancel();
      controller.abort();
    }
    return response;
  }

  it.each(protectedRoutes.map((r) => [r.path, r]))("%s: 401 without a session", async (_p, r) => {
    expect((await call(r.file, r.path, null)).status).toBe(401);
  });

  it.each(protectedRoutes.map((r) => [r.path, r]))(
    "%s: each role of the organisation is served",
    async (_p, r) => {
      for (const role of ["admin", "cpo", "support"]) {
        expect((await call(r.file, r.path, people[role]!)).status, role).toBe(200);
      }
    },
  );

  it.each(protectedRoutes.filter((r) => r.access === "charger").map((r) => [r.path, r]))(
    "%s: another organisation's charger is exactly a charger that does not exist",
    async (_p, r) => {
      const foreign = await call(r.file, r.path, people.otherAdmin!);
      const missing = await call(
        r.file,
        r.path,
        people.otherAdmin!,
        "00000000-0000-4000-8000-000000000000",
      );
      expect(foreign.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(await foreign.text()).toBe(await missing.text());
    },
  );

  it("our audit log is, to another organisation's administrator, an organisation that does not exist", async () => {
    const route = "app/api/audit/export/route.ts";
    const ours = await call(
      route,
      "/api/audit/export?organization=:organization",
      people.otherAdmin!,
    );
    const none = await call(
      route,
      "/api/audit/export?organization=00000000-0000-4000-8000-000000000000",
      people.otherAdmin!,
    );
    expect(ours.status).toBe(404);
    expect(await ours.text()).toBe(await none.text());
  });

  it("pages a charger's connection history, and refuses a cursor that is not one (400)", async () => {
    const route = "app/api/chargers/[id]/history/route.ts";
    const first = await call(route, "/api/chargers/:id/history", people.cpo!);
    expect(await first.json()).toMatchObject({ entries: [], nextCursor: null, prevCursor: null });
    for (const query of ["cursor=not-a-cursor", "cursor=&direction=after", "direction=sideways"]) {
      const refused = await call(route, `/api/chargers/:id/history?${query}`, people.cpo!);
      expect(refused.status, query).toBe(400);
      expect(((await refused.json()) as { error: string }).error, query).toMatch(
        /^(cursor|direction): /,
      );
    }
  });

  it("another organisation's dashboard holds none of our chargers", async () => {
    const route = "app/api/dashboard/route.ts";
    const total = async (user: SessionUser) =>
      ((await (await call(route, "/api/dashboard", user)).json()) as DashboardData).sites.reduce(
        (n, s) => n + s.total,
        0,
      );
    expect(await total(people.cpo!)).toBe(1);
    expect(await total(people.otherAdmin!)).toBe(0);
  });

  it("another organisation's administrator exports none of our chargers", async () => {
    const route = "app/api/chargers/export/route.ts";
    const lines = async (user: SessionUser) =>
      (await (await call(route, "/api/chargers/export", user)).text()).trim().split("\r\n");
    expect(await lines(people.admin!)).toHaveLength(2);
    expect(await lines(people.otherAdmin!)).toHaveLength(1);
  });

  it("a bulk job: 401 without a session, each role of its organisation served, another organisation's a 404 like a missing one", async () => {
    const route = "app/api/jobs/[id]/route.ts";
    const [job] = await database.db
      .insert(bulkJobs)
      .values({
        organizationId,
        requestId: "00000000-0000-4000-8000-00000000b01c",
        createdByEmail: "admin@example.test",
        createdByRole: "admin",
        settings: {
          enabled: true,
          url: "ws://x.test/ocpp",
          identityTemplate: "{serial}",
          password: "kept",
        },
        ratePerSecond: 5,
        concurrency: 5,
      })
      .returning();
    expect((await call(route, "/api/jobs/:id", null, job!.id)).status).toBe(401);
    for (const role of ["admin", "cpo", "support"]) {
      const response = await call(route, "/api/jobs/:id", people[role]!, job!.id);
      expect(response.status, role).toBe(200);
      expect(await response.json()).toMatchObject({ job: { id: job!.id }, total: 0, steps: "" });
    }
    const foreign = await call(route, "/api/jobs/:id", people.otherAdmin!, job!.id);
    const missing = await call(
      route,
      "/api/jobs/:id",
      people.otherAdmin!,
      "00000000-0000-4000-8000-000000000000",
    );
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toBe(await missing.text());
  });

  it("another organisation's administrator counts none of our open alerts", async () => {
    await database.db.insert(alerts).values({
      organizationId,
      ruleKind: "charger_error",
      threshold: 5,
      chargerId,
      since: new Date(),
    });
    const open = async (user: SessionUser) => {
      const response = await call("app/api/alerts/count/route.ts", "/api/alerts/count", user);
      return ((await response.json()) as { open: number }).open;
    };
    expect(await open(people.cpo!)).toBe(1);
    expect(await open(people.support!)).toBe(1);
    expect(await open(people.otherAdmin!)).toBe(0);
  });

  it("another organisation's administrator counts none of our chargers", async () => {
    const total = async (user: SessionUser) => {
      const route = "app/api/chargers/status-counts/route.ts";
      const response = await call(route, "/api/chargers/status-counts", user);
      const counts = (await response.json()) as Record<string, unknown>;
      return Object.values(counts).reduce<number>(
        (sum, value) => sum + (typeof value === "number" ? value : 0),
        0,
      );
    };
    expect(await total(people.admin!)).toBeGreaterThan(0);
    expect(await total(people.otherAdmin!)).toBe(0);
  });
});

/**
 * The same handlers under arbitrary input (fast-check, seeded): ids of every shape and length,
 * hostile query strings, signed and unsigned junk to the device-event webhook, junk forms to
 * the two-step set-up. Never a 5xx or a throw; a refusal changes nothing.
 */
describe.each(testDatabaseKinds())("route handlers under arbitrary input on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let admin: SessionUser;
  const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
  const EVENTS_SECRET = "route-fuzz-events-secret-0123456789";
  const probe = fuzzMemoryProbe(`route handlers (${kind})`);
  const assertFuzz: typeof fc.assert = async (property, parameters) => {
    await fc.assert(property, parameters);
    probe.count(parameters?.numRuns ?? 0);
  };

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    state.database = database;
    const org = await createOrganization(database.db, { plan: "business" });
    admin = await createUser(database.db, { role: "admin", organizationId: org.id });
    await createCharger(database.db, { organizationId: org.id });
    probe.start();
  });
  afterAll(async () => {
    probe.finish();
    await database?.dispose();
  });

  const snapshot = async () =>
    JSON.stringify([
      await database.db.select().from(chargers).orderBy(chargers.id),
      await database.db.select({ id: auditLog.id }).from(auditLog),
    ]);

  it.each(protectedRoutes.map((r) => [r.path, r]))("GET %s", async (_p, route) => {
    const { GET } = (await import(path.join(ROOT, route.file))) as { GET: Handler };
    await assertFuzz(
      fc.asyncProperty(routeId, queryString, fc.boolean(), async (id, query, signedIn) => {
        state.user = signedIn ? admin : null;
        const url = `http://portal.test${route.path.split("?")[0]!.replace(":id", encodeURIComponent(id))}?${query}`;
        const controller = new AbortController();
        const response = await GET(new Request(url, { signal: controller.signal }), {
          params: Promise.resolve({ id }),
        });
        if (response.headers.get("content-type")?.includes("event-stream")) {
          await response.body?.cancel();
          controller.abort();
        }
        expect(response.status).toBeLessThan(500);
        if (!signedIn) expect(response.status).toBe(401);
      }),
      { seed: 20261204, numRuns: RUNS },
    );
  });

  it("POST /api/device-events", async () => {
    const { handleDeviceEventsRequest } = await import("@/lib/chargers/device-events-endpoint");
    const { signEventBody } = await import("@plugboard/device-contract");
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify({ events: [v] })),
      fc
        .record({ type: fc.string(), serialNumber: fc.string(), seq: fc.integer() })
        .map((e) => JSON.stringify({ events: [e] })),
    );
    await assertFuzz(
      fc.asyncProperty(body, fc.boolean(), async (text, signed) => {
        const before = await snapshot();
        const headers = signed
          ? signEventBody(EVENTS_SECRET, text).headers
          : { "content-type": "application/json" };
        const response = await handleDeviceEventsRequest(
          new Request("http://portal.test/api/device-events", {
            method: "POST",
            body: text,
            headers,
          }),
          database,
          EVENTS_SECRET,
        );
        expect(response.status).toBeLessThan(500);
        if (!signed) expect(response.status).toBe(401);
        if (response.status >= 400) expect(await snapshot()).toBe(before);
      }),
      { seed: 20261204, numRuns: RUNS },
    );
  });

  it("POST /api/auth/two-step-setup", async () => {
    const { POST } = (await import(path.join(ROOT, "app/api/auth/two-step-setup/route.ts"))) as {
      POST: (request: Request) => Promise<Response>;
    };
    await assertFuzz(
      fc.asyncProperty(
        fc.string({ maxLength: 6_000 }),
        fc.constantFrom("application/x-www-form-urlencoded", "application/json", "text/plain"),
        async (text, type) => {
          const response = await POST(
            new Request("http://portal.test/api/auth/two-step-setup", {
              method: "POST",
              body: text,
              headers: { "content-type": type },
            }),
          );
          expect([401, 413, 415, 429]).toContain(response.status);
        },
      ),
      { seed: 20261204, numRuns: RUNS },
    );
  });
});
