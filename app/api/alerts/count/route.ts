import { getDb } from "@/db";
import { countOpenAlerts } from "@/lib/alerts/queries";
import { unauthorized } from "@/lib/api/route-helpers";
import { getSessionUser } from "@/lib/auth/session";
import { organizationScope } from "@/lib/permissions";

export const dynamic = "force-dynamic";

/** Open alerts the caller may see (support: every organisation's), for the navigation badge. */
export async function GET() {
  const user = await getSessionUser();
  if (!user) return unauthorized();
  return Response.json({ open: await countOpenAlerts(await getDb(), organizationScope(user)) });
}
