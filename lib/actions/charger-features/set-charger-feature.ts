"use server";

import "server-only";
import { setChargerFeature } from "@/lib/charger-features/set-charger-feature";
import { serverAction } from "../server";

export const setChargerFeatureAction = serverAction(setChargerFeature);
