// What a person using the portal should know about `npm start`'s services: one that is being
// restarted now, or one that crashed and was restarted in the last few minutes (chargers may
// have reconnected, a status may have lagged). Old restarts stay on /api/health only.
import { msg, type Message } from "@/lib/i18n/message";
import type { ServicesStatus } from "./service-status";

export const RECENT_RESTART_MS = 10 * 60 * 1000;

export interface ServiceIncident {
  service: string;
  tone: "warning" | "info";
  message: Message;
}

/** The messages name a service by an ICU select keyword (no dashes): deviceManager, …. */
const serviceValues = (name: string) => ({
  service: name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
  name,
});

export function describeServiceIncidents(
  status: ServicesStatus | null,
  now = new Date(),
): ServiceIncident[] {
  if (!status) return [];
  return status.services.flatMap((service): ServiceIncident[] => {
    if (service.state === "restarting") {
      return [
        {
          service: service.name,
          tone: "warning",
          message: msg("common.incidents.restarting", serviceValues(service.name)),
        },
      ];
    }
    const exitedAt = service.lastExit ? new Date(service.lastExit.at) : null;
    if (
      service.state === "running" &&
      service.restarts > 0 &&
      exitedAt &&
      now.getTime() - exitedAt.getTime() < RECENT_RESTART_MS
    ) {
      return [
        {
          service: service.name,
          tone: "info",
          message: msg("common.incidents.restarted", {
            ...serviceValues(service.name),
            at: exitedAt,
            restarts: service.restarts,
          }),
        },
      ];
    }
    return [];
  });
}
