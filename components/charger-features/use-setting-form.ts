"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { setChargerFeatureAction } from "@/lib/actions/charger-features/set-charger-feature";
import { useChargerStatus } from "@/components/live/use-charger-status";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { SetFeatureResult } from "@/lib/charger-features/set-charger-feature";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import type { ChargerSetting } from "@plugboard/wallbox";
import { useMessageText } from "@/lib/i18n/use-message-text";
import { useActionToast } from "@/components/ui/toast";
import { settingStatus } from "./setting-status";

export type { SettingStatus } from "./setting-status";

type Result = ActionResult<SetFeatureResult>;

/** A setting form's state: the action, a fresh request id per accepted change, the live status. */
export function useSettingForm(setting: ChargerSetting, initial: ChargerStatusSummary) {
  const summary = useChargerStatus(initial);
  const say = useMessageText();
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

  useActionToast(state);

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
    status: settingStatus(setting, state, summary, say),
  };
}

export type SettingFormState = ReturnType<typeof useSettingForm>;
