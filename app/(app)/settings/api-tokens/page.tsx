import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/api-tokens/queries";
import { checkFeature, describeUnavailable } from "@/lib/features";
import { findOrganization } from "@/lib/organizations/queries";
import { hasPermission } from "@/lib/permissions";
import { getTranslator } from "@/lib/i18n/translate";
import { DataTable } from "@/components/ui/data-table";
import { CreateApiTokenForm } from "@/components/api-tokens/create-api-token-form";
import { RevokeApiTokenButton } from "@/components/api-tokens/revoke-api-token-button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiTokens"))("title") };
}

/** An organisation's API tokens, for its administrators; creating one needs the Business plan. */
export default async function ApiTokensPage() {
  const user = await requireUser();
  if (!hasPermission(user, "api-token:manage") || !user.organizationId) notFound();
  const [t, format] = await Promise.all([getTranslations("apiTokens"), getFormatter()]);
  const db = await getDb();
  const [organization, tokens] = await Promise.all([
    findOrganization(db, user.organizationId),
    listApiTokens(db, user.organizationId),
  ]);
  const feature = checkFeature("apiTokens", { plan: organization?.plan ?? "basic" });
  const say = await getTranslator(await getLocale());
  const now = new Date();
  return (
    <div className="space-y-6">
      <section aria-labelledby="tokens-heading" className="space-y-3">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="max-w-prose text-sm text-slate-600">
          {t("intro", { organization: organization?.name ?? "" })}
        </p>
        <DataTable
          caption={t("title")}
          rows={tokens}
          rowKey={(k) => k.id}
          rowAttributes={(k) => ({ "data-name": k.name })}
          empty={t("empty")}
          cards
          columns={[
            {
              key: "name",
              header: t("columns.name"),
              cell: (k) => <span className="font-medium">{k.name}</span>,
            },
            {
              key: "token",
              header: t("columns.token"),
              cell: (k) => <code className="font-mono text-xs">{k.prefix}…</code>,
            },
            { key: "scopes", header: t("columns.scopes"), cell: (k) => k.scopes.join(", ") },
            { key: "by", header: t("columns.createdBy"), cell: (k) => k.createdByEmail },
            {
              key: "expires",
              header: t("columns.expires"),
              cell: (k) => format.dateTime(k.expiresAt, "zoned"),
            },
            {
              key: "lastUsed",
              header: t("columns.lastUsed"),
              cell: (k) => (k.lastUsedAt ? format.dateTime(k.lastUsedAt, "zoned") : t("never")),
            },
            {
              key: "state",
              header: t("columns.state"),
              cell: (k) =>
                k.revokedAt ? t("revokedState") : k.expiresAt <= now ? t("expired") : t("active"),
            },
            {
              key: "actions",
              header: t("columns.actions"),
              cell: (k) =>
                k.revokedAt || k.expiresAt <= now ? null : (
                  <RevokeApiTokenButton tokenId={k.id} name={k.name} />
                ),
            },
          ]}
        />
      </section>
      {feature.available ? (
        <CreateApiTokenForm />
      ) : (
        <p className="rounded-lg border border-slate-200 bg-surface p-6 text-sm text-slate-700">
          {t("notOnPlan")}{" "}
          {describeUnavailable(feature)
            .map((m) => say.text(m))
            .join(" ")}
        </p>
      )}
    </div>
  );
}
