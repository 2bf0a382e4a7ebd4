// Server time of the portal's pages as bench/lib/list-server.ts answers them: each path asked
// `requests` times one after the other (after a few warm-up requests), the server's own timing
// of each read back. Used by the charger-list benchmark and by the 100,000-charger scale-out
// (the same pages while every charger is connected).
import http from "node:http";
import { getJson } from "./services";
import { summarize, type Summary } from "./stats";

export async function timePages<Name extends string>(
  agent: http.Agent,
  base: string,
  paths: Record<Name, string>,
  requests: number,
  onEach?: (name: Name, summary: Summary) => void,
): Promise<Record<Name, Summary>> {
  const measured = {} as Record<Name, Summary>;
  for (const [name, path] of Object.entries(paths) as Array<[Name, string]>) {
    for (let i = 0; i < 5; i += 1) await getPage(agent, base + path); // warm caches and JIT
    await getJson(`${base}/bench/timings`);
    for (let i = 0; i < requests; i += 1) await getPage(agent, base + path);
    measured[name] = summarize(await getJson<number[]>(`${base}/bench/timings`));
    onEach?.(name, measured[name]);
  }
  return measured;
}

/** The worst p95 of several summaries, and whose it is. */
export function worstP95(measured: Record<string, Summary>): { name: string; p95: number } {
  return Object.entries(measured).reduce(
    (worst, [name, summary]) => (summary.p95 > worst.p95 ? { name, p95: summary.p95 } : worst),
    { name: "", p95: 0 },
  );
}

/** GET, body discarded: true when the answer was 200. */
export function getPage(agent: http.Agent, url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent, timeout: 30_000 }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode === 200));
      response.on("error", () => resolve(false));
    });
    request.on("error", () => resolve(false));
    request.on("timeout", () => request.destroy());
  });
}
