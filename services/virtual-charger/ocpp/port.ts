// What the charger's state machine sees of a live OCPP session: a typed call and whether the
// Central System has accepted the charger on it. One per WebSocket session.
import type { Registration } from "./handlers/context";
import {
  callOcpp,
  type Ocpp16Action,
  type Ocpp16Request,
  type Ocpp16Response,
  type RpcPeer,
} from "./protocol/typed-rpc";

export interface OcppPort {
  call<A extends Ocpp16Action>(action: A, params: Ocpp16Request<A>): Promise<Ocpp16Response<A>>;
  registration(): Registration;
  /** False once the session is closed or replaced. */
  live(): boolean;
}

export function createPort(
  peer: RpcPeer,
  registration: () => Registration,
  live: () => boolean,
): OcppPort {
  return {
    call: (action, params) => callOcpp(peer, action, params),
    registration,
    live,
  };
}

/** Unsolicited messages only once Accepted (§4.2: nothing but BootNotification before). */
export function canSend(port: OcppPort | null): port is OcppPort {
  return port !== null && port.live() && port.registration() === "accepted";
}
