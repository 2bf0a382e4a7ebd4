"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { setChargerFeatureAction } from "@/app/(app)/chargers/[id]/settings/actions";
import { useChargerStatus } from "@/components/live/use-charger-status";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { SetFeatureResult } from "@/lib/charger-features/set-charger-feature";
import { SETTING_LABELS } from "@/lib/charger-features/settings";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import type { ChargerSetting } from "@/lib/validations/charger-features";

type Result = ActionResult<SetFeatureResult>;

export interface SettingStatus {
  text: string;
  tone: "ok" | "pending" | "error";
}

/** What the status line says: the action's answer, then what the charger reports (live). */
export function settingStatus(
  setting: ChargerSetting,
  state: Result | null,
  summary: ChargerStatusSummary,
): SettingStatus | null {
  if (!state) return null;
  if (!state.ok) return { text: state.message, tone: "error" };
  const { feature, value } = state.data;
  if (setting === "softwareUpdate") {
    const installed = summary.firmwareVersion === value;
    if (installed && summary.online && summary.lifecycle === "running")
      return { text: `Firmware ${String(value)} installed: the charger is back.`, tone: "ok" };
    if (!summary.online && summary.lifecycle !== "updating")
      return {
        text: "Sent. The charger is offline: it installs the update when it reconnects.",
        tone: "pending",
      };
    // From the moment the update is accepted until the charger is back with it.
    return {
      text: `Updating firmware… The charger installs ${String(value)} and restarts.`,
      tone: "pending",
    };
  }
  if (summary.reportedFeatures?.[feature] === value)
    return { text: `${SETTING_LABELS[setting]} applied by the charger.`, tone: "ok" };
  if (!summary.online)
    return {
      text: "Sent. The charger is offline: it applies the change when it reconnects.",
      tone: "pending",
    };
  return { text: state.message ?? "Sent.", tone: "pending" };
}

/** A setting form's state: the action, a fresh request id per accepted change, the live status. */
export function useSettingForm(setting: ChargerSetting, initial: ChargerStatusSummary) {
  const summary = useChargerStatus(initial);
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [state, formAction, pending] = useActionState(
    async (previous: Result | null, formData: FormData) => {
      const result = await setChargerFeatureAction(previous, formData);
      // The same request again is applied once; a new change is a new request.
      if (result.ok) setRequestId(crypto.randomUUID());
      return result;
    },
    null,
  );

  // Submitted by hand: React resets a form after its action, which would put the fields
  // back to what the page first showed while the charger applies the new values.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(formData));
  }

  const errors = state && !state.ok ? (state.errors ?? {}) : {};
  return {
    setting,
    summary,
    state,
    pending,
    errors,
    submit,
    requestId,
    status: settingStatus(setting, state, summary),
  };
}

export type SettingFormState = ReturnType<typeof useSettingForm>;
