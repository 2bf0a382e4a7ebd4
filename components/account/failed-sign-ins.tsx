import { useFormatter, useTranslations } from "next-intl";
import type { AccountFailures, FailedSignIn } from "@/lib/account/sign-in-activity";
import { DataTable } from "@/components/ui/data-table";

/** The failed sign-ins on the signed-in person's own account over the last 30 days. */
export function OwnFailedSignIns({ total, recent }: { total: number; recent: FailedSignIn[] }) {
  const t = useTranslations("account.failures");
  const format = useFormatter();
  return (
    <section
      aria-labelledby="own-failures-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-surface p-6"
    >
      <h2 id="own-failures-heading" className="text-lg font-semibold">
        {t("ownTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-600" data-testid="own-failure-count">
        {total === 0
          ? t("ownNone")
          : t("ownCount", { total, shown: recent.length, more: total > recent.length ? 1 : 0 })}
      </p>
      {recent.length ? (
        <DataTable
          caption={t("ownTitle")}
          rows={recent.map((attempt, i) => ({ ...attempt, i }))}
          rowKey={(attempt) => String(attempt.i)}
          empty={t("ownNone")}
          columns={[
            {
              key: "at",
              header: t("when"),
              cell: (attempt) => format.dateTime(attempt.at, "zoned"),
            },
            {
              key: "address",
              header: t("fromAddress"),
              className: "font-mono",
              cell: (attempt) => attempt.address,
            },
          ]}
        />
      ) : null}
    </section>
  );
}

/** For administrators: failed sign-ins on every account of their organisation. */
export function OrganizationFailedSignIns({ accounts }: { accounts: AccountFailures[] }) {
  const t = useTranslations("account.failures");
  const format = useFormatter();
  return (
    <section
      aria-labelledby="org-failures-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-surface p-6"
    >
      <h2 id="org-failures-heading" className="text-lg font-semibold">
        {t("orgTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("orgIntro")}</p>
      <DataTable
        caption={t("orgCaption")}
        rows={accounts}
        rowKey={(account) => account.email}
        empty={t("orgNone")}
        columns={[
          { key: "account", header: t("account"), cell: (account) => account.email },
          { key: "failures", header: t("failures"), cell: (account) => account.failures },
          { key: "addresses", header: t("addresses"), cell: (account) => account.addresses },
          {
            key: "latest",
            header: t("latest"),
            cell: (account) => format.dateTime(account.lastAt, "zoned"),
          },
        ]}
      />
    </section>
  );
}
