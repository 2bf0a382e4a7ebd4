"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { assignChargerSiteAction } from "@/lib/actions/sites/assign-charger-site";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { useActionToast } from "@/components/ui/toast";

/** The charger's site, for an administrator to change. */
export function ChargerSiteForm({
  chargerId,
  siteId,
  sites,
}: {
  chargerId: string;
  siteId: string | null;
  sites: Array<{ id: string; name: string }>;
}) {
  const t = useTranslations("sites.charger");
  const [state, formAction, pending] = useActionState(assignChargerSiteAction, null);
  useActionToast(state);
  const errors = state && !state.ok ? (state.errors ?? {}) : {};
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="chargerId" value={chargerId} />
      <SelectField
        label={t("label")}
        name="siteId"
        defaultValue={siteId ?? ""}
        errors={errors.siteId}
        fieldClassName="min-w-48 max-w-full"
      >
        <option value="">{t("none")}</option>
        {sites.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("save")}
      </Button>
    </form>
  );
}
