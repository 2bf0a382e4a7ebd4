import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import {
  findAlertWebhook,
  listAlertRules,
  listDeliveries,
  type AlertRuleRow,
  type DeliveryRow,
} from "@/lib/alerts/queries";
import { describeRule } from "@/lib/alerts/rule-kinds";
import { requireUser } from "@/lib/auth/session";
import { getMessageText } from "@/lib/i18n/server-message-text";
import { hasPermission, organizationScope } from "@/lib/permissions";
import type { SendError } from "@/lib/webhooks/send-webhook";
import { AlertRuleForm } from "@/components/alerts/alert-rule-form";
import { RuleControls } from "@/components/alerts/rule-controls";
import { WebhookForm } from "@/components/alerts/webhook-form";
import { DataTable, type Column } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("alerts"))("rules.title") };
}

export default async function AlertRulesPage() {
  const user = await requireUser();
  const [t, format, text] = await Promise.all([
    getTranslations("alerts"),
    getFormatter(),
    getMessageText(),
  ]);
  const db = await getDb();
  const scope = organizationScope(user);
  const organizationId = user.organizationId;
  const [rules, webhook, deliveries] = await Promise.all([
    listAlertRules(db, scope),
    organizationId ? findAlertWebhook(db, organizationId) : Promise.resolve(null),
    organizationId ? listDeliveries(db, organizationId) : Promise.resolve([]),
  ]);
  // Administrators manage their own organisation's rules; CPOs and support read them.
  const canManage = hasPermission(user, "alert:manage") && organizationId !== null;
  const ruleColumns: Column<AlertRuleRow>[] = [
    {
      key: "rule",
      header: t("columns.rule"),
      className: "font-medium",
      cell: (r) => text(describeRule(r.kind, r.threshold)),
    },
    ...(scope.kind === "all"
      ? [
          {
            key: "organization",
            header: t("columns.organization"),
            cell: (r: AlertRuleRow) => r.organizationName,
          },
        ]
      : []),
    {
      key: "state",
      header: t("columns.state"),
      cell: (r) => (
        <span data-testid={`rule-state-${r.id}`}>{r.enabled ? t("rules.on") : t("rules.off")}</span>
      ),
    },
    ...(canManage
      ? [
          {
            key: "actions",
            header: t("columns.actions"),
            cell: (r: AlertRuleRow) => (
              <RuleControls
                rule={{
                  id: r.id,
                  kind: r.kind,
                  threshold: r.threshold,
                  enabled: r.enabled,
                  description: text(describeRule(r.kind, r.threshold)),
                }}
              />
            ),
          },
        ]
      : []),
  ];
  const resultOf = (d: DeliveryRow) => {
    if (d.attempts === 0) return t("deliveries.notYet");
    if (d.lastError) return t(`deliveries.errors.${d.lastError as SendError | "no_webhook"}`);
    return t("deliveries.http", { status: d.lastStatusCode ?? 0 });
  };
  const deliveryColumns: Column<DeliveryRow>[] = [
    {
      key: "at",
      header: t("deliveries.columns.at"),
      cell: (d) => format.dateTime(d.createdAt, "timestamp"),
    },
    {
      key: "event",
      header: t("deliveries.columns.event"),
      cell: (d) =>
        t(d.event === "alert.opened" ? "deliveries.events.opened" : "deliveries.events.resolved", {
          id: d.alertId,
        }),
    },
    {
      key: "status",
      header: t("columns.state"),
      cell: (d) => t(`deliveries.status.${d.status as "pending" | "delivered" | "failed"}`),
    },
    { key: "attempts", header: t("deliveries.columns.attempts"), cell: (d) => d.attempts },
    { key: "result", header: t("deliveries.columns.result"), cell: resultOf },
    {
      key: "next",
      header: t("deliveries.columns.next"),
      cell: (d) => (d.status === "pending" ? format.dateTime(d.nextAttemptAt, "timestamp") : "—"),
    },
  ];
  return (
    <div className="max-w-5xl space-y-6">
      <p className="text-sm">
        <Link href="/alerts" className="text-brand-700 underline">
          {t("rules.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("rules.title")}</h1>
      <p className="max-w-prose text-sm text-slate-600">{t("rules.intro")}</p>
      {!canManage ? (
        <p role="note" className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          {t("rules.readOnly")}
        </p>
      ) : null}
      <DataTable
        caption={t("rules.title")}
        columns={ruleColumns}
        rows={rules}
        rowKey={(r) => r.id}
        empty={canManage ? t("rules.emptyAdmin") : t("rules.empty")}
        cards
      />
      {canManage ? (
        <section aria-labelledby="new-rule-heading" className="space-y-3">
          <h2 id="new-rule-heading" className="text-lg font-semibold">
            {t("rules.new")}
          </h2>
          <AlertRuleForm />
        </section>
      ) : null}
      {organizationId ? (
        <section aria-labelledby="webhook-heading" className="space-y-3">
          <h2 id="webhook-heading" className="text-lg font-semibold">
            {t("webhook.title")}
          </h2>
          <p className="max-w-prose text-sm text-slate-600">{t("webhook.intro")}</p>
          {canManage ? (
            <WebhookForm url={webhook?.url ?? null} />
          ) : (
            <p className="text-sm">
              {webhook ? t("webhook.current", { url: webhook.url }) : t("webhook.none")}
            </p>
          )}
          <h3 className="pt-2 font-semibold">{t("deliveries.title")}</h3>
          <DataTable
            caption={t("deliveries.title")}
            columns={deliveryColumns}
            rows={deliveries}
            rowKey={(d) => String(d.id)}
            rowAttributes={(d) => ({ "data-delivery": d.event })}
            empty={t("deliveries.empty")}
            cards
          />
        </section>
      ) : null}
    </div>
  );
}
