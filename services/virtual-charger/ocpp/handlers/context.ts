// What an inbound-call handler may see and do on the charger side. Handlers stay thin: they
// decide the reply and ask the link (or, later, the charger's services) to act.
import type { InboundHandler, InboundHandlerMap, Ocpp16Action } from "../protocol/typed-rpc";

/** Registration state from the last BootNotification.conf ("none" before any answer). */
export type Registration = "none" | "pending" | "rejected" | "accepted";

export interface LinkContext {
  readonly identity: string;
  readonly connectorCount: number;
  registration(): Registration;
  /** Runs `task` once the reply to the call being handled has been sent. */
  afterReply(task: () => unknown): void;
  sendBootNotification(): Promise<void>;
  sendHeartbeat(): Promise<void>;
  /** StatusNotification for one connector, or for 0 and every connector when omitted. */
  sendStatusNotifications(connectorId?: number): Promise<void>;
  /** Drop the connection and connect again, as after a reboot. */
  restart(why: string): void;
  log(line: string): void;
}

export type ChargerHandler<A extends Ocpp16Action> = InboundHandler<A, LinkContext>;
export type ChargerHandlerMap = InboundHandlerMap<LinkContext>;
