import { getDb } from "@/db";
import { unauthorized } from "@/lib/api/route-helpers";
import { getSessionUser } from "@/lib/auth/session";
import { countChargersByStatus } from "@/lib/chargers/queries";
import { organizationScope } from "@/lib/permissions";

export const dynamic = "force-dynamic";

export async function GET() {
  const user = await getSessionUser();
  if (!user) return unauthorized();
  return Response.json(await countChargersByStatus(await getDb(), organizationScope(user)));
}
