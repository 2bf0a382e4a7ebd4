import Link from "next/link";
import { useTranslations } from "next-intl";
import { auditActionLabel } from "@/lib/audit/labels";
import { useMessageText } from "@/lib/i18n/use-message-text";
import type { AuditFilters } from "@/lib/validations/audit";

const inputClass =
  "mt-1 block min-h-11 max-w-full rounded-md border border-slate-300 bg-surface px-3 py-2 text-sm";

/** A plain GET form, so every filtered view has a URL and works without JavaScript. */
export function AuditFiltersForm({
  filters,
  actions,
  organizations,
}: {
  filters: AuditFilters;
  actions: string[];
  /** Support only: the organisations to narrow to. */
  organizations?: Array<{ id: string; name: string }>;
}) {
  const t = useTranslations("audit.filters");
  const text = useMessageText();
  // An action typed into the URL still shows as chosen, even if the log has none of it yet.
  const choices =
    filters.action && !actions.includes(filters.action) ? [...actions, filters.action] : actions;
  return (
    <form method="get" action="/audit" role="search" className="flex flex-wrap items-end gap-3">
      {filters.chargerId ? (
        <input type="hidden" name="chargerId" value={filters.chargerId} />
      ) : null}
      {organizations ? (
        <div>
          <label htmlFor="audit-organization" className="block text-sm font-medium">
            {t("organization")}
          </label>
          <select
            id="audit-organization"
            name="organization"
            defaultValue={filters.organization ?? ""}
            className={inputClass}
          >
            <option value="">{t("allOrganizations")}</option>
            {organizations.map((org) => (
              <option key={org.id} value={org.id}>
                {org.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div>
        <label htmlFor="audit-charger" className="block text-sm font-medium">
          {t("charger")}
        </label>
        <input
          id="audit-charger"
          name="charger"
          type="search"
          defaultValue={filters.charger ?? ""}
          placeholder={t("chargerPlaceholder")}
          className={`${inputClass} w-52`}
        />
      </div>
      <div>
        <label htmlFor="audit-user" className="block text-sm font-medium">
          {t("user")}
        </label>
        <input
          id="audit-user"
          name="user"
          type="search"
          defaultValue={filters.user ?? ""}
          placeholder={t("userPlaceholder")}
          className={`${inputClass} w-52`}
        />
      </div>
      <div>
        <label htmlFor="audit-action" className="block text-sm font-medium">
          {t("action")}
        </label>
        <select
          id="audit-action"
          name="action"
          defaultValue={filters.action ?? ""}
          className={inputClass}
        >
          <option value="">{t("allActions")}</option>
          {choices.map((action) => (
            <option key={action} value={action}>
              {text(auditActionLabel(action))}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-from" className="block text-sm font-medium">
          {t("from")}
        </label>
        <input
          id="audit-from"
          name="from"
          type="date"
          defaultValue={filters.from ?? ""}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor="audit-to" className="block text-sm font-medium">
          {t("to")}
        </label>
        <input
          id="audit-to"
          name="to"
          type="date"
          defaultValue={filters.to ?? ""}
          className={inputClass}
        />
      </div>
      <button
        type="submit"
        className="min-h-11 rounded-md border border-slate-300 bg-surface px-4 py-2 text-sm font-medium hover:bg-slate-100"
      >
        {t("apply")}
      </button>
      <Link
        href="/audit"
        className="inline-flex min-h-11 items-center text-sm text-brand-700 underline"
      >
        {t("clear")}
      </Link>
    </form>
  );
}
