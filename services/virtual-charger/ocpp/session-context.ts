// What inbound-call handlers get for one session (LinkContext), and the heartbeat it keeps.
import type { LinkContext } from "./handlers";
import { sendHeartbeat } from "./outbound";
import type { Session } from "./session";
import { configInt } from "../sim/config-store";
import type { Station } from "../station/station";

export interface SessionEnv {
  identity: string;
  station: Station;
  log(line: string): void;
  live(s: Session): boolean;
  /** A session timer whose task runs only while that session is the live one. */
  later(s: Session, ms: number, task: () => unknown): NodeJS.Timeout;
  boot(s: Session): Promise<void>;
  reset(type: "Hard" | "Soft"): Promise<void>;
}

/** Every HeartbeatInterval seconds (from BootNotification.conf, or ChangeConfiguration); 0 = none. */
export function scheduleHeartbeat(env: SessionEnv, s: Session): void {
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

export function sessionContext(env: SessionEnv, s: Session): LinkContext {
  const log = (line: string) => env.log(line);
  return {
    identity: env.identity,
    station: env.station,
    port: s.port,
    registration: () => s.registration,
    afterReply: (task) =>
      setImmediate(() => {
        if (env.live(s))
          void Promise.resolve()
            .then(task)
            .catch((e: Error) => log(`after-reply task failed: ${e.message}`));
      }),
    sendBootNotification: () => env.boot(s),
    sendHeartbeat: () => sendHeartbeat(s.client, log),
    rescheduleHeartbeat: () => scheduleHeartbeat(env, s),
    setPingInterval: (seconds) => s.client.reconfigure({ pingIntervalMs: seconds * 1000 } as never),
    reset: (type) => env.reset(type),
    log,
  };
}
