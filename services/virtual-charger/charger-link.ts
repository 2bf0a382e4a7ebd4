// The charger's OCPP 1.6J link, built from its flash: who it says it is in BootNotification,
// where it connects, its station (state behind every message) and a Reset that reboots the
// whole charger.
import type { BackoffOptions } from "./ocpp/backoff";
import { createOcppLink, type OcppLink, type OcppLinkStatus } from "./ocpp/ocpp-link";
import type { ConnectGate } from "./connect-gate";
import type { Flash } from "./flash";
import { localAddressFor } from "./loopback-source";
import { bootModel, VENDOR } from "./reported-state";
import type { Station } from "./station/station";

export interface LinkSettings {
  ocppBackoff?: BackoffOptions;
  ocppConnectTimeoutMs?: number;
  logOcpp: boolean;
  log: (line: string) => void;
  /** Loopback source addresses to spread connections over (loopback-source.ts). */
  localAddresses?: readonly string[];
  /** The fleet process's connect gate, shared with the device channels (connect-gate.ts). */
  connectGate?: ConnectGate;
}

export interface LinkHooks {
  onStatus(status: OcppLinkStatus): void;
  /** A Reset accepted from the central system (after the reply, once transactions ended). */
  onReset(type: string): void;
}

export function createChargerLink(
  settings: LinkSettings,
  flash: Flash,
  station: Station,
  hooks: LinkHooks,
): OcppLink {
  const { ocpp, identity } = flash;
  const localAddress = localAddressFor(
    identity.serialNumber,
    settings.localAddresses,
    ocpp.url ?? "",
  );
  return createOcppLink({
    url: ocpp.url ?? "",
    identity: ocpp.identity ?? "",
    ...(ocpp.password ? { password: ocpp.password } : {}),
    ...(localAddress ? { localAddress } : {}),
    vendor: VENDOR,
    model: bootModel(identity.partNumber),
    serialNumber: identity.serialNumber,
    firmwareVersion: identity.firmwareVersion,
    connectorCount: station.connectors.length,
    station,
    ...(settings.ocppBackoff ? { backoff: settings.ocppBackoff } : {}),
    ...(settings.ocppConnectTimeoutMs ? { connectTimeoutMs: settings.ocppConnectTimeoutMs } : {}),
    ...(settings.connectGate ? { gate: settings.connectGate } : {}),
    onStatus: (status) => hooks.onStatus(status),
    // A Reset from the central system reboots the whole charger, as a real one would.
    onReset: (type) => hooks.onReset(type),
    ...(settings.logOcpp ? { log: settings.log } : {}),
  });
}
