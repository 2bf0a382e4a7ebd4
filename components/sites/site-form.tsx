"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { saveSiteAction } from "@/lib/actions/sites/save-site";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useActionToast } from "@/components/ui/toast";

export interface SiteFormValues {
  id?: string;
  name: string;
  address: string;
  timeZone: string;
}

/** Create a site (no id) or change one. A new site's form empties itself once saved. */
export function SiteForm({ site, timeZones }: { site: SiteFormValues; timeZones: string[] }) {
  const t = useTranslations("sites.form");
  const router = useRouter();
  const [state, formAction, pending] = useActionState(saveSiteAction, null);
  useActionToast(state);
  useEffect(() => {
    if (state?.ok && !site.id) router.refresh();
  }, [state, site.id, router]);
  const errors = state && !state.ok ? (state.errors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const shown = { ...site, ...values };
  return (
    <form
      key={state?.ok && !site.id ? JSON.stringify(state) : JSON.stringify(values)}
      action={formAction}
      className="grid gap-4 rounded-lg border border-slate-200 bg-surface p-6 sm:grid-cols-2"
    >
      {site.id ? <input type="hidden" name="siteId" value={site.id} /> : null}
      <TextField
        label={t("name")}
        name="name"
        required
        maxLength={80}
        defaultValue={shown.name}
        errors={errors.name}
      />
      <SelectField
        label={t("timeZone")}
        name="timeZone"
        defaultValue={shown.timeZone}
        errors={errors.timeZone}
        hint={t("timeZoneHint")}
      >
        {timeZones.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("address")}
        name="address"
        maxLength={200}
        defaultValue={shown.address}
        errors={errors.address}
        fieldClassName="sm:col-span-2"
      />
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : site.id ? t("save") : t("create")}
        </Button>
      </div>
    </form>
  );
}
