import { getDb } from "@/db";
import { chargerForRequest } from "@/lib/api/route-helpers";
import { loadOcppHistory } from "@/lib/ocpp/history";
import { parsePageRequest } from "@/lib/pagination/newest-first";

export const dynamic = "force-dynamic";

/** One page of a charger's connection history (`?cursor=&direction=`), and its connected time. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const found = await chargerForRequest((await params).id);
  if (found instanceof Response) return found;
  const page = parsePageRequest(new URL(request.url).searchParams);
  if (!page.ok) return Response.json({ error: page.error }, { status: 400 });
  return Response.json(await loadOcppHistory(await getDb(), found.charger.id, page.value));
}
