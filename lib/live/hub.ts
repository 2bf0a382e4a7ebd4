// One per portal process: LISTENs on the charger-changes channel, coalesces notifications
// for a few milliseconds, loads the changed chargers once, and hands each browser stream the
// ones of its organisation (support: all).
import { inArray } from "drizzle-orm";
import { getDatabase, type PortalDatabase } from "@/db";
import { chargers } from "@/db/schema";
import {
  statusSummaryColumns,
  toStatusSummary,
  type ChargerStatusSummary,
} from "@/lib/chargers/status-summary";
import type { OrganizationScope } from "@/lib/permissions";
import { ALERT_CHANGES_CHANNEL, decodeAlertChange } from "./alert-changes";
import { CHARGER_CHANGES_CHANNEL, decodeChange } from "./charger-changes";

const COALESCE_MS = 20;
const ALERTS_COALESCE_MS = 250;

export interface LiveSubscriber {
  scope: OrganizationScope;
  send: (summaries: ChargerStatusSummary[]) => void;
  /** Alerts of the subscriber's organisations opened, acknowledged or resolved. */
  alertsChanged?: () => void;
}

export class LiveHub {
  private subscribers = new Set<LiveSubscriber>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private alertOrganizations = new Set<string>();
  private alertTimer: NodeJS.Timeout | null = null;

  constructor(private database: PortalDatabase) {}

  async start(): Promise<void> {
    await this.database.listen(CHARGER_CHANGES_CHANNEL, (payload) => {
      const change = decodeChange(payload);
      if (!change) return;
      this.pending.add(change.chargerId);
      // flush catches and logs a failed load; the next change flushes again
      this.timer ??= setTimeout(() => void this.flush(), COALESCE_MS);
    });
    // One evaluation tick may notify once per rule: each browser hears of it once.
    await this.database.listen(ALERT_CHANGES_CHANNEL, (payload) => {
      const organizationId = decodeAlertChange(payload);
      if (!organizationId) return;
      this.alertOrganizations.add(organizationId);
      this.alertTimer ??= setTimeout(() => this.flushAlerts(), ALERTS_COALESCE_MS);
    });
  }

  private flushAlerts(): void {
    this.alertTimer = null;
    const organizations = new Set(this.alertOrganizations);
    this.alertOrganizations.clear();
    for (const subscriber of this.subscribers) {
      const { scope } = subscriber;
      if (scope.kind === "all" || organizations.has(scope.organizationId))
        subscriber.alertsChanged?.();
    }
  }

  subscribe(subscriber: LiveSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  get size(): number {
    return this.subscribers.size;
  }

  private async flush(): Promise<void> {
    this.timer = null;
    const ids = [...this.pending];
    this.pending.clear();
    if (ids.length === 0 || this.subscribers.size === 0) return;
    try {
      const rows = await this.database.db
        .select(statusSummaryColumns)
        .from(chargers)
        .where(inArray(chargers.id, ids));
      for (const subscriber of this.subscribers) {
        const visible = rows.filter(
          (row) =>
            subscriber.scope.kind === "all" ||
            row.organizationId === subscriber.scope.organizationId,
        );
        if (visible.length > 0) subscriber.send(visible.map(toStatusSummary));
      }
    } catch (error) {
      console.error("[live] could not load changed chargers:", (error as Error).message);
    }
  }
}

const key = Symbol.for("plugboard.live-hub");
type GlobalWithHub = typeof globalThis & { [key]?: Promise<LiveHub> };

export function getLiveHub(): Promise<LiveHub> {
  const g = globalThis as GlobalWithHub;
  g[key] ??= getDatabase().then(async (database) => {
    const hub = new LiveHub(database);
    await hub.start();
    return hub;
  });
  g[key].catch(() => delete g[key]);
  return g[key];
}
