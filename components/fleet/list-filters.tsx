import { listModels } from "@plugboard/wallbox";
import { STATUS_FILTERS, STATUS_LABELS } from "@/lib/chargers/status";
import type { ListChargersParams } from "@/lib/chargers/list-params";

const selectClass = "mt-1 block rounded-md border border-slate-300 bg-white px-2 py-2 text-sm";

/** A plain GET form, so filtering works without JavaScript and every state has a URL. */
export function ListFilters({ params }: { params: Partial<ListChargersParams> }) {
  return (
    <form method="get" action="/chargers" className="flex flex-wrap items-end gap-3" role="search">
      <div>
        <label htmlFor="q" className="block text-sm font-medium">
          Search
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={params.q ?? ""}
          placeholder="Serial number or name"
          className="mt-1 block w-64 rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
      </div>
      <div>
        <label htmlFor="model" className="block text-sm font-medium">
          Model
        </label>
        <select id="model" name="model" defaultValue={params.model ?? ""} className={selectClass}>
          <option value="">All models</option>
          {listModels().map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="status" className="block text-sm font-medium">
          OCPP status
        </label>
        <select
          id="status"
          name="status"
          defaultValue={params.status ?? ""}
          className={selectClass}
        >
          <option value="">All statuses</option>
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="sort" className="block text-sm font-medium">
          Sort by
        </label>
        <select id="sort" name="sort" defaultValue={params.sort ?? "name"} className={selectClass}>
          <option value="name">Name</option>
          <option value="serial">Serial number</option>
          <option value="lastSeen">Last seen</option>
        </select>
      </div>
      <div>
        <label htmlFor="order" className="block text-sm font-medium">
          Order
        </label>
        <select
          id="order"
          name="order"
          defaultValue={params.order ?? "asc"}
          className={selectClass}
        >
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </select>
      </div>
      <button
        type="submit"
        className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100"
      >
        Apply
      </button>
    </form>
  );
}
