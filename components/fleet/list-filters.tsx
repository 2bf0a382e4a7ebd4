import { getTranslations } from "next-intl/server";
import { listModels } from "@plugboard/wallbox";
import { STATUS_FILTERS } from "@/lib/chargers/status";
import type { ListChargersParams } from "@/lib/chargers/list-params";

const selectClass =
  "mt-1 block min-h-11 max-w-full rounded-md border border-slate-300 bg-surface px-2 py-2 text-sm";

/** A plain GET form, so filtering works without JavaScript and every state has a URL. */
export async function ListFilters({ params }: { params: Partial<ListChargersParams> }) {
  const t = await getTranslations("fleet.filters");
  const tStatus = await getTranslations("charger.status");
  return (
    <form method="get" action="/chargers" className="flex flex-wrap items-end gap-3" role="search">
      <div>
        <label htmlFor="q" className="block text-sm font-medium">
          {t("search")}
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={params.q ?? ""}
          placeholder={t("searchPlaceholder")}
          className="mt-1 block min-h-11 w-64 max-w-full rounded-md border border-slate-300 bg-surface px-3 py-2 text-sm"
        />
      </div>
      <div>
        <label htmlFor="model" className="block text-sm font-medium">
          {t("model")}
        </label>
        <select id="model" name="model" defaultValue={params.model ?? ""} className={selectClass}>
          <option value="">{t("allModels")}</option>
          {listModels().map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="status" className="block text-sm font-medium">
          {t("status")}
        </label>
        <select
          id="status"
          name="status"
          defaultValue={params.status ?? ""}
          className={selectClass}
        >
          <option value="">{t("allStatuses")}</option>
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {tStatus(s)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="sort" className="block text-sm font-medium">
          {t("sortBy")}
        </label>
        <select id="sort" name="sort" defaultValue={params.sort ?? "name"} className={selectClass}>
          <option value="name">{t("sortName")}</option>
          <option value="serial">{t("sortSerial")}</option>
          <option value="lastSeen">{t("sortLastSeen")}</option>
        </select>
      </div>
      <div>
        <label htmlFor="order" className="block text-sm font-medium">
          {t("order")}
        </label>
        <select
          id="order"
          name="order"
          defaultValue={params.order ?? "asc"}
          className={selectClass}
        >
          <option value="asc">{t("ascending")}</option>
          <option value="desc">{t("descending")}</option>
        </select>
      </div>
      <button
        type="submit"
        className="min-h-11 rounded-md border border-slate-300 bg-surface px-4 py-2 text-sm font-medium hover:bg-slate-100"
      >
        {t("apply")}
      </button>
    </form>
  );
}
