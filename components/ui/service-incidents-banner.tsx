import { getTranslations } from "next-intl/server";
import type { ServiceIncident } from "@/lib/http/service-incidents";
import { getMessageText } from "@/lib/i18n/server-message-text";

/** A line per service that is restarting or restarted recently (see lib/http/service-incidents). */
export async function ServiceIncidentsBanner({ incidents }: { incidents: ServiceIncident[] }) {
  if (incidents.length === 0) return null;
  const [t, text] = await Promise.all([getTranslations("common.incidents"), getMessageText()]);
  return (
    <div role="status" aria-label={t("label")} className="mb-4 space-y-2">
      {incidents.map((incident) => (
        <p
          key={incident.service}
          className={`rounded-md border p-3 text-sm ${incident.tone === "warning" ? "border-amber-300 bg-amber-50 text-amber-900" : "border-sky-200 bg-sky-50 text-sky-900"}`}
        >
          {text(incident.message)}
        </p>
      ))}
    </div>
  );
}
