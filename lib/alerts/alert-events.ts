// What happens when alerts open or resolve: a webhook message is queued for each, to every
// endpoint of the organisation subscribed to the event (lib/webhooks), in the same transaction as the change, so none is lost or sent
// for a change that was rolled back; and the organisation's browsers are told to refetch.
import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { announceAlertChanges } from "@/lib/live/alert-changes";

export type AlertEvent = "alert.opened" | "alert.resolved";

export interface ChangedAlert {
  id: number;
  organizationId: string;
}

const iso = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * Queues one message per alert and subscribed endpoint, written in SQL as it reads alerts of
 * several organisations at once. The body is fixed now (Standard Webhooks' {type, timestamp,
 * data}, as lib/webhooks/queue.ts writes it), as is its id: every retry sends the same bytes
 * with the same webhook-id; an alert's message has one id whatever the number of endpoints.
 */
export async function queueWebhookMessages(
  db: Db,
  event: AlertEvent,
  alertIds: number[],
  now: Date,
): Promise<void> {
  if (alertIds.length === 0) return;
  await db.execute(sql`
    with messages as (
      select a.*, 'msg_' || replace(gen_random_uuid()::text, '-', '') as message_id
      from alerts a
      where a.id in (${sql.join(
        alertIds.map((id) => sql`${id}`),
        sql`, `,
      )})
    )
    insert into webhook_deliveries
      (organization_id, endpoint_id, event, message_id, next_attempt_at, body)
    select a.organization_id, w.id, ${event}, a.message_id,
      ${now.toISOString()}::timestamptz,
      json_build_object(
        'type', ${event}::text,
        'timestamp', ${iso("now()")},
        'data', json_build_object(
          'id', a.id,
          'organizationId', a.organization_id,
          'state', a.state,
          'rule', json_build_object('id', a.rule_id, 'kind', a.rule_kind, 'threshold', a.threshold),
          'since', ${iso("a.since")},
          'openedAt', ${iso("a.opened_at")},
          'resolvedAt', ${iso("a.resolved_at")},
          'charger', case when c.id is null then null else
            json_build_object('id', c.id, 'name', c.name, 'serialNumber', c.serial_number) end,
          'site', case when s.id is null then null else
            json_build_object('id', s.id, 'name', s.name, 'connected', a.connected,
              'enabled', a.enabled) end
        )
      )::text
    from messages a
    join webhook_endpoints w on w.organization_id = a.organization_id
      and w.enabled and ${event}::text = any(w.events)
    left join chargers c on c.id = a.charger_id
    left join sites s on s.id = a.site_id
    order by a.id`);
}

/** Both of the above for the alerts one change opened or resolved. */
export async function afterAlertChanges(
  db: Db,
  event: AlertEvent,
  changed: ChangedAlert[],
  now: Date,
): Promise<void> {
  if (changed.length === 0) return;
  await queueWebhookMessages(
    db,
    event,
    changed.map((a) => a.id),
    now,
  );
  await announceAlertChanges(
    db,
    changed.map((a) => a.organizationId),
  );
}
