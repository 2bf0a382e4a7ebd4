// What an inbound-call handler may see and do on the charger side. Handlers stay thin: they
// decide the reply from the charger's state (station/) and ask the link or the station to act.
import type { Station } from "../../station/station";
import type { OcppPort } from "../port";
import type { InboundHandler, InboundHandlerMap, Ocpp16Action } from "@plugboard/ocpp16";

/** Registration state from the last BootNotification.conf ("none" before any answer). */
export type Registration = "none" | "pending" | "rejected" | "accepted";

export interface LinkContext {
  readonly identity: string;
  readonly station: Station;
  /** This connection, for messages the central system asked for (TriggerMessage works while Pending). */
  readonly port: OcppPort;
  registration(): Registration;
  /** Runs `task` once the reply to the call being handled has been sent. */
  afterReply(task: () => unknown): void;
  sendBootNotification(): Promise<void>;
  sendHeartbeat(): Promise<void>;
  /** HeartbeatInterval changed: the next Heartbeat follows the new period. */
  rescheduleHeartbeat(): void;
  /** WebSocketPingInterval changed (seconds, 0 = no client pings). */
  setPingInterval(seconds: number): void;
  /** Reset: reboot (the fleet reboots the whole charger; a bare link reconnects). */
  reset(type: "Hard" | "Soft"): Promise<void>;
  log(line: string): void;
}

export type ChargerHandler<A extends Ocpp16Action> = InboundHandler<A, LinkContext>;
export type ChargerHandlerMap = InboundHandlerMap<LinkContext>;
