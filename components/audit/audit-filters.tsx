import Link from "next/link";
import { useTranslations } from "next-intl";
import { auditActionLabel } from "@/lib/audit/labels";
import { useMessageText } from "@/lib/i18n/use-message-text";
import type { AuditFilters } from "@/lib/validations/audit";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";

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
        <SelectField
          label={t("organization")}
          name="organization"
          defaultValue={filters.organization ?? ""}
          fieldClassName="max-w-full"
        >
          <option value="">{t("allOrganizations")}</option>
          {organizations.map((org) => (
            <option key={org.id} value={org.id}>
              {org.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextField
        label={t("charger")}
        name="charger"
        type="search"
        defaultValue={filters.charger ?? ""}
        placeholder={t("chargerPlaceholder")}
        fieldClassName="w-52 max-w-full"
      />
      <TextField
        label={t("user")}
        name="user"
        type="search"
        defaultValue={filters.user ?? ""}
        placeholder={t("userPlaceholder")}
        fieldClassName="w-52 max-w-full"
      />
      <SelectField
        label={t("action")}
        name="action"
        defaultValue={filters.action ?? ""}
        fieldClassName="max-w-full"
      >
        <option value="">{t("allActions")}</option>
        {choices.map((action) => (
          <option key={action} value={action}>
            {text(auditActionLabel(action))}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("from")}
        name="from"
        type="date"
        defaultValue={filters.from ?? ""}
        fieldClassName="max-w-full"
      />
      <TextField
        label={t("to")}
        name="to"
        type="date"
        defaultValue={filters.to ?? ""}
        fieldClassName="max-w-full"
      />
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
