// Node's http server ignores the promise an async request handler returns: a failure would be
// an unhandled rejection and the client would hang. This wrapper answers 500 instead.
import type { IncomingMessage, ServerResponse } from "node:http";

export function handleAsync(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handler(req, res).catch((error: unknown) => {
      console.error(`[http] ${req.method} ${req.url} failed:`, (error as Error)?.message ?? error);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end("internal error");
    });
  };
}
