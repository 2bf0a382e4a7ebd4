"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { addCharger } from "@/lib/chargers/add-charger";
import { serverAction } from "../server";

export const addChargerAction = serverAction(addCharger, () => revalidatePath("/chargers"));
