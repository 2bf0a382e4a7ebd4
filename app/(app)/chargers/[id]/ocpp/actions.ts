"use server";

import { revalidatePath } from "next/cache";
import { runServerAction } from "@/lib/actions/server";
import type { ActionResult } from "@/lib/actions/safe-action";
import { saveOcppSettings, type SaveOcppResult } from "@/lib/ocpp/save-ocpp-settings";

export async function saveOcppSettingsAction(
  _previous: ActionResult<SaveOcppResult> | null,
  formData: FormData,
): Promise<ActionResult<SaveOcppResult>> {
  const result = await runServerAction(saveOcppSettings, formData);
  if (result.ok) revalidatePath(`/chargers/${String(formData.get("chargerId"))}`, "layout");
  return result;
}
