// Browser stand-ins in their own process: N open SSE streams on the portal's live endpoint.
// Each status change carries the time the charger sent it and its serial (in its OCPP message,
// "bench:<ms>:<serial>"), so the latency is computed here, on arrival, once per stream and
// change.
import http from "node:http";
import { serveIpc } from "./children";
import { nowMs } from "./stats";

interface Stream {
  request: http.ClientRequest;
  seen: Set<string>;
  ready: boolean;
  countsInFlight: boolean;
  countsAgain: boolean;
}

function refetchCounts(stream: Stream): void {
  if (!countsUrl) return;
  if (stream.countsInFlight) {
    stream.countsAgain = true;
    return;
  }
  stream.countsInFlight = true;
  stream.countsAgain = false;
  const started = nowMs();
  http
    .get(countsUrl, { agent: countsAgent }, (response) => {
      response.resume();
      response.on("end", () => {
        counts.requests += 1;
        if (response.statusCode !== 200) counts.failures += 1;
        counts.latencies.push(nowMs() - started);
        stream.countsInFlight = false;
        if (stream.countsAgain) refetchCounts(stream);
      });
    })
    .on("error", () => {
      counts.failures += 1;
      stream.countsInFlight = false;
    });
}

const countsAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

const streams: Stream[] = [];
let latencies: number[] = [];
let duplicates = 0;
let events = 0;
/** On how many streams each change (its "bench:<ms>:<serial>" message) arrived. */
let seenBy: Record<string, number> = {};
// The list page's behaviour (components/live/live-provider.tsx): every status event
// invalidates the status counts, which React Query refetches (one in flight per tab).
let countsUrl: string | null = null;
const counts = { requests: 0, failures: 0, latencies: [] as number[] };

function open(url: string): Stream {
  const stream: Stream = {
    request: null as unknown as http.ClientRequest,
    seen: new Set(),
    ready: false,
    countsInFlight: false,
    countsAgain: false,
  };
  stream.request = http.get(
    url,
    { agent: false, headers: { accept: "text/event-stream" } },
    (response) => {
      response.setEncoding("utf8");
      let buffer = "";
      response.on("data", (chunk: string) => {
        const arrived = nowMs();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          onEvent(stream, block, arrived);
        }
      });
    },
  );
  stream.request.on("error", () => undefined);
  return stream;
}

function onEvent(stream: Stream, block: string, arrived: number): void {
  let type = "message";
  let data = "";
  for (const line of block.split("\n")) {
    if (line.startsWith("event: ")) type = line.slice(7);
    else if (line.startsWith("data: ")) data += line.slice(6);
  }
  if (type === "ready") stream.ready = true;
  if (type !== "status") return;
  events += 1;
  refetchCounts(stream);
  for (const summary of JSON.parse(data) as Array<{ ocppMessage: string | null }>) {
    const message = summary.ocppMessage;
    if (!message?.startsWith("bench:")) continue;
    if (stream.seen.has(message)) {
      duplicates += 1;
      continue;
    }
    stream.seen.add(message);
    seenBy[message] = (seenBy[message] ?? 0) + 1;
    latencies.push(arrived - sentAt(message));
  }
}

serveIpc({
  open(args) {
    for (let i = 0; i < Number(args.count); i += 1) streams.push(open(String(args.url)));
    return { opened: streams.length };
  },
  status: () => ({ streams: streams.length, ready: streams.filter((s) => s.ready).length, events }),
  reset(args) {
    latencies = [];
    seenBy = {};
    duplicates = 0;
    events = 0;
    countsUrl = typeof args.countsUrl === "string" ? args.countsUrl : null;
    counts.requests = 0;
    counts.failures = 0;
    counts.latencies = [];
    for (const stream of streams) stream.seen.clear();
    return {};
  },
  results: () => ({
    latencies: latencies.map((v) => Math.round(v * 10) / 10),
    duplicates,
    events,
    seenBy,
    counts: { ...counts, latencies: counts.latencies.map((v) => Math.round(v * 10) / 10) },
  }),
  close() {
    for (const stream of streams) stream.request.destroy();
    setTimeout(() => process.exit(0), 50);
    return {};
  },
});

/** The send time in a "bench:<ms>:<serial>" message. */
function sentAt(message: string): number {
  return Number(message.slice("bench:".length, message.indexOf(":", "bench:".length)));
}
