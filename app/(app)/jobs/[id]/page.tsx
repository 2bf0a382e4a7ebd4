import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { findBulkJob } from "@/lib/bulk/job-actions";
import { loadJobProgress } from "@/lib/bulk/job-progress";
import type { Locale } from "@/lib/i18n/locales";
import { getTranslator } from "@/lib/i18n/translate";
import { hasPermission } from "@/lib/permissions";
import { JobProgressView } from "@/components/bulk/job-progress-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("bulk"))("job.title") };
}

export default async function BulkJobPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const db = await getDb();
  // Another organisation's job is a 404, exactly like one that does not exist.
  const job = await findBulkJob(db, user, (await params).id);
  if (!job) notFound();
  const [t, format, locale] = await Promise.all([
    getTranslations("bulk"),
    getFormatter(),
    getLocale(),
  ]);
  const progress = await loadJobProgress(db, job, await getTranslator(locale as Locale));
  return (
    <div className="max-w-5xl space-y-4">
      <p className="text-sm">
        <Link href="/jobs" className="text-brand-700 underline">
          {t("job.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("job.title")}</h1>
      <p className="text-sm text-slate-600">
        {job.settings.enabled
          ? t("jobs.enable", { url: job.settings.url ?? "" })
          : t("jobs.disable")}
        {" · "}
        {t("job.meta", {
          at: format.dateTime(job.createdAt, "zoned"),
          by: job.createdByEmail,
          rate: job.ratePerSecond,
          concurrency: job.concurrency,
        })}
      </p>
      <JobProgressView
        initial={progress}
        canManage={hasPermission(user, "charger:bulk-configure-ocpp")}
      />
    </div>
  );
}
