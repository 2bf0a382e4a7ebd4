// The REST API on a real database, through its request pipeline: every endpoint × (no token,
// each scope, another organisation's token), the document validated by an independent OpenAPI
// validator, every answer checked against the document, and the bad inputs (401, 403, 404, 400
// naming the field, 413, 415, 422, 429) changing nothing.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import SwaggerParser from "@apidevtools/swagger-parser";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { eq } from "drizzle-orm";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { apiRequestCounts, auditLog, chargers, type ApiTokenScope } from "@/db/schema";
import { runAction } from "@/lib/actions/safe-action";
import { createApiToken } from "@/lib/api-tokens/manage-api-tokens";
import { stubDeviceManager, type SentCommand } from "@/lib/device-manager/testing";
import type { SessionUser } from "@/lib/permissions";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { randomUUID } from "node:crypto";
import { startBulkOcpp } from "@/lib/bulk/start-bulk-ocpp";
import { API_ENDPOINTS, type ApiEndpoint } from "./endpoints";
import { handleApiRequest, MAX_BODY_BYTES } from "./handle";
import { openApiDocument } from "./openapi";
import { REQUESTS_PER_MINUTE } from "./rate-limit";

const ROOT = path.resolve(__dirname, "../../..");
const MISSING = "00000000-0000-4000-8000-000000000000";
const SCOPES: ApiTokenScope[] = ["read", "configure", "operate"];

/** Every route file under app/api/v1 with the methods it exports, as "METHOD /path". */
function routeOperations(): string[] {
  const dir = path.join(ROOT, "app/api/v1");
  const walk = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(d, e.name);
      return e.isDirectory() ? walk(full) : e.name === "route.ts" ? [full] : [];
    });
  return walk(dir).flatMap((file) => {
    const route = path
      .relative(dir, path.dirname(file))
      .replace(/\[(\w+)\]/g, "{$1}")
      .replace(/^/, "/");
    if (route === "/openapi.json") return [];
    const text = fs.readFileSync(file, "utf8");
    return [
      ...text.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = apiRoute\("(\w+)"\)/g),
    ].map((m) => `${m[1]} ${route} ${m[2]}`);
  });
}

it("serves every endpoint of the list from its route file, and nothing else", () => {
  expect(routeOperations().sort()).toEqual(
    API_ENDPOINTS.map((e) => `${e.method} ${e.path} ${e.operationId}`).sort(),
  );
});

it("generates an OpenAPI 3.1 document an independent validator accepts", async () => {
  const document = structuredClone(openApiDocument());
  expect(document.openapi).toBe("3.1.0");
  await expect(SwaggerParser.validate(document as never)).resolves.toBeTruthy();
  expect(Object.keys(document.paths ?? {}).sort()).toEqual(
    [...new Set(API_ENDPOINTS.map((e) => e.path))].sort(),
  );
});

describe.each(testDatabaseKinds())("REST API on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let admin: SessionUser;
  let chargerId: string;
  let jobId: string;
  const tokens: Record<string, string> = {};
  const sent: SentCommand[] = [];
  let validateAnswer: (endpoint: ApiEndpoint, status: number, body: unknown) => void;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    const organizationId = (await createOrganization(database.db, { plan: "business" })).id;
    const otherId = (await createOrganization(database.db, { plan: "business" })).id;
    admin = await createUser(database.db, { role: "admin", organizationId });
    const otherAdmin = await createUser(database.db, { role: "admin", organizationId: otherId });
    chargerId = (
      await createCharger(database.db, {
        organizationId,
        name: "Depot 1",
        partNumber: "CMX2-M-2-4-8",
        deviceRegisteredAt: new Date(),
      })
    ).id;
    await createCharger(database.db, { organizationId: otherId, partNumber: "CMX2-M-2-4-8" });
    const make = async (user: SessionUser, name: string, scopes: ApiTokenScope[]) => {
      const result = await runAction(createApiToken, user, database.db, {
        name,
        scopes,
        expiresInDays: "7",
      });
      if (!result.ok) throw new Error(result.message);
      return result.data.token;
    };
    for (const scope of SCOPES) tokens[scope] = await make(admin, scope, [scope]);
    tokens.all = await make(admin, "all", SCOPES);
    const job = await runAction(startBulkOcpp, admin, database.db, {
      mode: "start",
      requestId: randomUUID(),
      ids: chargerId,
      enabled: "on",
      url: "wss://csms.example.com/ocpp",
      identityTemplate: "{serial}",
      acceptTerms: "on",
    });
    const started = job.ok ? (job.data as { mode: string; jobId?: string }) : null;
    if (!started?.jobId) throw new Error("no job");
    jobId = started.jobId;
    tokens.other = await make(otherAdmin, "other", SCOPES);

    // Each answer against the document's own schema for that operation and status.
    const document = (await SwaggerParser.dereference(
      structuredClone(openApiDocument()) as never,
    )) as unknown as {
      paths: Record<
        string,
        Record<
          string,
          { responses: Record<string, { content: Record<string, { schema: object }> }> }
        >
      >;
    };
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    validateAnswer = (endpoint, status, body) => {
      const response =
        document.paths[endpoint.path]![endpoint.method.toLowerCase()]!.responses[String(status)];
      expect(response, `${endpoint.operationId} documents ${status}`).toBeTruthy();
      const content = Object.values(response!.content)[0]!;
      const validate = ajv.compile(content.schema);
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    };
  });
  afterAll(async () => database?.dispose());

  async function call(
    endpoint: ApiEndpoint,
    options: {
      token?: string;
      id?: string;
      body?: string;
      headers?: Record<string, string>;
      query?: string;
    } = {},
  ) {
    const id = options.id ?? (endpoint.path.startsWith("/jobs/") ? jobId : chargerId);
    const url = `http://portal.test/api/v1${endpoint.path.replace("{id}", id)}${options.query ?? ""}`;
    const body = endpoint.method === "GET" ? undefined : (options.body ?? "{}");
    const request = new Request(url, {
      method: endpoint.method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...options.headers,
      },
      body,
    });
    const response = await handleApiRequest(
      endpoint,
      request,
      { id },
      {
        db: database.db,
        services: { deviceManager: stubDeviceManager(sent) },
      },
    );
    const text = await response.text();
    return {
      response,
      status: response.status,
      json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    };
  }
  const endpoint = (operationId: string) =>
    API_ENDPOINTS.find((e) => e.operationId === operationId)!;
  const validOcpp = JSON.stringify({
    type: "ocpp",
    address: "wss://csms.example.com/ocpp",
    chargePointIdentity: "DEPOT-1",
    password: "a-password-of-20-chars",
    termsAccepted: true,
  });
  const bodyOf = (e: ApiEndpoint) =>
    e.operationId === "putOcppConfiguration"
      ? validOcpp
      : e.operationId === "createJob"
        ? JSON.stringify({
            chargerIds: [chargerId],
            type: "ocpp",
            address: "wss://csms.example.com/ocpp",
            chargePointIdentityTemplate: "API-{serial}",
            termsAccepted: true,
          })
        : "{}";

  it.each(API_ENDPOINTS.map((e) => [e.operationId, e] as const))(
    "%s: 401 without a token, 403 without its scope, served with it, documented",
    async (_name, e) => {
      const none = await call(e);
      expect(none.status).toBe(401);
      expect(none.response.headers.get("content-type")).toBe("application/problem+json");
      expect(none.response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      validateAnswer(e, 401, none.json);
      for (const scope of SCOPES.filter((s) => s !== e.scope)) {
        const refused = await call(e, { token: tokens[scope], body: bodyOf(e) });
        expect(refused.status, scope).toBe(403);
        expect(refused.json?.type).toBe("urn:plugboard:problem:scope-required");
        validateAnswer(e, 403, refused.json);
      }
      const served = await call(e, { token: tokens[e.scope], body: bodyOf(e) });
      expect(served.status, JSON.stringify(served.json)).toBe(e.response.status);
      validateAnswer(e, e.response.status, served.json);
    },
  );

  it.each(
    API_ENDPOINTS.filter((e) => e.path.includes("{id}")).map((e) => [e.operationId, e] as const),
  )(
    "%s: another organisation's charger or job is exactly one that does not exist (404)",
    async (_name, e) => {
      const before = JSON.stringify(await database.db.select().from(chargers).orderBy(chargers.id));
      const foreign = await call(e, { token: tokens.other, body: bodyOf(e) });
      const missing = await call(e, { token: tokens.other, id: MISSING, body: bodyOf(e) });
      const malformed = await call(e, { token: tokens.other, id: "not-a-uuid", body: bodyOf(e) });
      expect(foreign.status).toBe(404);
      expect(foreign.json).toEqual(missing.json);
      expect(malformed.json).toEqual(missing.json);
      validateAnswer(e, 404, foreign.json);
      expect(JSON.stringify(await database.db.select().from(chargers).orderBy(chargers.id))).toBe(
        before,
      );
    },
  );

  it("starts a job through the bulk form's own action, reads its progress, cancels it", async () => {
    const created = await call(endpoint("createJob"), {
      token: tokens.configure,
      body: JSON.stringify({
        site: "none",
        type: "ocpp",
        address: "wss://csms.example.com/ocpp",
        chargePointIdentityTemplate: "{unknown}",
        termsAccepted: true,
      }),
    });
    expect(created.status).toBe(400);
    expect(Object.keys(created.json!.errors as object)).toEqual(["chargePointIdentityTemplate"]);
    const started = await call(endpoint("createJob"), {
      token: tokens.configure,
      body: JSON.stringify({
        chargerIds: [chargerId],
        type: "ocpp",
        address: "wss://csms.example.com/ocpp",
        chargePointIdentityTemplate: "JOB-{serial}",
        ratePerSecond: 2,
        termsAccepted: true,
      }),
    });
    expect(started.status).toBe(202);
    const id = started.json!.jobId as string;
    const progress = await call(endpoint("getJob"), { token: tokens.read, id });
    expect(progress.json).toMatchObject({ id, status: "running", total: 1 });
    expect((progress.json!.items as Array<{ identity: string }>)[0]!.identity).toMatch(/^JOB-/);
    expect((await call(endpoint("cancelJob"), { token: tokens.configure, id })).status).toBe(202);
    const after = await call(endpoint("getJob"), { token: tokens.read, id });
    expect(after.json!.status).toBe("cancelled");
    const audit = await call(endpoint("listAudit"), {
      token: tokens.read,
      query: "?action=bulk.ocpp.start",
    });
    expect((audit.json!.data as unknown[]).length).toBeGreaterThan(0);
    validateAnswer(endpoint("listAudit"), 200, audit.json);
  });

  it("lists the organisation's chargers only, with filters, and refuses a bad filter (400)", async () => {
    const list = await call(endpoint("listChargers"), { token: tokens.read });
    expect((list.json!.data as Array<{ name: string }>).map((c) => c.name)).toEqual(["Depot 1"]);
    const filtered = await call(endpoint("listChargers"), {
      token: tokens.read,
      query: "?model=PLP1",
    });
    expect(filtered.json!.data).toEqual([]);
    const bad = await call(endpoint("listChargers"), { token: tokens.read, query: "?limit=5000" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json!.errors as object)).toEqual(["limit"]);
    validateAnswer(endpoint("listChargers"), 400, bad.json);
  });

  it("sets the OCPP configuration through the OCPP tab's own path; the password is never returned", async () => {
    const put = await call(endpoint("putOcppConfiguration"), {
      token: tokens.configure,
      body: validOcpp,
    });
    expect(put.status).toBe(202);
    const got = await call(endpoint("getOcppConfiguration"), { token: tokens.read });
    expect(got.json).toEqual({
      type: "ocpp",
      address: "wss://csms.example.com/ocpp",
      chargePointIdentity: "DEPOT-1",
      passwordSet: true,
    });
    expect(JSON.stringify(got.json)).not.toContain("a-password-of-20-chars");
    const [entry] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "ocpp.configure"))
      .orderBy(auditLog.id)
      .limit(1);
    expect(entry!.actorEmail).toMatch(/^API token “configure” \(pbt_/);
    expect(JSON.stringify(entry)).not.toContain("a-password-of-20-chars");
  });

  it("names the refused fields (400), and refuses other media types (415) and big bodies (413)", async () => {
    const before = JSON.stringify(await database.db.select().from(chargers).orderBy(chargers.id));
    const e = endpoint("putOcppConfiguration");
    const bad = await call(e, {
      token: tokens.configure,
      body: JSON.stringify({
        type: "ocpp",
        address: "https://x",
        chargePointIdentity: "A/B",
        termsAccepted: true,
      }),
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json!.errors as object).sort()).toEqual([
      "address",
      "chargePointIdentity",
    ]);
    validateAnswer(e, 400, bad.json);
    const noTerms = await call(e, {
      token: tokens.configure,
      body: JSON.stringify({ type: "none" }),
    });
    expect(Object.keys(noTerms.json!.errors as object)).toEqual(["termsAccepted"]);
    const extra = await call(e, {
      token: tokens.configure,
      body: JSON.stringify({ type: "none", termsAccepted: true, hack: 1 }),
    });
    expect(extra.status).toBe(400);
    expect((await call(e, { token: tokens.configure, body: "{not json" })).status).toBe(400);
    const text = await call(e, {
      token: tokens.configure,
      body: validOcpp,
      headers: { "content-type": "text/plain" },
    });
    expect(text.status).toBe(415);
    const big = await call(e, {
      token: tokens.configure,
      body: JSON.stringify({ pad: "x".repeat(MAX_BODY_BYTES) }),
    });
    expect(big.status).toBe(413);
    validateAnswer(e, 413, big.json);
    expect(JSON.stringify(await database.db.select().from(chargers).orderBy(chargers.id))).toBe(
      before,
    );
  });

  it("replays an Idempotency-Key's answer without acting twice, and refuses it for another body (422)", async () => {
    const e = endpoint("restartCharger");
    const key = { "idempotency-key": "restart-2026-12-05-001" };
    const sentBefore = sent.length;
    const first = await call(e, {
      token: tokens.operate,
      headers: key,
      body: '{"reason":"stuck"}',
    });
    const again = await call(e, {
      token: tokens.operate,
      headers: key,
      body: '{"reason":"stuck"}',
    });
    expect(first.status).toBe(202);
    expect(again.json).toEqual(first.json);
    expect(again.response.headers.get("idempotent-replayed")).toBe("true");
    expect(sent.length - sentBefore).toBe(1);
    const other = await call(e, {
      token: tokens.operate,
      headers: key,
      body: '{"reason":"other"}',
    });
    expect(other.status).toBe(422);
    expect(other.json?.type).toBe("urn:plugboard:problem:idempotency-key-reused");
    validateAnswer(e, 422, other.json);
    expect(sent.length - sentBefore).toBe(1);
  });

  it("limits each token's requests per minute (429 with Retry-After)", async () => {
    const e = endpoint("getCharger");
    const windowStart = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const tokenRows = await call(e, { token: tokens.all });
    expect(tokenRows.status).toBe(200);
    await database.db
      .update(apiRequestCounts)
      .set({ count: REQUESTS_PER_MINUTE })
      .where(eq(apiRequestCounts.windowStart, windowStart));
    const limited = await call(e, { token: tokens.all });
    expect(limited.status).toBe(429);
    expect(Number(limited.response.headers.get("retry-after"))).toBeGreaterThan(0);
    validateAnswer(e, 429, limited.json);
  });
});
