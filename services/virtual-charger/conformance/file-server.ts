// A tiny HTTP server for firmware downloads and diagnostics uploads (loopback, port 0).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FileServer {
  url: string;
  uploads: Map<string, string>;
  close(): Promise<void>;
}

/** GET /fw/<name>.bin → a small image (404 for /fw/missing*); PUT /diag/<name> → stored. */
export async function startFileServer(): Promise<FileServer> {
  const uploads = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? "/").split("?")[0]!);
    if (req.method === "GET" && path.startsWith("/fw/") && !path.startsWith("/fw/missing")) {
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      return res.end(Buffer.alloc(2048, 7));
    }
    if (req.method === "PUT" && path.startsWith("/diag/")) {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        uploads.set(path.slice("/diag/".length), Buffer.concat(chunks).toString("utf8"));
        res.writeHead(201).end();
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    uploads,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
