// The portal's HTTP server: Next.js behind a thin Node server that records the client's
// address. Next only fills X-Forwarded-For when the client did not send one, so a client
// could pick its own address and dodge the sign-in throttle; here the socket address wins
// unless PLUGBOARD_TRUST_PROXY=1 says a load balancer in front sets X-Forwarded-For.
import http from "node:http";
import next from "next";
import { installMemoryReport } from "@plugboard/node-runtime";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "@/lib/auth/client-address";
import { HTTPS_HEADER } from "@/lib/http/security-headers";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const trustProxy = process.env.PLUGBOARD_TRUST_PROXY === "1";

async function main() {
  installMemoryReport("portal");
  const app = next({ dev: false, dir: process.cwd(), port, hostname });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(
      req.headers["x-forwarded-for"],
      req.socket.remoteAddress,
      trustProxy,
    );
    // Whether the browser reached us over HTTPS (for HSTS); never what a client claims.
    const forwardedProto = String(req.headers["x-forwarded-proto"] ?? "")
      .split(",")[0]
      ?.trim();
    const https =
      "encrypted" in req.socket || (trustProxy && forwardedProto === "https") ? "1" : "0";
    req.headers[HTTPS_HEADER] = https;
    // Next's request handler answers its own errors (500 page)
    void handle(req, res);
  });
  server.listen(port, hostname, () =>
    console.log(`Portal listening on http://${hostname}:${port}`),
  );
  // Live streams never end by themselves: close idle and streaming connections, and give
  // in-flight requests a few seconds at most.
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2000).unref();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error("Portal failed to start:", error);
  process.exit(1);
});
