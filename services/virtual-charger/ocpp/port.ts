// What the charger's state machine sees of a live OCPP connection: a typed call and whether the
// Central System has accepted the charger on it. One per WebSocket connection (ocpp-connection.ts).
import type { Registration } from "./handlers/context";
import type { Ocpp16Action, Ocpp16Request, Ocpp16Response } from "@plugboard/ocpp16";

export interface OcppPort {
  call<A extends Ocpp16Action>(action: A, params: Ocpp16Request<A>): Promise<Ocpp16Response<A>>;
  registration(): Registration;
  /** False once the connection is closed or replaced. */
  live(): boolean;
}

/** Unsolicited messages only once Accepted (§4.2: nothing but BootNotification before). */
export function canSend(port: OcppPort | null): port is OcppPort {
  return port !== null && port.live() && port.registration() === "accepted";
}
