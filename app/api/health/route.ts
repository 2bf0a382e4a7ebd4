import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { getEnv } from "@/env";
import { readServicesStatus } from "@/lib/http/service-status";

export const dynamic = "force-dynamic";

/**
 * Liveness and database reachability, for the start script and load balancers; under
 * `npm start`, also each service's state and restart count (a restarted service is reported
 * here until the product is restarted).
 */
export async function GET() {
  const status = await readServicesStatus(getEnv().PLUGBOARD_SERVICES_STATUS_FILE);
  const services = status?.services.map(({ name, state, restarts, lastExit }) => ({
    name,
    state,
    restarts,
    lastExit,
  }));
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true, service: "portal", ...(services ? { services } : {}) });
  } catch {
    return Response.json(
      {
        ok: false,
        service: "portal",
        error: "database unavailable",
        ...(services ? { services } : {}),
      },
      { status: 503 },
    );
  }
}
