// The portal's device-event path without Next.js, as its own process: the real webhook handler
// (lib/chargers/device-events-endpoint.ts) on POST /api/device-events, the real LiveHub
// (lib/live/hub.ts, LISTEN/NOTIFY), GET /api/live: the same SSE stream as
// app/api/live/route.ts minus the session lookup (every stream is a CPO of BENCH_ORG_ID), and
// GET /api/chargers/status-counts as its route does.
// Env: PORT, BENCH_PORTAL_DATABASE_URL or BENCH_PORTAL_DATA_DIR, EVENTS_SECRET, BENCH_ORG_ID.
import http from "node:http";
import { openPortalDatabase } from "@/db";
import { handleDeviceEventsRequest } from "@/lib/chargers/device-events-endpoint";
import { countChargersByStatus } from "@/lib/chargers/queries";
import { LiveHub } from "@/lib/live/hub";

const HEARTBEAT_MS = 15_000;

async function main() {
  const database = await openPortalDatabase({
    url: process.env.BENCH_PORTAL_DATABASE_URL || undefined,
    dataDir: process.env.BENCH_PORTAL_DATA_DIR ?? "memory://",
  });
  const hub = new LiveHub(database);
  await hub.start();
  const secret = process.env.EVENTS_SECRET;
  const organizationId = process.env.BENCH_ORG_ID ?? "";
  const stats = { requests: 0, applied: 0, ignored: 0, lastAppliedAt: 0, streams: 0, errors: 0 };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://portal");
    if (req.method === "POST" && url.pathname === "/api/device-events")
      // the webhook handler answers its own errors
      return void webhook(req, res);
    if (req.method === "GET" && url.pathname === "/api/live") return live(req, res);
    // As app/api/chargers/status-counts/route.ts, for a CPO of BENCH_ORG_ID.
    if (req.method === "GET" && url.pathname === "/api/chargers/status-counts") {
      // a benchmark helper: a failed count ends the run with its error
      void countChargersByStatus(database.db, { kind: "one", organizationId }).then(
        (counts) => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify(counts));
        },
        (error: Error) => res.writeHead(500).end(error.message),
      );
      return;
    }
    if (url.pathname === "/bench/stats") {
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ ...stats, subscribers: hub.size }));
    }
    res.writeHead(404).end();
  });

  async function webhook(req: http.IncomingMessage, res: http.ServerResponse) {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const request = new Request(`http://portal${req.url}`, {
        method: "POST",
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      });
      const response = await handleDeviceEventsRequest(request, database, secret);
      const text = await response.text();
      stats.requests += 1;
      if (response.ok) {
        const body = JSON.parse(text) as { applied: number; ignored: number };
        stats.applied += body.applied;
        stats.ignored += body.ignored;
        if (body.applied > 0) stats.lastAppliedAt = Date.now();
      } else stats.errors += 1;
      res.writeHead(response.status, { "content-type": "application/json" });
      res.end(text);
    } catch (error) {
      stats.errors += 1;
      res.writeHead(500).end(String((error as Error).message));
    }
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
    stats.streams += 1;
    const unsubscribe = hub.subscribe({
      scope: { kind: "one", organizationId },
      send: (summaries) =>
        res.write(`id: ${++eventId}\nevent: status\ndata: ${JSON.stringify(summaries)}\n\n`),
    });
    const heartbeat = setInterval(() => res.write(`: keep-alive\n\n`), HEARTBEAT_MS);
    req.on("close", () => {
      clearInterval(heartbeat);
      unsubscribe();
      stats.streams -= 1;
    });
  }

  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    const address = server.address() as { port: number };
    console.log(`portal receiver listening on http://127.0.0.1:${address.port}`);
  });
  // exiting anyway: a failed close does not matter
  const stop = () => server.close(() => void database.close().finally(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error("portal receiver failed:", error);
  process.exit(1);
});
