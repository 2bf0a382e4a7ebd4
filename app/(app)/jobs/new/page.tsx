import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { countChargers, listChargersByIds } from "@/lib/chargers/queries";
import { listHref, parseListParams } from "@/lib/chargers/list-params";
import { listOrganizations } from "@/lib/organizations/queries";
import { hasPermission, organizationScope } from "@/lib/permissions";
import { BulkOcppForm } from "@/components/bulk/bulk-ocpp-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("bulk"))("title") };
}

export default async function NewBulkJobPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const t = await getTranslations("bulk");
  const raw = await searchParams;
  const params = parseListParams(raw);
  // One id per ticked row (ids=a&ids=b), or a comma-separated list.
  const ids = [raw.ids ?? []]
    .flat()
    .flatMap((v) => v.split(","))
    .filter(Boolean);
  // "Configure the selected chargers" with no row ticked: say so, rather than take them all.
  const nothingTicked = raw.chosen !== undefined && ids.length === 0;
  const db = await getDb();
  const scope = organizationScope(user);
  const count = ids.length
    ? (await listChargersByIds(db, scope, ids)).length
    : await countChargers(db, scope, params);
  // The list's filters or ids travel with the form, exactly as the list had them.
  const selection: Record<string, string> = ids.length
    ? { ids: ids.join(",") }
    : Object.fromEntries(
        (["q", "model", "status", "site", "reason"] as const).flatMap((k) =>
          params[k] ? [[k, params[k]!]] : [],
        ),
      );
  const canEdit = hasPermission(user, "charger:bulk-configure-ocpp");
  const organizations = canEdit && scope.kind === "all" ? await listOrganizations(db) : [];
  return (
    <div className="max-w-5xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-prose text-sm text-slate-600">{t("intro")}</p>
      <p className="text-sm" data-testid="bulk-selection">
        {nothingTicked
          ? t("nothingTicked")
          : ids.length
            ? t("selectionIds", { count })
            : t("selectionFilter", { count })}{" "}
        <Link
          href={listHref({ ...params, cursor: undefined, direction: undefined }, {})}
          className="text-brand-700 underline"
        >
          {t("changeSelection")}
        </Link>
      </p>
      {!canEdit ? (
        <p role="note" className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          {t("readOnly")}
        </p>
      ) : null}
      {nothingTicked ? null : (
        <BulkOcppForm
          selection={selection}
          organizations={organizations.map((o) => ({ id: o.id, name: o.name }))}
          canEdit={canEdit}
          canTest={hasPermission(user, "charger:configure-ocpp")}
        />
      )}
    </div>
  );
}
