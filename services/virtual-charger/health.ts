// The fleet's small HTTP server: GET /health (counts, so a supervisor or a person can see at a
// glance how many chargers run and where their OCPP connections stand), plus the simulated
// driver: GET /chargers/:serial (connectors, halo, charging session) and POST /chargers/:serial/driver.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

export interface FleetHttpApi {
  report(): object;
  /** The charger's live state, or undefined for an unknown serial. */
  chargerState(serial: string): object | undefined;
  /** Runs a driver action; the API validates the body and chooses the status code. */
  driver(serial: string, body: unknown): Promise<{ status: number; body: object }>;
}

const MAX_BODY_BYTES = 16 * 1024;
const DRIVER_PATH = /^\/chargers\/([A-Za-z0-9._-]{1,64})(\/driver)?$/;

export async function startHealthServer(
  port: number,
  host: string,
  api: FleetHttpApi | (() => object),
): Promise<HealthServer> {
  const routes: FleetHttpApi =
    typeof api === "function"
      ? {
          report: api,
          chargerState: () => undefined,
          driver: async () => ({ status: 404, body: notFound() }),
        }
      : api;
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: object) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (req.method === "GET" && path === "/health")
      return reply(200, { ok: true, ...routes.report() });
    const match = DRIVER_PATH.exec(path);
    if (!match) return reply(404, notFound());
    const serial = match[1]!;
    if (!match[2]) {
      if (req.method !== "GET")
        return reply(405, { error: "method_not_allowed", message: "Use GET" });
      const state = routes.chargerState(serial);
      return state
        ? reply(200, state)
        : reply(404, { error: "charger_not_found", message: `No charger ${serial} in this fleet` });
    }
    if (req.method !== "POST")
      return reply(405, { error: "method_not_allowed", message: "Use POST with a JSON body" });
    readJson(req)
      .then(
        (body) => routes.driver(serial, body).then(({ status, body: out }) => reply(status, out)),
        (error: Error) =>
          reply(error.message === "too_large" ? 413 : 400, {
            error: error.message === "too_large" ? "body_too_large" : "invalid_json",
            message:
              error.message === "too_large"
                ? `body over ${MAX_BODY_BYTES} bytes`
                : "the body is not valid JSON",
          }),
      )
      .catch(() => reply(500, { error: "internal_error", message: "driver action failed" }));
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function notFound() {
  return {
    error: "not_found",
    message: "Use GET /health, GET /chargers/:serial or POST /chargers/:serial/driver",
  };
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("too_large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8") || "null"));
      } catch {
        reject(new Error("invalid_json"));
      }
    });
    req.on("error", reject);
  });
}
