import { chargerForRequest } from "@/lib/api/route-helpers";
import { toStatusSummary } from "@/lib/chargers/status-summary";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const found = await chargerForRequest((await params).id);
  if (found instanceof Response) return found;
  return Response.json(toStatusSummary(found.charger));
}
