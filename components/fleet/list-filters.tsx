import { getTranslations } from "next-intl/server";
import { listModels } from "@plugboard/wallbox";
import { STATUS_FILTERS } from "@/lib/chargers/status";
import { REASON_FILTERS, type ListChargersParams } from "@/lib/chargers/list-params";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";

/** A plain GET form, so filtering works without JavaScript and every state has a URL. */
export async function ListFilters({
  params,
  sites,
}: {
  params: Partial<ListChargersParams>;
  /** The sites in the reader's scope (support: every organisation's, named with it). */
  sites: Array<{ id: string; label: string }>;
}) {
  const t = await getTranslations("fleet.filters");
  const tStatus = await getTranslations("charger.status");
  const tOcpp = await getTranslations("ocpp");
  return (
    <form method="get" action="/chargers" className="flex flex-wrap items-end gap-3" role="search">
      <TextField
        label={t("search")}
        name="q"
        type="search"
        defaultValue={params.q ?? ""}
        placeholder={t("searchPlaceholder")}
        fieldClassName="w-64 max-w-full"
      />
      <SelectField
        label={t("site")}
        name="site"
        defaultValue={params.site ?? ""}
        fieldClassName="max-w-full"
      >
        <option value="">{t("allSites")}</option>
        <option value="none">{t("noSite")}</option>
        {sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("model")}
        name="model"
        defaultValue={params.model ?? ""}
        fieldClassName="max-w-full"
      >
        <option value="">{t("allModels")}</option>
        {listModels().map((m) => (
          <option key={m.code} value={m.code}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("status")}
        name="status"
        defaultValue={params.status ?? ""}
        fieldClassName="max-w-full"
      >
        <option value="">{t("allStatuses")}</option>
        {STATUS_FILTERS.map((s) => (
          <option key={s} value={s}>
            {tStatus(s)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("reason")}
        name="reason"
        defaultValue={params.reason ?? ""}
        fieldClassName="max-w-full"
        className="max-w-72"
      >
        <option value="">{t("allReasons")}</option>
        {REASON_FILTERS.map((r) => (
          <option key={r} value={r}>
            {tOcpp(`reasons.${r}.title`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("sortBy")}
        name="sort"
        defaultValue={params.sort ?? "name"}
        fieldClassName="max-w-full"
      >
        <option value="name">{t("sortName")}</option>
        <option value="serial">{t("sortSerial")}</option>
        <option value="lastSeen">{t("sortLastSeen")}</option>
      </SelectField>
      <SelectField
        label={t("order")}
        name="order"
        defaultValue={params.order ?? "asc"}
        fieldClassName="max-w-full"
      >
        <option value="asc">{t("ascending")}</option>
        <option value="desc">{t("descending")}</option>
      </SelectField>
      <button
        type="submit"
        className="min-h-11 rounded-md border border-slate-300 bg-surface px-4 py-2 text-sm font-medium hover:bg-slate-100"
      >
        {t("apply")}
      </button>
    </form>
  );
}
