import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { hasPermission } from "@/lib/permissions";
import { listWebhookEndpoints } from "@/lib/webhooks/queries";
import { DataTable } from "@/components/ui/data-table";
import { EndpointControls } from "@/components/webhooks/endpoint-controls";
import { EndpointForm } from "@/components/webhooks/endpoint-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks"))("title") };
}

/** An organisation's webhook endpoints, for its administrators. */
export default async function WebhooksPage() {
  const user = await requireUser();
  if (!hasPermission(user, "webhook:manage") || !user.organizationId) notFound();
  const [t, format] = await Promise.all([getTranslations("webhooks"), getFormatter()]);
  const endpoints = await listWebhookEndpoints(await getDb(), user.organizationId);
  return (
    <div className="space-y-6">
      <section aria-labelledby="webhooks-heading" className="space-y-3">
        <h2 id="webhooks-heading" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="max-w-prose text-sm text-slate-600">{t("intro")}</p>
        <DataTable
          caption={t("title")}
          rows={endpoints}
          rowKey={(e) => e.id}
          rowAttributes={(e) => ({ "data-url": e.url })}
          empty={t("empty")}
          cards
          columns={[
            {
              key: "url",
              header: t("columns.url"),
              className: "break-all font-mono text-xs",
              cell: (e) => (
                <Link href={`/settings/webhooks/${e.id}`} className="text-brand-700 underline">
                  {e.url}
                </Link>
              ),
            },
            {
              key: "events",
              header: t("columns.events"),
              cell: (e) => e.events.map((event) => t(`eventNames.${event}`)).join(", "),
            },
            {
              key: "state",
              header: t("columns.state"),
              cell: (e) => (
                <span data-testid="endpoint-state">{e.enabled ? t("on") : t("off")}</span>
              ),
            },
            {
              key: "created",
              header: t("columns.created"),
              cell: (e) => format.dateTime(e.createdAt, "timestamp"),
            },
            {
              key: "actions",
              header: t("columns.actions"),
              cell: (e) => <EndpointControls endpoint={e} />,
            },
          ]}
        />
      </section>
      <section aria-labelledby="new-endpoint-heading" className="space-y-3">
        <h2 id="new-endpoint-heading" className="text-lg font-semibold">
          {t("new")}
        </h2>
        <EndpointForm />
      </section>
    </div>
  );
}
