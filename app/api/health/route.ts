import { sql } from "drizzle-orm";
import { getDb } from "@/db";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for the start script and load balancers. */
export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true, service: "portal" });
  } catch {
    return Response.json(
      { ok: false, service: "portal", error: "database unavailable" },
      { status: 503 },
    );
  }
}
