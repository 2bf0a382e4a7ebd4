// What the charger sends on its own once accepted (OCPP 1.6 §4.6 Heartbeat, §4.9 StatusNotification).
import { callOcpp, type RpcPeer } from "./protocol/typed-rpc";

type Log = (line: string) => void;

export async function sendHeartbeat(peer: RpcPeer, log: Log): Promise<void> {
  try {
    const conf = await callOcpp(peer, "Heartbeat", {});
    log(`← Heartbeat currentTime=${conf.currentTime}`);
  } catch (error) {
    log(`Heartbeat failed: ${(error as Error).message}`);
  }
}

/** Connector ids to report: one connector, or 0 (the charger itself) and every connector. */
export function connectorIds(connectorCount: number, connectorId?: number): number[] {
  return connectorId !== undefined ? [connectorId] : [...Array(connectorCount + 1).keys()];
}

export async function sendStatusNotifications(
  peer: RpcPeer,
  ids: number[],
  log: Log,
  stillConnected: () => boolean,
): Promise<void> {
  for (const connectorId of ids) {
    if (!stillConnected()) return;
    try {
      await callOcpp(peer, "StatusNotification", {
        connectorId,
        errorCode: "NoError",
        status: "Available",
        timestamp: new Date().toISOString(),
      });
      log(`→ StatusNotification connector ${connectorId} Available`);
    } catch (error) {
      if (stillConnected())
        log(`StatusNotification ${connectorId} failed: ${(error as Error).message}`);
    }
  }
}
