// A tiny portal webhook endpoint for tests: verifies signatures, validates the batch,
// dedups by event id and records any out-of-order sequence per charger.
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  deviceEventBatchSchema,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyEventSignature,
  type DeviceEvent,
} from "@plugboard/device-contract";
import { handleAsync } from "@plugboard/node-runtime";

export type ReceiverMode = "up" | "down" | "error";

export interface WebhookReceiver {
  url: string;
  /** Unique events in arrival order. */
  events: DeviceEvent[];
  duplicates: number;
  badSignatures: number;
  invalidBodies: number;
  /** Human-readable descriptions of seq gaps or reorderings. */
  orderViolations: string[];
  requests: number;
  /** The most requests answered at the same time (deliveries in flight side by side). */
  maxInFlight: number;
  setMode(mode: ReceiverMode): void;
  /** Answer each delivery only after this long (a busy portal). */
  setDelay(ms: number): void;
  eventsFor(serial: string): DeviceEvent[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const seen = new Set<string>();
  const lastSeq = new Map<string, number>();
  let mode: ReceiverMode = "up";
  let delayMs = 0;
  let inFlight = 0;
  const receiver: WebhookReceiver = {
    url: "",
    events: [],
    duplicates: 0,
    badSignatures: 0,
    invalidBodies: 0,
    orderViolations: [],
    requests: 0,
    maxInFlight: 0,
    setMode: (next) => (mode = next),
    setDelay: (ms) => (delayMs = ms),
    eventsFor: (serial) => receiver.events.filter((event) => event.serial === serial),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };

  const server = http.createServer(
    handleAsync(async (req, res) => {
      receiver.requests += 1;
      // "down": drop the connection, as if nothing were listening.
      if (mode === "down") return req.socket.destroy();
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks);
      if (mode === "error") return res.writeHead(503).end();
      const verdict = verifyEventSignature({
        secret,
        rawBody: raw,
        timestamp: req.headers[TIMESTAMP_HEADER.toLowerCase()] as string | undefined,
        signature: req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined,
      });
      if (!verdict.ok) {
        receiver.badSignatures += 1;
        return res.writeHead(401).end();
      }
      const parsed = deviceEventBatchSchema.safeParse(JSON.parse(raw.toString("utf8")));
      if (!parsed.success) {
        receiver.invalidBodies += 1;
        return res.writeHead(400).end();
      }
      for (const event of parsed.data.events) {
        if (seen.has(event.id)) {
          receiver.duplicates += 1;
          continue;
        }
        seen.add(event.id);
        const previous = lastSeq.get(event.serial) ?? 0;
        if (event.seq !== previous + 1) {
          receiver.orderViolations.push(`${event.serial}: seq ${event.seq} after ${previous}`);
        }
        lastSeq.set(event.serial, Math.max(previous, event.seq));
        receiver.events.push(event);
      }
      inFlight += 1;
      receiver.maxInFlight = Math.max(receiver.maxInFlight, inFlight);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      inFlight -= 1;
      res.writeHead(204).end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/device-events`;
  return receiver;
}
