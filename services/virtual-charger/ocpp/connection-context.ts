// What inbound-call handlers get for one connection (LinkContext), and the heartbeat it keeps.
import type { LinkContext } from "./handlers";
import { sendHeartbeat } from "./outbound";
import type { OcppConnection } from "./ocpp-connection";
import { configInt } from "../sim/config-store";
import type { Station } from "../station/station";

export interface ConnectionEnv {
  identity: string;
  station: Station;
  log(line: string): void;
  live(s: OcppConnection): boolean;
  /** A connection timer whose task runs only while that connection is the live one. */
  later(s: OcppConnection, ms: number, task: () => unknown): NodeJS.Timeout;
  boot(s: OcppConnection): Promise<void>;
  reset(type: "Hard" | "Soft"): Promise<void>;
}

/** Every HeartbeatInterval seconds (from BootNotification.conf, or ChangeConfiguration); 0 = none. */
export function scheduleHeartbeat(env: ConnectionEnv, s: OcppConnection): void {
  if (s.heartbeat) {
    clearTimeout(s.heartbeat);
    s.timers.delete(s.heartbeat);
    s.heartbeat = undefined;
  }
  const everyMs = configInt(env.station, "HeartbeatInterval") * 1000;
  if (everyMs <= 0 || s.registration !== "accepted") return;
  s.heartbeat = env.later(s, everyMs, async () => {
    scheduleHeartbeat(env, s);
    await sendHeartbeat(s.client, env.log);
  });
}

export function connectionContext(env: ConnectionEnv, s: OcppConnection): LinkContext {
  return new LiveConnectionContext(env, s);
}

/** A class, not an object of closures: one per OCPP connection, thousands in a fleet. */
class LiveConnectionContext implements LinkContext {
  constructor(
    private readonly env: ConnectionEnv,
    private readonly s: OcppConnection,
  ) {}

  get identity(): string {
    return this.env.identity;
  }
  get station(): Station {
    return this.env.station;
  }
  get port() {
    return this.s.port;
  }
  registration() {
    return this.s.registration;
  }
  afterReply(task: () => unknown): void {
    setImmediate(() => {
      if (this.env.live(this.s))
        // the chain ends in a catch that logs the failure
        void Promise.resolve()
          .then(task)
          .catch((e: Error) => this.log(`after-reply task failed: ${e.message}`));
    });
  }
  sendBootNotification(): Promise<void> {
    return this.env.boot(this.s);
  }
  sendHeartbeat(): Promise<void> {
    return sendHeartbeat(this.s.client, (line) => this.log(line));
  }
  rescheduleHeartbeat(): void {
    scheduleHeartbeat(this.env, this.s);
  }
  setPingInterval(seconds: number): void {
    this.s.client.reconfigure({ pingIntervalMs: seconds * 1000 } as never);
  }
  reset(type: "Hard" | "Soft"): Promise<void> {
    return this.env.reset(type);
  }
  log(line: string): void {
    this.env.log(line);
  }
}
