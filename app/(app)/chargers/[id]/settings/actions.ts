"use server";

import type { ActionResult } from "@/lib/actions/safe-action";
import { runServerAction } from "@/lib/actions/server";
import { addRfidCard, removeRfidCard } from "@/lib/charger-features/rfid-cards";
import {
  setChargerFeature,
  type SetFeatureResult,
} from "@/lib/charger-features/set-charger-feature";

export async function setChargerFeatureAction(
  _previous: ActionResult<SetFeatureResult> | null,
  formData: FormData,
): Promise<ActionResult<SetFeatureResult>> {
  return runServerAction(setChargerFeature, formData);
}

type CardResult = ActionResult<{ commandId: string; uid: string }>;

export async function addRfidCardAction(
  _previous: CardResult | null,
  formData: FormData,
): Promise<CardResult> {
  return runServerAction(addRfidCard, formData);
}

export async function removeRfidCardAction(
  _previous: CardResult | null,
  formData: FormData,
): Promise<CardResult> {
  return runServerAction(removeRfidCard, formData);
}
