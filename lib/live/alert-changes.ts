// Alerts opened, acknowledged or resolved: announced per organisation on a NOTIFY channel of
// their own, so every portal instance tells its browsers to refetch their count. Inside a
// transaction the notification goes out at commit, never for a change that was rolled back.
import { sql } from "drizzle-orm";
import type { Db } from "@/db";

export const ALERT_CHANGES_CHANNEL = "alert_changes";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function announceAlertChanges(db: Db, organizationIds: Iterable<string>) {
  for (const organizationId of new Set(organizationIds)) {
    await db.execute(sql`select pg_notify(${ALERT_CHANGES_CHANNEL}, ${organizationId})`);
  }
}

/** The organisation a payload names, or null for one that is not ours. */
export function decodeAlertChange(payload: string): string | null {
  return UUID.test(payload) ? payload : null;
}
