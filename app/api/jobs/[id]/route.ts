import { getDb } from "@/db";
import { getSessionUser } from "@/lib/auth/session";
import { findBulkJob } from "@/lib/bulk/job-actions";
import { loadJobSteps } from "@/lib/bulk/job-progress";
import { hasPermission } from "@/lib/permissions";
import { requestLocale } from "@/lib/i18n/negotiate";
import { getTranslator } from "@/lib/i18n/translate";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

/**
 * A bulk job's progress, refetched by its page: counts and each charger's step, without the
 * chargers' names (the page has them from its first render). Another organisation's job is a
 * 404.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser();
  if (!user) return Response.json({ error: "unauthenticated" }, { status: 401, headers: noStore });
  if (!hasPermission(user, "charger:read")) {
    return Response.json({ error: "forbidden" }, { status: 403, headers: noStore });
  }
  const db = await getDb();
  const job = await findBulkJob(db, user, (await context.params).id);
  if (!job) return Response.json({ error: "not found" }, { status: 404, headers: noStore });
  const translator = await getTranslator(requestLocale(user, request));
  return Response.json(await loadJobSteps(db, job, translator), { headers: noStore });
}
