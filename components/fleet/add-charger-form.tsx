"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { addChargerAction } from "@/lib/actions/chargers/add-charger";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { TextField } from "@/components/ui/text-field";
import { useActionToast } from "@/components/ui/toast";

export function AddChargerForm() {
  const [state, formAction, pending] = useActionState(addChargerAction, null);
  const t = useTranslations("fleet.add");
  useActionToast(state);
  const errors = state && !state.ok ? (state.errors ?? {}) : {};
  // React resets a form after its action; after an error the submitted values come back.
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form
      key={JSON.stringify(values)}
      action={formAction}
      className="space-y-4 rounded-lg border border-slate-200 bg-surface p-6"
    >
      <TextField
        label={t("serialNumber")}
        name="serialNumber"
        required
        defaultValue={values.serialNumber}
        errors={errors.serialNumber}
      />
      <TextField
        label={t("puk")}
        name="puk"
        required
        inputMode="numeric"
        autoComplete="off"
        defaultValue={values.puk}
        errors={errors.puk}
        hint={t("pukHint")}
      />
      <TextField
        label={t("name")}
        name="name"
        required
        defaultValue={values.name}
        errors={errors.name}
      />
      <TextField
        label={t("partNumber")}
        name="partNumber"
        required
        defaultValue={values.partNumber}
        errors={errors.partNumber}
        hint={t("partNumberHint")}
      />
      <CheckboxField label={t("vpn")} name="vpn" defaultChecked={values.vpn === "on"} />
      {state?.ok ? (
        <div className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">
          <p>{t("credentialIssued")}</p>
          <Link
            href={`/chargers/${state.data.id}`}
            className="mt-2 inline-block text-brand-700 underline"
          >
            {t("open", { serialNumber: state.data.serialNumber })}
          </Link>
        </div>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? t("adding") : t("submit")}
      </Button>
    </form>
  );
}
