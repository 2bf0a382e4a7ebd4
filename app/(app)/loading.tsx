import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/ui/data-table";

/** Every signed-in page shows this while it loads (Next streams it before the page). */
export default async function Loading() {
  const t = await getTranslations("common");
  return <TableSkeleton label={t("loading")} />;
}
