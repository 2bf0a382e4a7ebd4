"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { importChargers } from "@/lib/chargers/import/import-chargers";
import { serverAction } from "../server";

export const importChargersAction = serverAction(importChargers, () =>
  revalidatePath("/chargers", "layout"),
);
