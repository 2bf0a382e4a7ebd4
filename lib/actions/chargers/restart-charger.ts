"use server";

import "server-only";
import { restartCharger } from "@/lib/chargers/power-commands";
import { serverAction } from "../server";

export const restartChargerAction = serverAction(restartCharger);
