// A browser on a bulk job's page, in its own process: it holds the tab's live stream
// (/api/live, as components/live/live-provider.tsx does on every signed-in page) and asks for
// the job's progress (/api/jobs/<id>) as components/bulk/job-progress-view.tsx does:
// - "poll": every second (React Query's refetchInterval: a tick while an answer is awaited is
//   skipped), the page as it was;
// - "live": the same, plus a coalesced refetch (components/live/coalesced-refetch.ts) whenever
//   the live stream reports one of the job's chargers; a refetch cancels a poll in flight, as
//   React Query's refetchQueries does.
// Its first answer is the page's first render (every charger, with names: `?full=1`); the
// refetches carry the steps alone, one letter per charger in the job's order
// (lib/bulk/step-codes.ts), as the page reads them. It records every answer: when it was asked
// for and received, and each charger's step.
import http from "node:http";
import { coalescedRefetch, type CoalescedRefetch } from "@/components/live/coalesced-refetch";
import { decodeSteps } from "@/lib/bulk/step-codes";
import { serveIpc } from "./children";

interface Answer {
  start: number;
  received: number;
  /** Each charger's step, one character per charger (index into `alphabet`), in `ids` order. */
  steps: string;
  trigger: "poll" | "live";
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
let answers: Answer[] = [];
let ids: string[] = [];
let idSet = new Set<string>();
const alphabet: string[] = [];
let inFlight: { request: http.ClientRequest; trigger: Answer["trigger"] } | null = null;
let poller: NodeJS.Timeout | null = null;
let refetch: CoalescedRefetch | null = null;
let liveRequest: http.ClientRequest | null = null;
const counters = { polls: 0, liveRefetches: 0, cancelled: 0, failures: 0, statusEvents: 0 };

function letter(step: string): string {
  let i = alphabet.indexOf(step);
  if (i < 0) i = alphabet.push(step) - 1;
  return String.fromCharCode(65 + i);
}

function fetchProgress(url: string, trigger: Answer["trigger"]): Promise<void> {
  return new Promise((resolve) => {
    const start = Date.now();
    const request = http.get(url, { agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", () => resolve());
      // Cancelled by a live refetch: no "end" comes.
      response.on("close", () => resolve());
      response.on("end", () => {
        const received = Date.now();
        if (inFlight?.request === request) inFlight = null;
        if (response.statusCode !== 200) {
          counters.failures += 1;
          return resolve();
        }
        const body = JSON.parse(Buffer.concat(chunks).toString()) as {
          items?: Array<{ chargerId: string; step: string }>;
          steps?: string;
        };
        let found: string[];
        if (body.items) {
          ids = body.items.map((item) => item.chargerId);
          idSet = new Set(ids);
          found = body.items.map((item) => item.step);
        } else {
          found = decodeSteps(body.steps ?? "");
          // As the page: a refetch of other chargers than the first render is not shown.
          if (found.length !== ids.length) {
            counters.failures += 1;
            return resolve();
          }
        }
        const steps = found.map(letter).join("");
        answers.push({ start, received, steps, trigger });
        resolve();
      });
    });
    request.on("error", () => {
      if (inFlight?.request === request) inFlight = null;
      resolve();
    });
    inFlight = { request, trigger };
  });
}

function watchLive(liveUrl: string): void {
  liveRequest = http.get(liveUrl, { headers: { accept: "text/event-stream" } }, (response) => {
    response.setEncoding("utf8");
    let buffer = "";
    response.on("data", (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!block.includes("event: status")) continue;
        counters.statusEvents += 1;
        if (!refetch) continue;
        const data = block
          .split("\n")
          .filter((line) => line.startsWith("data: "))
          .map((line) => line.slice(6))
          .join("");
        const summaries = JSON.parse(data) as Array<{ id: string }>;
        if (summaries.some((summary) => idSet.has(summary.id))) refetch.changed();
      }
    });
  });
  liveRequest.on("error", () => undefined);
}

serveIpc({
  live(args) {
    watchLive(String(args.url));
    return {};
  },
  start(args) {
    const url = String(args.url);
    const pollMs = Number(args.pollMs ?? 1_000);
    answers = [];
    ids = [];
    idSet = new Set();
    for (const key of Object.keys(counters)) counters[key as keyof typeof counters] = 0;
    // The server-rendered page holds the first answer; then the page's own refetching.
    void fetchProgress(`${url}?full=1`, "poll");
    poller = setInterval(() => {
      if (inFlight) return;
      counters.polls += 1;
      // fetchProgress never rejects: it records failures itself
      void fetchProgress(url, "poll");
    }, pollMs);
    if (args.mode === "live") {
      refetch = coalescedRefetch(
        () => {
          if (inFlight) {
            inFlight.request.destroy();
            inFlight = null;
            counters.cancelled += 1;
          }
          counters.liveRefetches += 1;
          return fetchProgress(url, "live");
        },
        { minGapMs: Number(args.minGapMs) },
      );
    }
    return {};
  },
  progress() {
    const last = answers.at(-1);
    if (!last) return { answers: 0, steps: {} };
    const steps: Record<string, number> = {};
    for (const c of last.steps) {
      const step = alphabet[c.charCodeAt(0) - 65]!;
      steps[step] = (steps[step] ?? 0) + 1;
    }
    return { answers: answers.length, steps };
  },
  stop() {
    if (poller) clearInterval(poller);
    poller = null;
    refetch?.dispose();
    refetch = null;
    inFlight?.request.destroy();
    inFlight = null;
    return { ids, alphabet, answers, counters };
  },
  close() {
    liveRequest?.destroy();
    setTimeout(() => process.exit(0), 50);
    return {};
  },
});
