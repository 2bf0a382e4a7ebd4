// Loads a charger for a page, answering 404 for one outside the user's organisations.
import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { organizationScope, type SessionUser } from "@/lib/permissions";
import { findCharger, type ChargerRow } from "./queries";

export async function loadChargerOr404(user: SessionUser, id: string): Promise<ChargerRow> {
  const charger = await findCharger(await getDb(), organizationScope(user), id);
  if (!charger) notFound();
  return charger;
}
