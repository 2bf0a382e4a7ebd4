import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { listAlertRules, type AlertRuleRow } from "@/lib/alerts/queries";
import { describeRule } from "@/lib/alerts/rule-kinds";
import { requireUser } from "@/lib/auth/session";
import { getMessageText } from "@/lib/i18n/server-message-text";
import { hasPermission, organizationScope } from "@/lib/permissions";
import { AlertRuleForm } from "@/components/alerts/alert-rule-form";
import { RuleControls } from "@/components/alerts/rule-controls";
import { DataTable, type Column } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("alerts"))("rules.title") };
}

export default async function AlertRulesPage() {
  const user = await requireUser();
  const [t, text] = await Promise.all([getTranslations("alerts"), getMessageText()]);
  const db = await getDb();
  const scope = organizationScope(user);
  const organizationId = user.organizationId;
  const rules = await listAlertRules(db, scope);
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
        <p className="max-w-prose text-sm text-slate-600">
          {t("rules.webhookNote")}{" "}
          {hasPermission(user, "webhook:manage") ? (
            <Link href="/settings/webhooks" className="text-brand-700 underline">
              {t("rules.webhookLink")}
            </Link>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
