// The portal's real device-event handler mounted on a plain HTTP server, so the device
// manager's webhook reaches the portal's code and database without Next.js.
import http from "node:http";
import type { PortalDatabase } from "@/db";
import { handleDeviceEventsRequest } from "@/lib/chargers/device-events-endpoint";
import { handleAsync } from "@plugboard/node-runtime";

export interface PortalReceiver {
  close(): Promise<void>;
}

export function startPortalReceiver(
  port: number,
  database: PortalDatabase,
  secret: string,
): Promise<PortalReceiver> {
  const server = http.createServer(
    handleAsync(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      });
      const response = await handleDeviceEventsRequest(request, database, secret);
      res.writeHead(response.status, { "content-type": "application/json" });
      res.end(await response.text());
    }),
  );
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () =>
      resolve({
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}
