import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/ui/data-table";

/** Shown under the settings' tabs while a settings page loads (none of them answers 404). */
export default async function Loading() {
  const t = await getTranslations("common");
  return <TableSkeleton label={t("loading")} rows={5} />;
}
