// A small OCPP 1.6J central system for the demo and the tests, on ocpp-rpc's RPCServer
// (strict mode: every message checked against the official 1.6 JSON schemas, both ways).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { RPCServer } from "ocpp-rpc";
import { WebSocketServer } from "ws";
import {
  callOcpp,
  ocpp16StrictValidator,
  speakOcpp16CallErrors,
  type Ocpp16Action,
  type Ocpp16Request,
  type Ocpp16Response,
  type RpcPeer,
} from "@plugboard/ocpp16";
import { csmsHandlers, type ChargerConnection, type CsmsContext } from "./handlers";
import type { CsmsClusterLink } from "./cluster-link";
import { NotConnectedError, type ClusterCount, type WorkerRequest } from "./cluster-protocol";
import { createHttpApi } from "./http-api";
import { logMessages, short } from "./message-log";
import { admit, basicAuthPassword, type IdentityPolicies, type IdentityPolicy } from "./policies";
import { RecentCalls } from "./recent-calls";
import { parseOcppPath, refuseUpgrade, OCPP_PATH_PREFIX } from "./upgrade";
import { memoryUploads } from "./uploads";

export type { IdentityPolicies, IdentityPolicy } from "./policies";

export interface DemoCsmsOptions {
  /** 0 = a random free port. */
  port?: number;
  host?: string;
  policies?: IdentityPolicies;
  /** Seconds, sent in BootNotification.conf (Accepted). */
  heartbeatInterval?: number;
  /** Seconds before a Pending/Rejected charger may boot again. */
  bootRetryInterval?: number;
  /** When set, the HTTP API (/api/…) requires `Authorization: Bearer <token>`. */
  adminToken?: string;
  /** The central system's own WebSocket pings (30 s): skipped while the charger pings it. */
  pingIntervalMs?: number;
  log?: (line: string) => void;
  /** When this is one worker of several (cluster-primary.ts): its link to the others. */
  cluster?: CsmsClusterLink;
}

export interface ReceivedCall {
  identity: string;
  action: string;
  params: unknown;
  at: Date;
}

export interface DemoCsms {
  port: number;
  /** ws://host:port/ocpp — a charger appends "/<identity>". */
  url: string;
  close(): Promise<void>;
  connectedIdentities(): string[];
  /** Change an identity's policy (undefined = default "accept"). A Pending charger that becomes
   *  accepted is asked to boot again with TriggerMessage(BootNotification). */
  setPolicy(identity: string, policy: IdentityPolicy | undefined): Promise<void>;
  /** Calls received from chargers, oldest first. */
  received(identity?: string): ReceivedCall[];
  /** Send a call to a connected charger (Reset, TriggerMessage, …). */
  call<A extends Ocpp16Action>(
    identity: string,
    action: A,
    params: Ocpp16Request<A>,
    options?: { callTimeoutMs?: number },
  ): Promise<Ocpp16Response<A>>;
}

type ServerClient = RpcPeer & {
  identity: string;
  protocol?: string;
  handshake: { remoteAddress?: string };
  on(event: string, listener: (...args: never[]) => void): unknown;
  close(options?: { code?: number; reason?: string; force?: boolean }): Promise<unknown>;
  sendRaw(message: string | Buffer): void;
};

const MAX_RECEIVED = 10_000;
/**
 * A received call's params are kept whole up to this size; beyond, a note of their size. The
 * log is bounded by count, and fuzzing (bench/fuzz.ts) sent payloads of up to a megabyte:
 * 10,000 of them held gigabytes.
 */
export const MAX_LOGGED_PARAMS_BYTES = 16 * 1024;

export function loggedParams(params: unknown): unknown {
  let size: number;
  try {
    size = Buffer.byteLength(JSON.stringify(params ?? null));
  } catch {
    return { notKept: "nested too deeply to print" };
  }
  return size <= MAX_LOGGED_PARAMS_BYTES ? params : { notKept: `${size} bytes` };
}
const describePolicy = (policy: IdentityPolicy | undefined) =>
  policy === undefined
    ? "accept (default)"
    : typeof policy === "object"
      ? "password" in policy
        ? "password required"
        : `accepted after ${policy.slowBootMs} ms`
      : policy;

export async function startDemoCsms(options: DemoCsmsOptions = {}): Promise<DemoCsms> {
  const host = options.host ?? "127.0.0.1";
  const log = (line: string) => options.log?.(line);
  const policies = new Map(Object.entries(options.policies ?? {}));
  const policyFor = (identity: string): IdentityPolicy => policies.get(identity) ?? "accept";
  const link = options.cluster;
  const setPolicyHere = (identity: string, policy: IdentityPolicy | undefined) =>
    policy === undefined ? policies.delete(identity) : policies.set(identity, policy);
  /** A policy change, here and in the other workers (a charger may reconnect to any). */
  const changePolicy = (identity: string, policy: IdentityPolicy | undefined) => {
    setPolicyHere(identity, policy);
    link?.sharePolicy(identity, policy);
  };
  link?.onPolicy(setPolicyHere);
  const connections = new Map<
    string,
    { client: ServerClient; connection: ChargerConnection; number: number }
  >();
  let connectionNumber = 0;
  const closeReplaced = (client: ServerClient) =>
    // the replaced socket is gone either way; its close error is irrelevant
    void client
      .close({ code: 1000, reason: "Replaced by a new connection" })
      .catch(() => undefined);
  // A newer connection of the same identity reached another worker (cluster-router.ts).
  link?.onDrop((identity, number) => {
    const held = connections.get(identity);
    if (held?.number === number) closeReplaced(held.client);
  });
  const received = new RecentCalls<ReceivedCall>(MAX_RECEIVED);
  const sockets = new Set<Duplex>();
  let transactionId = 0;
  let closed = false;

  const settings = {
    heartbeatInterval: options.heartbeatInterval ?? 300,
    bootRetryInterval: options.bootRetryInterval ?? 60,
    nextTransactionId: () => ++transactionId,
  };

  const rpc = new RPCServer({
    protocols: ["ocpp1.6"],
    strictMode: true,
    callTimeoutMs: 10_000,
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
    // A charger's own pings (WebSocketPingInterval, 30 s on ours) prove the connection alive:
    // each one received defers ours, so the central system pings only chargers that do not.
    // Both sides pinging was most of a worker's idle CPU at 30,000 chargers.
    deferPingsOnActivity: true,
    maxBadMessages: 10,
    wssOptions: { maxPayload: 1024 * 1024 },
    // Answers a malformed call without echoing it: ocpp-rpc's own validator puts the payload in
    // the CALLERROR, and a deeply nested one overflowed JSON.stringify and closed the socket.
    strictModeValidators: [ocpp16StrictValidator as never],
  });
  rpc.on("error", (error: Error) => log(`server error: ${error.message}`));
  rpc.on("upgradeAborted", (e: { identity?: string; error?: Error }) =>
    log(`${e.identity ?? "?"} upgrade aborted: ${e.error?.message ?? "unknown"}`),
  );
  // OCPP-J 1.6's CALLERROR codes on every connection (packages/ocpp16/call-error-codes.ts).
  rpc.on("client", (client: ServerClient) => onClient(speakOcpp16CallErrors(client)));

  function onClient(client: ServerClient) {
    const { identity } = client;
    if (client.protocol !== "ocpp1.6") {
      // OCPP-J §3.2: complete the handshake without a subprotocol, then close at once.
      log(`${identity} offered no ocpp1.6 subprotocol: closing`);
      // closing a socket we are refusing: a failed close leaves nothing to undo
      void client
        .close({ code: 1002, reason: "ocpp1.6 subprotocol required" })
        .catch(() => undefined);
      return;
    }
    const previous = connections.get(identity);
    if (previous) closeReplaced(previous.client);
    const connection: ChargerConnection = {
      identity,
      policy: () => policyFor(identity),
      registration: "none",
    };
    const number = ++connectionNumber;
    connections.set(identity, { client, connection, number });
    link?.held(identity, true, number);
    log(`${identity} connected from ${client.handshake.remoteAddress ?? "?"}`);

    client.on("close", ({ code }: { code?: number }) => {
      if (connections.get(identity)?.client === client) {
        connections.delete(identity);
        link?.held(identity, false, number);
      }
      log(`${identity} disconnected (code ${code ?? "?"})`);
    });
    client.on("call", ({ outbound, payload }: { outbound: boolean; payload: unknown[] }) => {
      if (outbound) return;
      received.push({
        identity,
        action: String(payload[2]).slice(0, 100),
        params: loggedParams(payload[3]),
        at: new Date(),
      });
    });
    logMessages(client, identity, log);

    const ctx: CsmsContext = { connection, settings };
    for (const [action, handler] of Object.entries(csmsHandlers)) {
      const typed = handler as unknown as (
        call: { method: string; params: unknown },
        ctx: CsmsContext,
      ) => unknown;
      client.handle(action, (async ({ params }: { params?: unknown }) =>
        typed({ method: action, params }, ctx)) as never);
    }
  }

  const receivedHere = (identity: string) => received.filter((c) => c.identity === identity);
  // Another worker's HTTP API asks for a charger held here (or for every worker's log of one).
  link?.serve(async (request: WorkerRequest) =>
    request.kind === "call"
      ? callCharger(request.identity, request.action as Ocpp16Action, request.params as never)
      : receivedHere(request.identity),
  );
  // The HTTP API sees every worker's chargers: what is not held here is asked of the primary.
  const api = createHttpApi({
    adminToken: options.adminToken,
    connectedIdentities: async () =>
      link ? ((await link.ask({ q: "identities" })) as string[]) : [...connections.keys()],
    received: async (identity) =>
      link
        ? (
            (await link.ask({
              q: "everyone",
              request: { kind: "received", identity },
            })) as ReceivedCall[]
          ).sort((a, b) => a.at.getTime() - b.at.getTime())
        : receivedHere(identity),
    call: (identity, action, params) =>
      connections.has(identity) || !link
        ? callCharger(identity, action, params as never)
        : link.ask({ q: "holder", request: { kind: "call", identity, action, params } }),
    uploads: link?.uploads ?? memoryUploads(),
  });
  /** Every worker's chargers, and how they are spread, for /health. */
  const connectedCount = async () =>
    link ? ((await link.ask({ q: "count" })) as ClusterCount) : { connected: connections.size };

  /** A call to a charger; an Accepted AuthorizationKey becomes the identity's password (OCPP-J §7). */
  async function callCharger<A extends Ocpp16Action>(
    identity: string,
    action: A,
    params: Ocpp16Request<A>,
    callOptions?: { callTimeoutMs?: number },
  ): Promise<Ocpp16Response<A>> {
    const entry = connections.get(identity);
    if (!entry) throw new NotConnectedError(identity);
    const result = await callOcpp(entry.client, action, params, callOptions);
    const change = params as { key?: string; value?: string };
    const accepted = (result as { status?: string }).status === "Accepted";
    if (
      action === "ChangeConfiguration" &&
      accepted &&
      change.key?.toLowerCase() === "authorizationkey"
    ) {
      const policy = policyFor(identity);
      if (typeof policy === "object") changePolicy(identity, { password: change.value ?? "" });
      log(
        `${identity} AuthorizationKey changed${typeof policy === "object" ? ": its password is the new key" : ""}`,
      );
    }
    return result;
  }

  function onHttpRequest(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    api(req, res, path)
      .then(async (handled) => {
        if (!handled) await answerPlain(req, res, path);
      })
      // e.g. a worker whose primary stopped answering
      .catch((error: Error) => {
        log(`HTTP ${path} failed: ${error.message}`);
        if (res.headersSent) return void res.destroy();
        res.writeHead(500, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: "internal", message: error.message }));
      });
  }

  async function answerPlain(req: IncomingMessage, res: ServerResponse, path: string) {
    const healthy = req.method === "GET" && path === "/health";
    const body = healthy
      ? { status: "ok", ...(await connectedCount()), endpoint: OCPP_PATH_PREFIX }
      : {
          error: "not_found",
          message: `Use GET /health, /api/chargers, or a WebSocket upgrade to ${OCPP_PATH_PREFIX}/<identity>`,
        };
    res.writeHead(healthy ? 200 : 404, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    socket.on("error", () => socket.destroy()); // a client that vanishes mid-handshake
    const path = parseOcppPath(req.url);
    if (!path.ok) {
      log(`upgrade refused ${path.status} (${path.why}): ${short(req.url)}`);
      return refuseUpgrade(socket, path.status);
    }
    const { identity } = path;
    const decision = admit(
      policyFor(identity),
      basicAuthPassword(req.headers.authorization, identity),
    );
    if (!decision.ok) {
      log(`${identity} upgrade refused ${decision.status} (${decision.why})`);
      const challenge =
        decision.status === 401
          ? { "WWW-Authenticate": 'Basic realm="OCPP", charset="UTF-8"' }
          : undefined;
      return refuseUpgrade(socket, decision.status, challenge);
    }
    if (policyFor(identity) === "no_subprotocol") {
      log(`${identity} upgrade completed without a subprotocol (policy no_subprotocol)`);
      return bareWss.handleUpgrade(req, socket, head, (ws) => {
        ws.on("error", () => undefined);
        ws.close(1002, "not an OCPP 1.6J endpoint");
      });
    }
    rpc.handleUpgrade(req, socket as never, head).catch((error: Error) => {
      log(`${identity} upgrade failed: ${error.message}`);
      socket.destroy();
    });
  }

  // Completes a handshake without choosing a subprotocol (policy "no_subprotocol").
  const bareWss = new WebSocketServer({ noServer: true, handleProtocols: () => false });
  const http = createServer(onHttpRequest);
  http.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  http.on("upgrade", onUpgrade);
  http.on("clientError", (_error, socket) => refuseUpgrade(socket, 400));

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 0, host, () => {
      http.off("error", reject);
      resolve();
    });
  });
  http.on("error", (error) => log(`http server error: ${error.message}`));
  const address = http.address();
  const port = typeof address === "object" && address ? address.port : (options.port ?? 0);
  const url = `ws://${host.includes(":") ? `[${host}]` : host}:${port}${OCPP_PATH_PREFIX}`;
  log(`listening on ${url}`);
  link?.listening(port);

  return {
    port,
    url,
    connectedIdentities: () => [...connections.keys()],
    received: (identity) =>
      received.filter((c) => identity === undefined || c.identity === identity),
    call: callCharger,
    async setPolicy(identity, policy) {
      changePolicy(identity, policy);
      log(`${identity} policy set to ${describePolicy(policy)}`);
      const entry = connections.get(identity);
      const nowAccepted = policy === undefined || policy === "accept" || typeof policy === "object";
      if (entry?.connection.registration === "Pending" && nowAccepted) {
        await callOcpp(entry.client, "TriggerMessage", {
          requestedMessage: "BootNotification",
        }).catch((error: Error) => log(`${identity} TriggerMessage failed: ${error.message}`));
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      const goodbyes = [...connections.values()].map(({ client }) =>
        client.close({ code: 1001, reason: "Central system shutting down" }).catch(() => undefined),
      );
      await Promise.race([Promise.allSettled(goodbyes), delay(1_000)]);
      const closing = rpc.close({ force: true }).catch(() => undefined);
      bareWss.clients.forEach((ws) => ws.terminate());
      bareWss.close();
      sockets.forEach((socket) => socket.destroy());
      http.closeAllConnections();
      await Promise.race([closing, delay(1_000)]);
      await new Promise<void>((resolve) => http.close(() => resolve()));
      log("closed");
    },
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
