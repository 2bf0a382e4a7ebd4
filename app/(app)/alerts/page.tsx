import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import type { AlertState } from "@/db/schema";
import { listAlerts, type AlertRow } from "@/lib/alerts/queries";
import { describeRule } from "@/lib/alerts/rule-kinds";
import { requireUser } from "@/lib/auth/session";
import { getMessageText } from "@/lib/i18n/server-message-text";
import { listOrganizations } from "@/lib/organizations/queries";
import { parsePageRequest } from "@/lib/pagination/newest-first";
import { hasPermission, organizationScope } from "@/lib/permissions";
import { AcknowledgeButton } from "@/components/alerts/acknowledge-button";
import { RefreshOnAlertChanges } from "@/components/alerts/refresh-on-alert-changes";
import { DataTable, type Column } from "@/components/ui/data-table";
import { SelectField } from "@/components/ui/select-field";
import { Button } from "@/components/ui/button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("alerts"))("title") };
}

const STATES: AlertState[] = ["open", "acknowledged", "resolved"];
const LINK = "inline-flex min-h-11 items-center text-brand-700 hover:underline md:min-h-0";

export default async function AlertsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const [t, format, text] = await Promise.all([
    getTranslations("alerts"),
    getFormatter(),
    getMessageText(),
  ]);
  const raw = await searchParams;
  const one = (key: string) => (typeof raw[key] === "string" ? raw[key] : undefined);
  const state = STATES.find((s) => s === one("state")) ?? "open";
  const organization = one("organization") || undefined;
  // A stale or tampered cursor opens the first page rather than an error.
  const pageRequest = parsePageRequest(
    new URLSearchParams(
      Object.entries({ cursor: one("cursor"), direction: one("direction") }).flatMap(([k, v]) =>
        v ? [[k, v]] : [],
      ),
    ),
  );
  const db = await getDb();
  const scope = organizationScope(user);
  const [page, organizations] = await Promise.all([
    listAlerts(db, scope, { state, organization }, pageRequest.ok ? pageRequest.value : {}),
    scope.kind === "all" ? listOrganizations(db) : Promise.resolve([]),
  ]);
  const href = (changes: Record<string, string | undefined>) => {
    const query = new URLSearchParams(
      Object.entries({ state, organization, ...changes }).flatMap(([k, v]) => (v ? [[k, v]] : [])),
    );
    return `/alerts?${query.toString()}`;
  };
  const canAcknowledge = hasPermission(user, "alert:acknowledge");
  const subjectOf = (a: AlertRow) =>
    a.chargerId
      ? t("charger", { name: a.chargerName ?? "" })
      : t("site", { name: a.siteName ?? "" });
  const columns: Column<AlertRow>[] = [
    {
      key: "since",
      header: t("columns.since"),
      cell: (a) => (
        <time dateTime={a.since.toISOString()}>{format.dateTime(a.since, "zoned")}</time>
      ),
    },
    {
      key: "rule",
      header: t("columns.rule"),
      cell: (a) => text(describeRule(a.ruleKind, a.threshold)),
    },
    {
      key: "subject",
      header: t("columns.subject"),
      className: "font-medium",
      cell: (a) =>
        a.chargerId ? (
          <Link href={`/chargers/${a.chargerId}`} className={LINK}>
            {subjectOf(a)}
          </Link>
        ) : (
          <span className="space-x-2">
            <Link href={`/sites/${a.siteId}`} className={LINK}>
              {subjectOf(a)}
            </Link>
            <span className="text-slate-600">
              {t("siteShare", { connected: a.connected ?? 0, enabled: a.enabled ?? 0 })}
            </span>
          </span>
        ),
    },
    ...(scope.kind === "all"
      ? [
          {
            key: "organization",
            header: t("columns.organization"),
            cell: (a: AlertRow) => a.organizationName,
          },
        ]
      : []),
    {
      key: "state",
      header: t("columns.state"),
      cell: (a) => (
        <span data-testid={`alert-state-${a.id}`}>
          <span className="font-medium">{t(`states.${a.state}`)}</span>
          {a.acknowledgedAt && a.acknowledgedByEmail ? (
            <span className="block text-xs text-slate-600">
              {t("acknowledgedBy", {
                email: a.acknowledgedByEmail,
                at: format.dateTime(a.acknowledgedAt, "timestamp"),
              })}
            </span>
          ) : null}
          {a.resolvedAt ? (
            <span className="block text-xs text-slate-600">
              {t("resolvedAt", { at: format.dateTime(a.resolvedAt, "timestamp") })}
            </span>
          ) : null}
        </span>
      ),
    },
    ...(canAcknowledge && state === "open"
      ? [
          {
            key: "actions",
            header: t("columns.actions"),
            cell: (a: AlertRow) => <AcknowledgeButton alertId={a.id} subject={subjectOf(a)} />,
          },
        ]
      : []),
  ];
  return (
    <div className="space-y-5">
      <RefreshOnAlertChanges />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Link href="/alerts/rules" className={LINK}>
          {t("manageRules")}
        </Link>
      </div>
      <p className="max-w-prose text-sm text-slate-600">{t("intro")}</p>
      <nav aria-label={t("tabs.label")} className="flex flex-wrap gap-2 border-b border-slate-200">
        {STATES.map((s) => (
          <Link
            key={s}
            href={href({ state: s })}
            aria-current={s === state ? "page" : undefined}
            className={`inline-flex min-h-11 items-center border-b-2 px-3 text-sm ${s === state ? "border-brand-600 font-semibold" : "border-transparent hover:underline"}`}
          >
            {t(`tabs.${s}`)}
          </Link>
        ))}
      </nav>
      {scope.kind === "all" ? (
        <form method="get" action="/alerts" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="state" value={state} />
          <SelectField
            label={t("filter.organization")}
            name="organization"
            defaultValue={organization ?? ""}
            fieldClassName="max-w-full"
          >
            <option value="">{t("filter.all")}</option>
            {organizations.map((org) => (
              <option key={org.id} value={org.id}>
                {org.name}
              </option>
            ))}
          </SelectField>
          <Button type="submit" variant="secondary" className="min-h-11">
            {t("filter.apply")}
          </Button>
        </form>
      ) : null}
      <DataTable
        caption={t(`tabs.${state}`)}
        columns={columns}
        rows={page.rows}
        rowKey={(a) => String(a.id)}
        rowAttributes={(a) => ({ "data-alert": String(a.id) })}
        empty={t(`empty.${state}`)}
        cards
        pagination={{
          label: t("pagination.label"),
          previous: page.prevCursor
            ? {
                href: href({ cursor: page.prevCursor, direction: "before" }),
                label: t("pagination.newer"),
              }
            : undefined,
          next: page.nextCursor
            ? {
                href: href({ cursor: page.nextCursor, direction: "after" }),
                label: t("pagination.older"),
              }
            : undefined,
        }}
      />
    </div>
  );
}
