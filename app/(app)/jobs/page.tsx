import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { listBulkJobs } from "@/lib/bulk/job-progress";
import { organizationScope } from "@/lib/permissions";
import { DataTable } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("bulk"))("jobs.title") };
}

export default async function BulkJobsPage() {
  const user = await requireUser();
  const [t, format] = await Promise.all([getTranslations("bulk"), getFormatter()]);
  const jobs = await listBulkJobs(await getDb(), organizationScope(user));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("jobs.title")}</h1>
      <DataTable
        caption={t("jobs.title")}
        rows={jobs}
        rowKey={(j) => j.id}
        empty={t("jobs.empty")}
        cards
        columns={[
          {
            key: "created",
            header: t("jobs.columns.created"),
            cell: (j) => (
              <Link
                href={`/jobs/${j.id}`}
                className="inline-flex min-h-11 items-center text-brand-700 hover:underline md:min-h-0"
              >
                {format.dateTime(j.createdAt, "zoned")}
              </Link>
            ),
          },
          { key: "by", header: t("jobs.columns.by"), cell: (j) => j.createdByEmail },
          {
            key: "what",
            header: t("jobs.columns.what"),
            cell: (j) =>
              j.settings.enabled
                ? t("jobs.enable", { url: j.settings.url ?? "" })
                : t("jobs.disable"),
          },
          { key: "chargers", header: t("jobs.columns.chargers"), cell: (j) => j.chargers },
          {
            key: "status",
            header: t("jobs.columns.status"),
            cell: (j) => t(`status.${j.status as "running" | "finished" | "cancelled"}`),
          },
        ]}
      />
    </div>
  );
}
