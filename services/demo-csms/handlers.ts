// What the demo central system answers to each charger-initiated OCPP 1.6 call.
import type { InboundHandlerMap } from "@plugboard/ocpp16";
import type { IdentityPolicy } from "./policies";

export interface ChargerConnection {
  readonly identity: string;
  policy(): IdentityPolicy;
  /** Status of the last BootNotification.conf sent on this connection. */
  registration: "none" | "Accepted" | "Pending" | "Rejected";
}

export interface CsmsSettings {
  heartbeatInterval: number;
  bootRetryInterval: number;
  nextTransactionId(): number;
}

export type CsmsContext = { connection: ChargerConnection; settings: CsmsSettings };

const now = () => new Date().toISOString();
const accepted = { status: "Accepted" } as const;

export const csmsHandlers: InboundHandlerMap<CsmsContext> = {
  BootNotification: async (_call, { connection, settings }) => {
    const policy = connection.policy();
    // Never answered: the charger's BootNotification times out (the pending handler is dropped
    // with the connection).
    if (policy === "silent") return new Promise<never>(() => undefined);
    if (typeof policy === "object" && "slowBootMs" in policy) {
      await new Promise((resolve) => setTimeout(resolve, policy.slowBootMs));
    }
    const status = policy === "reject" ? "Rejected" : policy === "pending" ? "Pending" : "Accepted";
    connection.registration = status;
    const interval =
      status === "Accepted" ? settings.heartbeatInterval : settings.bootRetryInterval;
    return { status, currentTime: now(), interval };
  },
  Heartbeat: () => ({ currentTime: now() }),
  StatusNotification: () => ({}),
  Authorize: () => ({ idTagInfo: accepted }),
  StartTransaction: (_call, { settings }) => ({
    transactionId: settings.nextTransactionId(),
    idTagInfo: accepted,
  }),
  StopTransaction: () => ({ idTagInfo: accepted }),
  MeterValues: () => ({}),
  // The demo knows no vendor extensions (OCPP 1.6 §4.3).
  DataTransfer: () => ({ status: "UnknownVendorId" }),
  FirmwareStatusNotification: () => ({}),
  DiagnosticsStatusNotification: () => ({}),
};
