// One WebSocket connection attempt to the central system and everything that lives only as
// long as it does (timers, registration state). A new attempt gets a new connection.
import type { RPCClient } from "ocpp-rpc";
import type { Registration } from "./handlers";
import type { OcppEndpoint } from "./endpoint";
import type { OcppPort } from "./port";
import { noGate, type LeaveGate } from "../connect-gate";
import {
  callOcpp,
  DEFAULT_CALL_TIMEOUT_MS,
  newRpcClient,
  type Ocpp16Action,
  type Ocpp16Request,
  type Ocpp16Response,
} from "@plugboard/ocpp16";

export interface OcppConnection {
  client: RPCClient;
  registration: Registration;
  timers: Set<NodeJS.Timeout>;
  bootInFlight: boolean;
  /** Epoch ms before which a Rejected charger must stay silent. */
  rejectedUntil: number;
  closedByUs: boolean;
  /** The next Heartbeat, rescheduled when HeartbeatInterval changes. */
  heartbeat: NodeJS.Timeout | undefined;
  /** What the charger's station sees of this connection. */
  port: OcppPort;
  /** Ends this attempt's hold on the fleet's connect gate (at the boot's answer or the end). */
  leaveGate: LeaveGate;
}

export const OCPP16 = "ocpp1.6";

export function openOcppConnection(
  endpoint: OcppEndpoint,
  who: { identity: string; password: string | undefined; localAddress?: string | undefined },
  pingIntervalMs: number,
  isLive: (s: OcppConnection) => boolean,
): OcppConnection {
  const { identity, password, localAddress } = who;
  const client = newRpcClient({
    endpoint: endpoint.endpoint,
    identity, // ocpp-rpc appends "/" + encodeURIComponent(identity) (OCPP-J §3.1.1)
    ...(endpoint.query ? { query: endpoint.query } : {}),
    ...(password ? { password } : {}), // HTTP Basic, username = identity (security profile 1/2)
    protocols: [OCPP16],
    strictMode: true,
    reconnect: false, // the link reconnects itself, with full jitter
    callTimeoutMs: DEFAULT_CALL_TIMEOUT_MS, // calls go through callOcpp, which times them
    pingIntervalMs, // WebSocketPingInterval (0 = no client pings)
    ...(localAddress ? { wsOpts: { localAddress } } : {}),
  });
  const connection: OcppConnection = {
    client,
    registration: "none",
    timers: new Set(),
    bootInFlight: false,
    rejectedUntil: 0,
    closedByUs: false,
    heartbeat: undefined,
    port: undefined as unknown as OcppPort,
    leaveGate: noGate,
  };
  connection.port = new ConnectionPort(connection, isLive);
  return connection;
}

/** The connection as its station sees it; a class (one per connection, thousands in a fleet). */
class ConnectionPort implements OcppPort {
  constructor(
    private readonly connection: OcppConnection,
    private readonly isLive: (s: OcppConnection) => boolean,
  ) {}

  call<A extends Ocpp16Action>(action: A, params: Ocpp16Request<A>): Promise<Ocpp16Response<A>> {
    return callOcpp(this.connection.client, action, params);
  }
  registration(): Registration {
    return this.connection.registration;
  }
  live(): boolean {
    return this.isLive(this.connection);
  }
}

/** Run `task` after `ms` unless the connection's timers are cleared first. */
export function connectionTimer(s: OcppConnection, ms: number, task: () => void): NodeJS.Timeout {
  const timer = setTimeout(() => {
    s.timers.delete(timer);
    task();
  }, ms);
  s.timers.add(timer);
  return timer;
}

export function clearConnectionTimers(s: OcppConnection): void {
  s.timers.forEach(clearTimeout);
  s.timers.clear();
}

/** Stop the connection's timers and close its socket; late events must then be ignored. */
export function closeOcppConnection(s: OcppConnection, graceful: boolean): Promise<unknown> {
  s.closedByUs = true;
  s.leaveGate();
  clearConnectionTimers(s);
  const closing = graceful
    ? s.client.close({ code: 1000, reason: "Charger going away" })
    : s.client.close({ force: true });
  return Promise.resolve(closing).catch(() => undefined);
}
