// One WebSocket connection attempt to the central system and everything that lives only as
// long as it does (timers, registration state). A new attempt gets a new session.
import type { RPCClient } from "ocpp-rpc";
import type { Registration } from "./handlers";
import type { OcppEndpoint } from "./endpoint";
import type { OcppPort } from "./port";
import {
  callOcpp,
  DEFAULT_CALL_TIMEOUT_MS,
  newRpcClient,
  type Ocpp16Action,
  type Ocpp16Request,
  type Ocpp16Response,
} from "@plugboard/ocpp16";

export interface Session {
  client: RPCClient;
  registration: Registration;
  timers: Set<NodeJS.Timeout>;
  bootInFlight: boolean;
  /** Epoch ms before which a Rejected charger must stay silent. */
  rejectedUntil: number;
  closedByUs: boolean;
  /** The next Heartbeat, rescheduled when HeartbeatInterval changes. */
  heartbeat: NodeJS.Timeout | undefined;
  /** What the charger's station sees of this session. */
  port: OcppPort;
}

export const OCPP16 = "ocpp1.6";

export function openSession(
  endpoint: OcppEndpoint,
  identity: string,
  password: string | undefined,
  pingIntervalMs: number,
  isLive: (s: Session) => boolean,
): Session {
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
  });
  const session: Session = {
    client,
    registration: "none",
    timers: new Set(),
    bootInFlight: false,
    rejectedUntil: 0,
    closedByUs: false,
    heartbeat: undefined,
    port: undefined as unknown as OcppPort,
  };
  session.port = new SessionPort(session, isLive);
  return session;
}

/** The session as its station sees it; a class (one per connection, thousands in a fleet). */
class SessionPort implements OcppPort {
  constructor(
    private readonly session: Session,
    private readonly isLive: (s: Session) => boolean,
  ) {}

  call<A extends Ocpp16Action>(action: A, params: Ocpp16Request<A>): Promise<Ocpp16Response<A>> {
    return callOcpp(this.session.client, action, params);
  }
  registration(): Registration {
    return this.session.registration;
  }
  live(): boolean {
    return this.isLive(this.session);
  }
}

/** Run `task` after `ms` unless the session's timers are cleared first. */
export function sessionTimer(s: Session, ms: number, task: () => void): NodeJS.Timeout {
  const timer = setTimeout(() => {
    s.timers.delete(timer);
    task();
  }, ms);
  s.timers.add(timer);
  return timer;
}

export function clearSessionTimers(s: Session): void {
  s.timers.forEach(clearTimeout);
  s.timers.clear();
}

/** Stop the session's timers and close its socket; late events must then be ignored. */
export function closeSession(s: Session, graceful: boolean): Promise<unknown> {
  s.closedByUs = true;
  clearSessionTimers(s);
  const closing = graceful
    ? s.client.close({ code: 1000, reason: "Charger going away" })
    : s.client.close({ force: true });
  return Promise.resolve(closing).catch(() => undefined);
}
