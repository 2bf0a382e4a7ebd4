// Real servers that misbehave on purpose, for the connection-error tests. Loopback, port 0.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer as createHttpsServer } from "node:https";
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server,
  type Socket,
} from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { WebSocketServer } from "ws";

export interface TestServer {
  port: number;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

function closer(server: Server, sockets: Set<Socket>) {
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return () =>
    new Promise<void>((resolve) => {
      sockets.forEach((s) => s.destroy());
      server.close(() => resolve());
    });
}

/** A port that was just free: bound, then released, so nothing listens there. */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts TCP connections and never answers the upgrade (a black hole). */
export async function silentTcpServer(): Promise<TestServer> {
  const server = createNetServer(() => undefined);
  const close = closer(server, new Set());
  return { port: await listen(server), close };
}

/** A plain WebSocket server that never selects a subprotocol (not an OCPP endpoint). */
export async function bareWsServer(): Promise<TestServer & { upgrades: () => number }> {
  let upgrades = 0;
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, handleProtocols: () => false });
  wss.on("connection", (ws) => {
    upgrades++;
    ws.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const port = (wss.address() as AddressInfo).port;
  return {
    port,
    upgrades: () => upgrades,
    close: () =>
      new Promise<void>((resolve) => {
        wss.clients.forEach((c) => c.terminate());
        wss.close(() => resolve());
      }),
  };
}

const run = promisify(execFile);

/** Generates a throwaway self-signed certificate with the openssl CLI; null without one. */
export async function selfSignedCertificate(): Promise<{ key: string; cert: string } | null> {
  const dir = await mkdtemp(path.join(tmpdir(), "ocpp-tls-"));
  try {
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    await run("openssl", [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
    ]);
    return { key: await readFile(key, "utf8"), cert: await readFile(cert, "utf8") };
  } catch {
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An HTTPS server with a certificate nobody trusts. */
export async function untrustedHttpsServer(tls: {
  key: string;
  cert: string;
}): Promise<TestServer> {
  const server = createHttpsServer(tls, (_req, res) => res.end("hello"));
  const close = closer(server, new Set());
  return { port: await listen(server), close };
}

/** Polls until the predicate holds (the shared helper, under the name these tests use). */
export { waitUntil as waitFor } from "@plugboard/node-runtime";
