"use server";

import { revalidatePath } from "next/cache";
import { runServerAction } from "@/lib/actions/server";
import type { ActionResult } from "@/lib/actions/safe-action";
import { addCharger, type AddChargerResult } from "@/lib/chargers/add-charger";

export async function addChargerAction(
  _previous: ActionResult<AddChargerResult> | null,
  formData: FormData,
): Promise<ActionResult<AddChargerResult>> {
  const result = await runServerAction(addCharger, formData);
  if (result.ok) revalidatePath("/chargers");
  return result;
}
