// Every server action's definition, so one test can prove each refuses the wrong callers.
import { addCharger } from "@/lib/chargers/add-charger";
import { addRfidCard, removeRfidCard } from "@/lib/charger-features/rfid-cards";
import { setChargerFeature } from "@/lib/charger-features/set-charger-feature";
import { factoryResetCharger, restartCharger } from "@/lib/chargers/power-commands";
import { saveOcppSettings } from "@/lib/ocpp/save-ocpp-settings";
import { changePlan } from "@/lib/organizations/change-plan";
import type { ActionDefinition } from "./safe-action";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous schemas and results
export const ALL_ACTIONS: ActionDefinition<any, unknown>[] = [
  addCharger,
  saveOcppSettings,
  restartCharger,
  factoryResetCharger,
  changePlan,
  setChargerFeature,
  addRfidCard,
  removeRfidCard,
];
