// The charger list's server side without Next.js, as its own process: what
// app/(app)/chargers/page.tsx does per request — parseListParams, then listChargers and
// countChargersByStatus in parallel for a CPO's organisation — answered as JSON; and the same
// for the fleet dashboard (/dashboard) and the CSV export (/chargers/export). It times
// each request from arrival to the last byte written ("server time").
// Env: PORT, BENCH_PORTAL_DATABASE_URL or BENCH_PORTAL_DATA_DIR, BENCH_ORG_ID.
import "./allow-server-only";
import http from "node:http";
import { sql } from "drizzle-orm";
import { openPortalDatabase } from "@/db";
import { parseListParams } from "@/lib/chargers/list-params";
import { countChargersByStatus, encodeCursor, listChargers } from "@/lib/chargers/queries";
import { exportChargers } from "@/lib/chargers/export";
import { loadDashboard } from "@/lib/dashboard/load-dashboard";
import { apiTokens } from "@/db/schema";
import { newApiToken } from "@/lib/api-tokens/token";
import { API_ENDPOINTS } from "@/lib/api/v1/endpoints";
import { handleApiRequest } from "@/lib/api/v1/handle";
import { createUser } from "@/lib/testing/fixtures";

async function main() {
  const database = await openPortalDatabase({
    url: process.env.BENCH_PORTAL_DATABASE_URL || undefined,
    dataDir: process.env.BENCH_PORTAL_DATA_DIR ?? "memory://",
  });
  const db = database.db;
  const scope = { kind: "one" as const, organizationId: process.env.BENCH_ORG_ID ?? "" };
  let timings: number[] = [];
  // The CSV export is read by a CPO of the organisation (its audit entry needs a real user).
  const reader = await createUser(db, { role: "cpo", organizationId: scope.organizationId });
  let lastExport: Record<string, number> | null = null;
  // An API token of the organisation for the REST API's list (/api/v1/chargers).
  const apiToken = newApiToken();
  await db.insert(apiTokens).values({
    organizationId: scope.organizationId,
    name: "bench",
    scopes: ["read"],
    prefix: apiToken.prefix,
    tokenHash: apiToken.hash,
    createdBy: reader.id,
    createdByEmail: reader.email,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  const listEndpoint = API_ENDPOINTS.find((e) => e.operationId === "listChargers")!;

  const server = http.createServer((req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://portal");
    if (url.pathname === "/bench/timings") {
      const body = JSON.stringify(timings);
      timings = [];
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(body);
    }
    if (url.pathname === "/bench/cursor") {
      // The cursor a user holds after paging to row `offset` in name order.
      const offset = Number(url.searchParams.get("offset") ?? 0);
      // a benchmark helper: a failed query ends the run with its error
      void db
        .execute<{ name: string; id: string }>(
          sql`select name, id from chargers where organization_id = ${scope.organizationId}
              order by name, id offset ${offset} limit 1`,
        )
        .then((result) => {
          const row = (result as unknown as { rows: Array<{ name: string; id: string }> }).rows[0];
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ cursor: row ? encodeCursor(row.name, row.id) : null }));
        });
      return;
    }
    if (url.pathname === "/bench/export-stats") {
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(JSON.stringify(lastExport));
    }
    if (url.pathname === "/chargers/export") {
      // The whole list as CSV, as app/api/chargers/export does, with this process's resident
      // memory sampled every 10 ms while it streams: the export must keep the portal flat.
      void (async () => {
        global.gc?.();
        const baseline = process.memoryUsage().rss;
        let peak = baseline;
        const sampler = setInterval(() => {
          peak = Math.max(peak, process.memoryUsage().rss);
        }, 10);
        let bytes = 0;
        const response = await exportChargers(db, reader, url.searchParams, { timeZone: "UTC" });
        res.writeHead(response.status, { "content-type": "text/csv" });
        const reader_ = response.body!.getReader();
        for (;;) {
          const chunk = await reader_.read();
          if (chunk.done) break;
          bytes += chunk.value.byteLength;
          // Respect the client's pace, as a real download does.
          if (!res.write(chunk.value)) await new Promise((r) => res.once("drain", r));
        }
        res.end();
        clearInterval(sampler);
        lastExport = {
          ms: performance.now() - started,
          bytes,
          baselineMiB: baseline / 2 ** 20,
          peakMiB: peak / 2 ** 20,
        };
      })();
      return;
    }
    if (url.pathname === "/api/v1/chargers") {
      // The REST API's charger list through its whole pipeline (token, scope, rate limit…).
      void (async () => {
        const answer = await handleApiRequest(
          listEndpoint,
          new Request(`http://portal${url.pathname}${url.search}`, {
            headers: { authorization: `Bearer ${apiToken.token}` },
          }),
          {},
          { db, services: { deviceManager: null } },
        );
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(await answer.text());
        res.once("finish", () => timings.push(performance.now() - started));
      })();
      return;
    }
    if (url.pathname === "/dashboard") {
      // What app/(app)/dashboard/page.tsx reads per view (and /api/dashboard per refetch).
      void (async () => {
        try {
          const [data, counts] = await Promise.all([
            loadDashboard(db, scope, "Europe/Paris"),
            countChargersByStatus(db, scope),
          ]);
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ data, counts }));
        } catch (error) {
          res.writeHead(500).end((error as Error).message);
        }
        res.once("finish", () => timings.push(performance.now() - started));
      })();
      return;
    }
    if (url.pathname !== "/chargers") return void res.writeHead(404).end();
    void (async () => {
      try {
        const params = parseListParams(Object.fromEntries(url.searchParams));
        // counts=0: the list query alone, to show what the per-status counts cost.
        const withCounts = url.searchParams.get("counts") !== "0";
        const [page, counts] = await Promise.all([
          listChargers(db, scope, params),
          withCounts ? countChargersByStatus(db, scope) : null,
        ]);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ rows: page.rows, next: page.nextCursor, prev: page.prevCursor, counts }),
        );
      } catch (error) {
        res.writeHead(500).end((error as Error).message);
      }
      res.once("finish", () => timings.push(performance.now() - started));
    })();
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    const address = server.address() as { port: number };
    console.log(`list server listening on http://127.0.0.1:${address.port}`);
  });
  // exiting anyway: a failed close does not matter
  const stop = () => server.close(() => void database.close().finally(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error("list server failed:", error);
  process.exit(1);
});
