// A strict test central system for the conformance suite: ocpp-rpc RPCServer in strict mode
// (every message checked against the official 1.6 schemas both ways), a transcript of every
// frame re-validated independently, scriptable answers, and waits on what the charger sends.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { RPCServer } from "ocpp-rpc";
import type { Ocpp16Action, Ocpp16Request, Ocpp16Response } from "@plugboard/ocpp16";
import { callOcpp, type RpcPeer } from "@plugboard/ocpp16";
import { ocppSchemaProblem } from "@plugboard/ocpp16";

export interface Received<A extends Ocpp16Action = Ocpp16Action> {
  action: A;
  params: Ocpp16Request<A>;
  at: number;
}

type Peer = RpcPeer & {
  identity: string;
  sendRaw(message: string): void;
  on(event: string, listener: (...args: never[]) => void): unknown;
  close(options?: { code?: number; force?: boolean }): Promise<unknown>;
};

type Answers = { [A in Ocpp16Action]?: (params: Ocpp16Request<A>) => Ocpp16Response<A> };

export interface TestCsms {
  url: string;
  received: Received[];
  /** Every frame in both directions, as text. */
  transcript: Array<{ outbound: boolean; text: string }>;
  /** Strict-mode failures seen by the central system (the charger sent something invalid). */
  validationFailures: string[];
  connected(): boolean;
  connections(): number;
  /** Replace the answer to a charger-initiated action. */
  handle<A extends Ocpp16Action>(
    action: A,
    handler: (params: Ocpp16Request<A>) => Ocpp16Response<A>,
  ): void;
  call<A extends Ocpp16Action>(action: A, params: Ocpp16Request<A>): Promise<Ocpp16Response<A>>;
  /** Sends a CALL without local validation (negative tests) and resolves with the raw answer. */
  callRaw(action: string, payload: unknown): Promise<unknown[]>;
  /** Sends any text (an unparseable frame, say) and resolves with the CALLERROR it gets. */
  sendText(text: string, id?: string): Promise<unknown[]>;
  /** Waits for a call from the charger received after `since` (an index in `received`). */
  next<A extends Ocpp16Action>(
    action: A,
    match?: (params: Ocpp16Request<A>) => boolean,
    since?: number,
    timeoutMs?: number,
  ): Promise<Received<A>>;
  of<A extends Ocpp16Action>(action: A): Received<A>[];
  mark(): number;
  /** Problems found re-validating the transcript against the schemas (should be empty). */
  transcriptProblems(): string[];
  close(): Promise<void>;
}

export async function startTestCsms(
  options: { heartbeatInterval?: number } = {},
): Promise<TestCsms> {
  const server = new RPCServer({ protocols: ["ocpp1.6"], strictMode: true, callTimeoutMs: 10_000 });
  let peer: Peer | null = null;
  let connections = 0;
  let transactionId = 1000;
  const overrides = new Map<string, (params: never) => unknown>();
  const rawIds = new Set<string>(); // deliberately invalid calls: left out of the transcript check
  const defaults: Answers = {
    BootNotification: () => ({
      status: "Accepted",
      currentTime: new Date().toISOString(),
      interval: options.heartbeatInterval ?? 300,
    }),
    Heartbeat: () => ({ currentTime: new Date().toISOString() }),
    StatusNotification: () => ({}),
    Authorize: () => ({ idTagInfo: { status: "Accepted" } }),
    StartTransaction: () => ({ transactionId: ++transactionId, idTagInfo: { status: "Accepted" } }),
    StopTransaction: () => ({ idTagInfo: { status: "Accepted" } }),
    MeterValues: () => ({}),
    DataTransfer: () => ({ status: "Accepted", data: "pong" }),
    FirmwareStatusNotification: () => ({}),
    DiagnosticsStatusNotification: () => ({}),
  };

  const csms: TestCsms = {
    url: "",
    received: [],
    transcript: [],
    validationFailures: [],
    connected: () => peer !== null,
    connections: () => connections,
    handle: (action, handler) => void overrides.set(action, handler as never),
    async call(action, params) {
      if (!peer) throw new Error("no charger connected");
      return callOcpp(peer, action, params);
    },
    callRaw(action, payload) {
      const current = peer;
      if (!current) return Promise.reject(new Error("no charger connected"));
      const id = randomUUID();
      rawIds.add(id);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to raw ${action}`)), 5_000);
        current.on("message", (({
          message,
          outbound,
        }: {
          message: Buffer | string;
          outbound: boolean;
        }) => {
          if (outbound) return;
          const frame = JSON.parse(String(message)) as unknown[];
          if (frame[1] !== id) return;
          clearTimeout(timer);
          resolve(frame);
        }) as never);
        current.sendRaw(JSON.stringify([2, id, action, payload]));
      });
    },
    sendText(text, id = "-1") {
      const current = peer;
      if (!current) return Promise.reject(new Error("no charger connected"));
      rawIds.add(id);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to ${text}`)), 5_000);
        current.on("message", (({
          message,
          outbound,
        }: {
          message: Buffer | string;
          outbound: boolean;
        }) => {
          if (outbound) return;
          const frame = JSON.parse(String(message)) as unknown[];
          if (frame[0] !== 4 || frame[1] !== id) return;
          clearTimeout(timer);
          resolve(frame);
        }) as never);
        current.sendRaw(text);
      });
    },
    async next(action, match = () => true, since = 0, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = csms.received
          .slice(since)
          .find((r) => r.action === action && match(r.params as never));
        if (found) return found as never;
        if (Date.now() > deadline) {
          const seen = csms.received
            .slice(since)
            .map((r) => r.action)
            .join(", ");
          throw new Error(`timed out waiting for ${action}; received since: ${seen || "nothing"}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    of: (action) => csms.received.filter((r) => r.action === action) as never,
    mark: () => csms.received.length,
    transcriptProblems: () => validateTranscript(csms.transcript, rawIds),
    async close() {
      await peer?.close({ force: true }).catch(() => undefined);
      await server.close({ force: true }).catch(() => undefined);
    },
  };

  server.on("client", (client: Peer) => {
    peer = client;
    connections += 1;
    client.on("close", (() => {
      if (peer === client) peer = null;
    }) as never);
    client.on("message", (({
      message,
      outbound,
    }: {
      message: Buffer | string;
      outbound: boolean;
    }) => csms.transcript.push({ outbound, text: String(message) })) as never);
    client.on("strictValidationFailure", (({
      method,
      outbound,
      error,
    }: {
      method: string;
      outbound: boolean;
      error: Error;
    }) =>
      csms.validationFailures.push(
        `${outbound ? "outbound" : "inbound"} ${method}: ${error.message}`,
      )) as never);
    for (const [action, handler] of Object.entries(defaults)) {
      client.handle(action, (({ params }: { params: never }) => {
        csms.received.push({ action: action as Ocpp16Action, params, at: Date.now() });
        const override = overrides.get(action);
        return (override ?? (handler as (params: never) => unknown))(params);
      }) as never);
    }
  });
  const http = await server.listen(0, "127.0.0.1");
  csms.url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ocpp`;
  return csms;
}

/** Re-checks every CALL and CALLRESULT of the transcript against the official schemas. */
export function validateTranscript(
  transcript: Array<{ outbound: boolean; text: string }>,
  skip: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  const calls = new Map<string, string>();
  for (const { outbound, text } of transcript) {
    let frame: [number, string, ...unknown[]];
    try {
      frame = JSON.parse(text) as [number, string, ...unknown[]];
    } catch {
      // Only the negative tests send text that is not JSON, on purpose (sendText).
      if (outbound) continue;
      problems.push(`charger sent a frame that is not JSON: ${text.slice(0, 80)}`);
      continue;
    }
    if (!Array.isArray(frame) || skip.has(frame[1])) continue;
    const who = outbound ? "central system" : "charger";
    if (frame[0] === 2) {
      const [, id, action, payload] = frame as [number, string, Ocpp16Action, unknown];
      calls.set(id, action);
      const problem = ocppSchemaProblem(action, "req", payload);
      if (problem) problems.push(`${who} ${action}.req: ${problem}`);
    } else if (frame[0] === 3) {
      const action = calls.get(frame[1]);
      const problem = action
        ? ocppSchemaProblem(action as Ocpp16Action, "conf", frame[2])
        : "answer to an unknown call";
      if (problem) problems.push(`${who} ${action ?? "?"}.conf: ${problem}`);
    } else if (frame[0] === 4 && (typeof frame[2] !== "string" || typeof frame[3] !== "string")) {
      problems.push(`${who} malformed CALLERROR`);
    }
  }
  return problems;
}
