import Link from "next/link";
import { auditActionLabel } from "@/lib/audit/labels";
import type { AuditFilters } from "@/lib/validations/audit";

const inputClass = "mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

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
            Organisation
          </label>
          <select
            id="audit-organization"
            name="organization"
            defaultValue={filters.organization ?? ""}
            className={inputClass}
          >
            <option value="">All organisations</option>
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
          Charger
        </label>
        <input
          id="audit-charger"
          name="charger"
          type="search"
          defaultValue={filters.charger ?? ""}
          placeholder="Serial number or name"
          className={`${inputClass} w-52`}
        />
      </div>
      <div>
        <label htmlFor="audit-user" className="block text-sm font-medium">
          User
        </label>
        <input
          id="audit-user"
          name="user"
          type="search"
          defaultValue={filters.user ?? ""}
          placeholder="Email"
          className={`${inputClass} w-52`}
        />
      </div>
      <div>
        <label htmlFor="audit-action" className="block text-sm font-medium">
          Action
        </label>
        <select
          id="audit-action"
          name="action"
          defaultValue={filters.action ?? ""}
          className={inputClass}
        >
          <option value="">All actions</option>
          {choices.map((action) => (
            <option key={action} value={action}>
              {auditActionLabel(action)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-from" className="block text-sm font-medium">
          From
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
          To
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
        className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100"
      >
        Apply
      </button>
      <Link href="/audit" className="py-2 text-sm text-brand-700 underline">
        Clear filters
      </Link>
    </form>
  );
}
