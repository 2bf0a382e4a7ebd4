"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { startBulkOcpp } from "@/lib/bulk/start-bulk-ocpp";
import { serverAction } from "../server";

export const startBulkOcppAction = serverAction(startBulkOcpp, () => revalidatePath("/jobs"));
