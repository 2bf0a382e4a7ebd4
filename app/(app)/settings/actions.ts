"use server";

import { revalidatePath } from "next/cache";
import { runServerAction } from "@/lib/actions/server";
import type { ActionResult } from "@/lib/actions/safe-action";
import { changePlan, type ChangePlanResult } from "@/lib/organizations/change-plan";

export async function changePlanAction(
  _previous: ActionResult<ChangePlanResult> | null,
  formData: FormData,
): Promise<ActionResult<ChangePlanResult>> {
  const result = await runServerAction(changePlan, formData);
  // Every page reads features from the plan: all of them re-render with the new one.
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
