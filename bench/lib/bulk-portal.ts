// The portal's server side for the bulk benchmark, without Next.js, as its own process: the
// real background jobs (lib/background-jobs.ts: the bulk worker every second, registrations,
// alerts, fleet samples) on the process's database handle (getDatabase, as the portal opens
// it), the device manager's webhook (app/api/device-events), the live stream (app/api/live:
// the real LiveHub, minus the session lookup: every stream is an administrator of
// BENCH_ORG_ID), the job's progress as app/api/jobs/[id]/route.ts answers it (minus the
// session), and the bulk form's "Start the job" (runAction(startBulkOcpp), as the server
// action runs it). Each /api/jobs answer is timed from arrival to its last byte.
// Env: as the portal's (DATABASE_URL or PORTAL_DATA_DIR, NEXTAUTH_SECRET, DEVICE_MANAGER_URL,
// DEVICE_MANAGER_TOKEN, DEVICE_EVENTS_SECRET), PORT, BENCH_ORG_ID.
import "./allow-server-only";
import { randomUUID } from "node:crypto";
import http from "node:http";
import { sql } from "drizzle-orm";
import { getDatabase } from "@/db";
import { getEnv } from "@/env";
import { runAction } from "@/lib/actions/safe-action";
import { startBackgroundJobs } from "@/lib/background-jobs";
import { findBulkJob } from "@/lib/bulk/job-actions";
import { loadJobProgress, loadJobSteps } from "@/lib/bulk/job-progress";
import { startBulkOcpp } from "@/lib/bulk/start-bulk-ocpp";
import { handleDeviceEventsRequest } from "@/lib/chargers/device-events-endpoint";
import { getDeviceManagerClient } from "@/lib/device-manager/portal-client";
import { getTranslator } from "@/lib/i18n/translate";
import { getLiveHub } from "@/lib/live/hub";
import { createUser } from "@/lib/testing/fixtures";

const HEARTBEAT_MS = 15_000;

async function main() {
  const database = await getDatabase();
  const db = database.db;
  const hub = await getLiveHub();
  const organizationId = process.env.BENCH_ORG_ID ?? "";
  const admin = await createUser(db, { role: "admin", organizationId });
  const translator = await getTranslator("en");
  const stats = { requests: 0, applied: 0, ignored: 0, lastAppliedAt: 0, errors: 0 };
  let jobTimings: Array<{ ms: number; bytes: number }> = [];
  // Each delivery of the device manager's events: how long the portal took to apply it, how
  // many events it held, and how old its oldest event was when it arrived (how far behind the
  // chargers the portal is).
  let eventTimings: Array<{ ms: number; events: number; lagMs: number }> = [];

  const server = http.createServer((req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://portal");
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(body));
    };
    const fail = (error: unknown) => {
      stats.errors += 1;
      if (!res.headersSent) json(500, { error: (error as Error).message });
    };
    if (req.method === "POST" && url.pathname === "/api/device-events") {
      // fail answers 500 and counts it
      void webhook(req, res).catch(fail);
      return;
    }
    if (req.method === "GET" && url.pathname === "/api/live") return live(req, res);
    const jobMatch = /^\/api\/jobs\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && jobMatch) {
      // As app/api/jobs/[id]/route.ts for the signed-in administrator; `?full=1` is the
      // page's first render (app/(app)/jobs/[id]/page.tsx), not timed.
      void (async () => {
        const job = await findBulkJob(db, admin, jobMatch[1]!);
        if (!job) return json(404, { error: "not found" });
        if (url.searchParams.has("full"))
          return json(200, await loadJobProgress(db, job, translator));
        const body = JSON.stringify(await loadJobSteps(db, job, translator));
        res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
        res.end(body);
        res.once("finish", () =>
          jobTimings.push({ ms: performance.now() - started, bytes: Buffer.byteLength(body) }),
        );
      })().catch(fail);
      return;
    }
    if (req.method === "POST" && url.pathname === "/bench/start") {
      // The bulk form's "Start the job", as its server action runs it for the administrator.
      void (async () => {
        const form = Object.fromEntries(url.searchParams);
        const result = await runAction(
          startBulkOcpp,
          admin,
          db,
          { requestId: randomUUID(), mode: "start", acceptTerms: "on", enabled: "on", ...form },
          { deviceManager: getDeviceManagerClient() },
        );
        if (!result.ok || result.data.mode !== "start")
          return json(400, { error: JSON.stringify(result) });
        json(200, { jobId: result.data.jobId, ms: performance.now() - started });
      })().catch(fail);
      return;
    }
    if (url.pathname === "/bench/stats") return json(200, { ...stats, subscribers: hub.size });
    if (url.pathname === "/bench/event-timings") {
      const body = eventTimings;
      eventTimings = [];
      return json(200, body);
    }
    if (url.pathname === "/bench/job-timings") {
      const body = jobTimings;
      jobTimings = [];
      return json(200, body);
    }
    if (req.method === "POST" && url.pathname === "/bench/sql") {
      // The benchmark's own reads (and its change-log triggers): with PGlite this process
      // holds the only handle on the database.
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const result = await db.execute(sql.raw(Buffer.concat(chunks).toString()));
        json(200, (result as unknown as { rows: unknown[] }).rows);
      })().catch(fail);
      return;
    }
    json(404, { error: "not found" });
  });

  async function webhook(req: http.IncomingMessage, res: http.ServerResponse) {
    const started = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const received = Date.now();
    const request = new Request(`http://portal${req.url}`, {
      method: "POST",
      headers: req.headers as Record<string, string>,
      body: Buffer.concat(chunks),
    });
    const response = await handleDeviceEventsRequest(
      request,
      database,
      getEnv().DEVICE_EVENTS_SECRET,
    );
    const text = await response.text();
    stats.requests += 1;
    try {
      const { events } = JSON.parse(Buffer.concat(chunks).toString()) as {
        events: Array<{ at: string }>;
      };
      const oldest = Math.min(...events.map((e) => Date.parse(e.at)));
      eventTimings.push({
        ms: performance.now() - started,
        events: events.length,
        lagMs: received - oldest,
      });
    } catch {
      // not a batch the benchmark can read: the portal's answer says why
    }
    if (response.ok) {
      const body = JSON.parse(text) as { applied: number; ignored: number };
      stats.applied += body.applied;
      stats.ignored += body.ignored;
      if (body.applied > 0) stats.lastAppliedAt = Date.now();
    } else stats.errors += 1;
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(text);
  }

  // As app/api/live/route.ts: ready event, one `status` event per hub flush, heartbeats.
  function live(req: http.IncomingMessage, res: http.ServerResponse) {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    let eventId = 0;
    res.write(`retry: 2000\nevent: ready\ndata: {}\n\n`);
    const unsubscribe = hub.subscribe({
      scope: { kind: "one", organizationId },
      send: (summaries) =>
        res.write(`id: ${++eventId}\nevent: status\ndata: ${JSON.stringify(summaries)}\n\n`),
      alertsChanged: () => res.write(`id: ${++eventId}\nevent: alerts\ndata: {}\n\n`),
    });
    const heartbeat = setInterval(() => res.write(`: keep-alive\n\n`), HEARTBEAT_MS);
    req.on("close", () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  startBackgroundJobs();
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    const address = server.address() as { port: number };
    console.log(`bulk portal listening on http://127.0.0.1:${address.port}`);
  });
  // exiting anyway: a failed close does not matter
  const stop = () => {
    // exiting either way: a failed close does not matter
    server.close(() => void database.close().finally(() => process.exit(0)));
    server.closeAllConnections(); // the live streams never end by themselves
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error("bulk portal failed:", error);
  process.exit(1);
});
