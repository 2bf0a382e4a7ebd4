// Live updates: the portal announces changed chargers on one Postgres NOTIFY channel; every
// portal instance LISTENs and fans out to its browsers. Payloads are ids only (NOTIFY is
// limited to 8000 bytes and the browser refetches what it needs).
export const CHARGER_CHANGES_CHANNEL = "charger_changes";

export interface ChargerChange {
  organizationId: string;
  chargerId: string;
}

export function encodeChange(change: ChargerChange): string {
  return `${change.organizationId}:${change.chargerId}`;
}

export function decodeChange(payload: string): ChargerChange | null {
  const [organizationId, chargerId, ...rest] = payload.split(":");
  if (!organizationId || !chargerId || rest.length > 0) return null;
  return { organizationId, chargerId };
}
