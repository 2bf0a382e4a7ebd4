"use server";

import "server-only";
import { factoryResetCharger } from "@/lib/chargers/power-commands";
import { serverAction } from "../server";

export const factoryResetChargerAction = serverAction(factoryResetCharger);
