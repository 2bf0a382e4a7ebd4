import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MODELS } from "@plugboard/wallbox";
import type { ChargerRow } from "@/lib/chargers/queries";
import { toStatusSummary } from "@/lib/chargers/status-summary";
import { listHref, type ListChargersParams, type SortKey } from "@/lib/chargers/list-params";
import { LiveLastSeen, LiveStatusBadge } from "@/components/charger/live-status-badge";
import { DataTable, type Column } from "@/components/ui/data-table";

/** The charger list: a table from md up, a card per charger (name, model, status) below. */
export async function ChargerTable({
  rows,
  showOrganization,
  selectionForm,
  params,
  cursors,
}: {
  rows: ChargerRow[];
  showOrganization: boolean;
  /** The id of the form a checkbox per row belongs to (choosing chargers for a bulk job). */
  selectionForm?: string;
  params: Partial<ListChargersParams>;
  cursors: { prev: string | null; next: string | null };
}) {
  const [t, tCommon] = await Promise.all([getTranslations("fleet"), getTranslations("common")]);
  const sortBy = (key: SortKey): Column<ChargerRow>["sort"] => {
    const current = (params.sort ?? "name") === key;
    const order = params.order ?? "asc";
    return {
      // A sorted column's link turns the order round; another column's starts ascending.
      href: listHref(params, {
        sort: key,
        order: current && order === "asc" ? "desc" : "asc",
        cursor: undefined,
        direction: undefined,
      }),
      direction: current ? (order === "asc" ? "ascending" : "descending") : null,
    };
  };
  const columns: Column<ChargerRow>[] = [
    ...(selectionForm
      ? [
          {
            key: "select",
            header: <span className="sr-only">{t("select.column")}</span>,
            className: "w-10",
            card: "col-span-2",
            cell: (c: ChargerRow) => (
              <input
                type="checkbox"
                name="ids"
                value={c.id}
                form={selectionForm}
                aria-label={t("select.one", { name: c.name })}
                className="size-5"
              />
            ),
          },
        ]
      : []),
    {
      key: "name",
      header: t("columns.name"),
      sort: sortBy("name"),
      className: "font-medium",
      card: "col-start-1 row-start-1",
      cell: (c) => (
        <Link
          href={`/chargers/${c.id}`}
          className="inline-flex min-h-11 items-center text-brand-700 hover:underline md:min-h-0"
        >
          {c.name}
        </Link>
      ),
    },
    {
      key: "serial",
      header: t("columns.serialNumber"),
      sort: sortBy("serial"),
      className: "font-mono",
      card: "col-start-2 row-start-2 justify-self-end text-xs md:text-sm",
      cell: (c) => c.serialNumber,
    },
    ...(showOrganization
      ? [
          {
            key: "organization",
            header: t("columns.organization"),
            card: "col-span-2 text-slate-600 md:text-inherit",
            cell: (c: ChargerRow) => c.organizationName,
          },
        ]
      : []),
    {
      key: "site",
      header: t("columns.site"),
      card: "col-span-2 text-slate-600 md:text-inherit",
      cell: (c) => c.siteName ?? "—",
    },
    {
      key: "model",
      header: t("columns.model"),
      card: "col-start-1 row-start-2 text-slate-600 md:text-inherit",
      cell: (c) => MODELS[c.model].name,
    },
    {
      key: "partNumber",
      header: t("columns.partNumber"),
      className: "font-mono text-xs",
      card: "hidden",
      cell: (c) => c.partNumber,
    },
    {
      key: "network",
      header: t("columns.network"),
      card: "hidden",
      cell: (c) => `${tCommon(`network.${c.networkType}`)}${c.vpn ? ` · ${t("vpn")}` : ""}`,
    },
    {
      key: "status",
      header: t("columns.ocppStatus"),
      card: "col-start-2 row-start-1 justify-self-end",
      cell: (c) => <LiveStatusBadge initial={toStatusSummary(c)} />,
    },
    {
      key: "lastSeen",
      header: t("columns.lastSeen"),
      sort: sortBy("lastSeen"),
      className: "text-slate-600",
      card: "col-span-2 text-xs md:text-sm",
      cell: (c) => <LiveLastSeen initial={toStatusSummary(c)} />,
    },
  ];
  return (
    <DataTable
      cards
      caption={t("title")}
      columns={columns}
      rows={rows}
      rowKey={(c) => c.id}
      rowAttributes={(c) => ({ "data-serial": c.serialNumber })}
      empty={params.q || params.model || params.status || params.site ? t("noMatch") : t("empty")}
      pagination={{
        label: tCommon("pagination.label"),
        previous: cursors.prev
          ? {
              href: listHref(params, { cursor: cursors.prev, direction: "before" }),
              label: tCommon("pagination.previous"),
            }
          : undefined,
        next: cursors.next
          ? {
              href: listHref(params, { cursor: cursors.next, direction: "after" }),
              label: tCommon("pagination.next"),
            }
          : undefined,
      }}
    />
  );
}
