import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { parsePageRequest } from "@/lib/pagination/newest-first";
import { hasPermission } from "@/lib/permissions";
import type { SendError } from "@/lib/webhooks/send-webhook";
import {
  findWebhookEndpoint,
  listWebhookDeliveries,
  type WebhookDeliveryRow,
} from "@/lib/webhooks/queries";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EndpointForm } from "@/components/webhooks/endpoint-form";
import { ResendButton } from "@/components/webhooks/resend-button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks"))("deliveries.title") };
}

type NotSent = SendError | "endpoint_disabled" | "no_secret" | "no_webhook";

/** One endpoint: its URL and events, and its delivery log with "Send again". */
export default async function WebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  if (!hasPermission(user, "webhook:manage") || !user.organizationId) notFound();
  const { id } = await params;
  const db = await getDb();
  // Not a UUID, another organisation's or gone: the same "not found".
  const endpoint = /^[0-9a-f-]{36}$/i.test(id)
    ? await findWebhookEndpoint(db, user.organizationId, id)
    : null;
  if (!endpoint) notFound();
  const [t, format] = await Promise.all([getTranslations("webhooks"), getFormatter()]);
  const raw = await searchParams;
  const one = (key: string) => (typeof raw[key] === "string" ? raw[key] : undefined);
  // A stale or tampered cursor opens the first page rather than an error.
  const request = parsePageRequest(
    new URLSearchParams(
      Object.entries({ cursor: one("cursor"), direction: one("direction") }).flatMap(([k, v]) =>
        v ? [[k, v]] : [],
      ),
    ),
  );
  const page = await listWebhookDeliveries(db, endpoint.id, request.ok ? request.value : {});
  const href = (cursor: string, direction: "before" | "after") =>
    `/settings/webhooks/${endpoint.id}?${new URLSearchParams({ cursor, direction }).toString()}`;
  const resultOf = (d: WebhookDeliveryRow) => {
    if (d.attempts === 0) return t("deliveries.notYet");
    if (d.lastError) return t(`deliveries.errors.${d.lastError as NotSent}`);
    return t("deliveries.http", { status: d.lastStatusCode ?? 0 });
  };
  const columns: Column<WebhookDeliveryRow>[] = [
    {
      key: "at",
      header: t("deliveries.columns.at"),
      cell: (d) => format.dateTime(d.createdAt, "timestamp"),
    },
    {
      key: "event",
      header: t("deliveries.columns.event"),
      cell: (d) => t(`eventNames.${d.event}`),
    },
    {
      key: "message",
      header: t("deliveries.columns.message"),
      className: "break-all font-mono text-xs",
      cell: (d) => d.messageId,
    },
    {
      key: "status",
      header: t("deliveries.columns.status"),
      cell: (d) => (
        <span data-testid="delivery-status">
          {t(`deliveries.status.${d.status as "pending" | "delivered" | "failed"}`)}
        </span>
      ),
    },
    {
      key: "attempts",
      header: t("deliveries.columns.attempts"),
      cell: (d) => t("deliveries.attemptsCount", { count: d.attempts }),
    },
    {
      key: "result",
      header: t("deliveries.columns.result"),
      cell: (d) => <span data-testid="delivery-result">{resultOf(d)}</span>,
    },
    {
      key: "next",
      header: t("deliveries.columns.next"),
      cell: (d) =>
        d.status === "pending"
          ? t("deliveries.nextAt", { at: format.dateTime(d.nextAttemptAt, "timestamp") })
          : "—",
    },
    {
      key: "actions",
      header: t("deliveries.columns.actions"),
      cell: (d) =>
        d.status === "pending" && d.attempts === 0 ? null : (
          <ResendButton deliveryId={d.id} event={d.event} />
        ),
    },
  ];
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/settings/webhooks" className="text-brand-700 underline">
          {t("back")}
        </Link>
      </p>
      <section aria-labelledby="endpoint-heading" className="space-y-3">
        <h2 id="endpoint-heading" className="break-all text-lg font-semibold">
          {t("endpointTitle", { url: endpoint.url })}
        </h2>
        <p className="text-sm">
          {t("columns.state")}: {endpoint.enabled ? t("on") : t("off")}
        </p>
        <EndpointForm endpoint={endpoint} />
      </section>
      <section aria-labelledby="deliveries-heading" className="space-y-3">
        <h2 id="deliveries-heading" className="text-lg font-semibold">
          {t("deliveries.title")}
        </h2>
        <DataTable
          caption={t("deliveries.title")}
          columns={columns}
          rows={page.rows}
          rowKey={(d) => String(d.id)}
          rowAttributes={(d) => ({ "data-event": d.event, "data-delivery-status": d.status })}
          empty={t("deliveries.empty")}
          cards
          pagination={{
            label: t("deliveries.title"),
            previous: page.prevCursor
              ? { href: href(page.prevCursor, "before"), label: t("deliveries.newer") }
              : undefined,
            next: page.nextCursor
              ? { href: href(page.nextCursor, "after"), label: t("deliveries.older") }
              : undefined,
          }}
        />
      </section>
    </div>
  );
}
