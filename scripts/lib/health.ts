// Waits until a service answers its health endpoint, so services start in order. Plain
// node:http rather than fetch: fetch loads undici and compiles its WASM HTTP parser, about
// 8 MiB that the supervisor (which lives as long as the product) would keep for two probes.
import http from "node:http";

/** The status code of a GET, or null when nothing answered within `timeoutMs`. */
export function getStatus(
  url: string,
  headers: Record<string, string> = {},
  timeoutMs = 2000,
): Promise<number | null> {
  return new Promise((resolve) => {
    const request = http.get(url, { headers, timeout: timeoutMs }, (response) => {
      response.resume(); // drain: the body is not needed
      response.on("end", () => resolve(response.statusCode ?? null));
      response.on("error", () => resolve(null));
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(null));
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitForHealth(url: string, name: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const status = await getStatus(url);
    if (status !== null && status >= 200 && status < 300) return;
    await pause(250);
  }
  throw new Error(`${name} did not become healthy at ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Waits until the device manager knows every one of these chargers: before that, saving a
 * charger's OCPP settings would be refused ("no such charger"), so the product is not ready.
 */
export async function waitForRegistrations(
  deviceManagerUrl: string,
  token: string,
  serials: string[],
  timeoutMs = 120_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  let missing = [...serials];
  while (missing.length > 0) {
    const known = await Promise.all(
      missing.map(
        async (serial) =>
          (await getStatus(`${deviceManagerUrl}/v1/chargers/${encodeURIComponent(serial)}/shadow`, {
            authorization: `Bearer ${token}`,
          })) === 200,
      ),
    );
    missing = missing.filter((_, index) => !known[index]);
    if (missing.length === 0) return;
    if (Date.now() > until)
      throw new Error(
        `${missing.length} charger(s) not registered with the device manager in time`,
      );
    await pause(250);
  }
}
