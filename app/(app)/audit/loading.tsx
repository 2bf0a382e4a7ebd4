import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/ui/data-table";

/**
 * Shown while the list loads (Next streams it before the page). Only on pages that never answer
 * 404: once a loading state has streamed, the status is 200, and a charger of another
 * organisation must read 404 (so the charger pages have none; the list sits in a route group).
 */
export default async function Loading() {
  const t = await getTranslations("common");
  return <TableSkeleton label={t("loading")} />;
}
