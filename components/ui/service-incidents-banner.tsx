import type { ServiceIncident } from "@/lib/http/service-incidents";

/** A line per service that is restarting or restarted recently (see lib/http/service-incidents). */
export function ServiceIncidentsBanner({ incidents }: { incidents: ServiceIncident[] }) {
  if (incidents.length === 0) return null;
  return (
    <div role="status" aria-label="Service status" className="mb-4 space-y-2">
      {incidents.map((incident) => (
        <p
          key={incident.service}
          className={`rounded-md border p-3 text-sm ${incident.tone === "warning" ? "border-amber-300 bg-amber-50 text-amber-900" : "border-sky-200 bg-sky-50 text-sky-900"}`}
        >
          {incident.message}
        </p>
      ))}
    </div>
  );
}
