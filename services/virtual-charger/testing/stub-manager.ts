// A stand-in device manager for charger-level tests: accepts /device upgrades with Basic auth,
// validates every frame against the real protocol schemas, records them, and lets the test
// send frames (a repeated command, an invalid one) or drop the connection.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { parseBasicAuth, parseChargerFrame, type ChargerFrame } from "@plugboard/device-contract";

export interface StubManager {
  url: string;
  /** Valid frames per serial, in arrival order. */
  frames(serial: string): ChargerFrame[];
  /** Frames that failed the protocol schemas (should stay empty). */
  invalid: string[];
  /** Accepted connections per serial. */
  connections(serial: string): number;
  /** The source address of each accepted connection of a serial. */
  remoteAddresses(serial: string): string[];
  /** Refused upgrades (401). */
  refused: number;
  authorize: (serial: string, secret: string) => boolean;
  send(serial: string, frame: unknown): void;
  /** Cuts the charger's socket without a close handshake. */
  drop(serial: string): void;
  waitFor(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startStubManager(): Promise<StubManager> {
  const frames = new Map<string, ChargerFrame[]>();
  const connections = new Map<string, number>();
  const sockets = new Map<string, WebSocket>();
  const remotes = new Map<string, string[]>();
  const wss = new WebSocketServer({ noServer: true });
  const server = http.createServer((_req, res) => res.writeHead(404).end());

  const stub: StubManager = {
    url: "",
    frames: (serial) => frames.get(serial) ?? [],
    invalid: [],
    connections: (serial) => connections.get(serial) ?? 0,
    remoteAddresses: (serial) => remotes.get(serial) ?? [],
    refused: 0,
    authorize: () => true,
    send(serial, frame) {
      const ws = sockets.get(serial);
      if (!ws) throw new Error(`${serial} is not connected`);
      ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
    },
    drop(serial) {
      sockets.get(serial)?.terminate();
    },
    async waitFor(predicate, what, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`stub manager: timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      wss.clients.forEach((ws) => ws.terminate());
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  server.on("upgrade", (req, socket, head) => {
    const credentials = parseBasicAuth(req.headers.authorization);
    if (
      req.url !== "/device" ||
      !credentials ||
      !stub.authorize(credentials.serial, credentials.secret)
    ) {
      stub.refused += 1;
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const { serial } = credentials;
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.set(serial, ws);
      connections.set(serial, stub.connections(serial) + 1);
      remotes.set(serial, [...stub.remoteAddresses(serial), req.socket.remoteAddress ?? "?"]);
      ws.on("message", (data) => {
        const parsed = parseChargerFrame(data.toString());
        if (!parsed.ok) return void stub.invalid.push(parsed.error.message);
        frames.set(serial, [...stub.frames(serial), parsed.frame]);
      });
      ws.on("close", () => {
        if (sockets.get(serial) === ws) sockets.delete(serial);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stub.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return stub;
}
