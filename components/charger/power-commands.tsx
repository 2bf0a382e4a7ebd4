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
  if (!canRestart && !canReset) return null;
  return (
    <section
      aria-labelledby="power-heading"
      className="rounded-lg border border-slate-200 bg-white p-6"
    >
      <h2 id="power-heading" className="text-lg font-semibold">
        Restart and reset
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
            label="Restart"
            confirmLabel="Restart the charger"
            warning="The charger restarts now; a charge in progress is interrupted."
            reasonRequired={reasonRequired}
          />
        ) : null}
        {canReset && resetCheck.available ? (
          <PowerCommandDialog
            chargerId={chargerId}
            action={factoryResetChargerAction}
            label="Factory reset"
            confirmLabel="Reset to factory settings"
            warning="The charger goes back to its factory settings: its OCPP configuration is cleared (OCPP disabled) and its features return to their defaults."
            reasonRequired={reasonRequired}
            danger
          />
        ) : null}
      </div>
    </section>
  );
}
