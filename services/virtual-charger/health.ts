// GET /health for the fleet process: 200 with counts, so a supervisor or a person can see at a
// glance how many chargers run and where their OCPP connections stand.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

export async function startHealthServer(
  port: number,
  host: string,
  report: () => object,
): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const healthy = req.method === "GET" && path === "/health";
    const body = healthy
      ? { ok: true, ...report() }
      : { error: "not_found", message: "Use GET /health" };
    res.writeHead(healthy ? 200 : 404, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
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
