import { useTranslations } from "next-intl";
import { factoryResetChargerAction } from "@/lib/actions/chargers/factory-reset-charger";
import { restartChargerAction } from "@/lib/actions/chargers/restart-charger";
import type { FeatureCheck } from "@/lib/features";
import { FeatureUnavailable } from "@/components/features/feature-gate";
import { PowerCommandDialog } from "./power-command-dialog";

/** Restart and factory reset, for the roles allowed to use them on this charger. */
export function PowerCommands({
  chargerId,
  canRestart,
  canReset,
  reasonRequired,
  restartCheck,
  resetCheck,
}: {
  chargerId: string;
  restartCheck: FeatureCheck;
  resetCheck: FeatureCheck;
  canRestart: boolean;
  canReset: boolean;
  reasonRequired: boolean;
}) {
  const t = useTranslations("charger.power");
  if (!canRestart && !canReset) return null;
  return (
    <section
      aria-labelledby="power-heading"
      className="rounded-lg border border-slate-200 bg-surface p-6"
    >
      <h2 id="power-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <div className="mt-3 flex flex-wrap gap-6">
        {canRestart && !restartCheck.available ? (
          <FeatureUnavailable feature="restart" check={restartCheck} />
        ) : null}
        {canReset && !resetCheck.available ? (
          <FeatureUnavailable feature="factoryReset" check={resetCheck} />
        ) : null}
        {canRestart && restartCheck.available ? (
          <PowerCommandDialog
            chargerId={chargerId}
            action={restartChargerAction}
            label={t("restart")}
            confirmLabel={t("restartConfirm")}
            warning={t("restartWarning")}
            reasonRequired={reasonRequired}
          />
        ) : null}
        {canReset && resetCheck.available ? (
          <PowerCommandDialog
            chargerId={chargerId}
            action={factoryResetChargerAction}
            label={t("reset")}
            confirmLabel={t("resetConfirm")}
            warning={t("resetWarning")}
            reasonRequired={reasonRequired}
            danger
          />
        ) : null}
      </div>
    </section>
  );
}
