"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { saveOcppSettings } from "@/lib/ocpp/save-ocpp-settings";
import { serverAction } from "../server";

export const saveOcppSettingsAction = serverAction(saveOcppSettings, (formData) =>
  revalidatePath(`/chargers/${String(formData.get("chargerId"))}`, "layout"),
);
