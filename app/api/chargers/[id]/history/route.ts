import { getDb } from "@/db";
import { chargerForRequest } from "@/lib/api/route-helpers";
import { loadOcppHistory } from "@/lib/ocpp/history";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const found = await chargerForRequest((await params).id);
  if (found instanceof Response) return found;
  return Response.json(await loadOcppHistory(await getDb(), found.charger.id));
}
