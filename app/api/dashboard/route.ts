import { getDb } from "@/db";
import { getSessionUser } from "@/lib/auth/session";
import { loadDashboard } from "@/lib/dashboard/load-dashboard";
import { hasPermission, organizationScope } from "@/lib/permissions";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

/** The dashboard beside its live counts, refetched by the page when the live stream reports a
 * change; the viewer's organisation (support: all), charted in the viewer's time zone. */
export async function GET() {
  const user = await getSessionUser();
  if (!user) return Response.json({ error: "unauthenticated" }, { status: 401, headers: noStore });
  if (!hasPermission(user, "charger:read")) {
    return Response.json({ error: "forbidden" }, { status: 403, headers: noStore });
  }
  const data = await loadDashboard(await getDb(), organizationScope(user), user.timeZone ?? "UTC");
  return Response.json(data, { headers: noStore });
}
