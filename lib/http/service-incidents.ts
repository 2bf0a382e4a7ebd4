// What a person using the portal should know about `npm start`'s services: one that is being
// restarted now, or one that crashed and was restarted in the last few minutes (chargers may
// have reconnected, a status may have lagged). Old restarts stay on /api/health only.
import type { ServicesStatus } from "./service-status";

export const RECENT_RESTART_MS = 10 * 60 * 1000;

const SERVICE_LABELS: Record<string, string> = {
  "device-manager": "The device manager",
  portal: "The portal",
  fleet: "The virtual charger fleet",
  "demo-csms": "The demo central system",
};

export interface ServiceIncident {
  service: string;
  tone: "warning" | "info";
  message: string;
}

export function describeServiceIncidents(
  status: ServicesStatus | null,
  now = new Date(),
): ServiceIncident[] {
  if (!status) return [];
  return status.services.flatMap((service): ServiceIncident[] => {
    const label = SERVICE_LABELS[service.name] ?? `The ${service.name} service`;
    if (service.state === "restarting") {
      return [
        {
          service: service.name,
          tone: "warning",
          message: `${label} stopped unexpectedly and is being restarted. Charger status may lag until it is back.`,
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
      const times = service.restarts === 1 ? "once" : `${service.restarts} times`;
      return [
        {
          service: service.name,
          tone: "info",
          message: `${label} stopped unexpectedly at ${exitedAt.toISOString().slice(11, 16)} UTC and was restarted (${times} since start). It is running again; chargers reconnect by themselves.`,
        },
      ];
    }
    return [];
  });
}
