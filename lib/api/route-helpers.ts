// Shared checks for JSON route handlers: a session, else 401; a charger in scope, else 404.
import "server-only";
import { getDb } from "@/db";
import { getSessionUser } from "@/lib/auth/session";
import { findCharger, type ChargerRow } from "@/lib/chargers/queries";
import { organizationScope, type SessionUser } from "@/lib/permissions";

export const unauthorized = () => Response.json({ error: "Sign in first." }, { status: 401 });
export const notFound = () => Response.json({ error: "Charger not found." }, { status: 404 });

export async function chargerForRequest(
  id: string,
): Promise<{ user: SessionUser; charger: ChargerRow } | Response> {
  const user = await getSessionUser();
  if (!user) return unauthorized();
  const charger = await findCharger(await getDb(), organizationScope(user), id);
  if (!charger) return notFound();
  return { user, charger };
}
