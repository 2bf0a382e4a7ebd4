"use server";

import { runServerAction } from "@/lib/actions/server";
import type { ActionResult } from "@/lib/actions/safe-action";
import { factoryResetCharger, restartCharger } from "@/lib/chargers/power-commands";

type Result = ActionResult<{ commandId: string }>;

export async function restartChargerAction(
  _previous: Result | null,
  formData: FormData,
): Promise<Result> {
  return runServerAction(restartCharger, formData);
}

export async function factoryResetChargerAction(
  _previous: Result | null,
  formData: FormData,
): Promise<Result> {
  return runServerAction(factoryResetCharger, formData);
}
