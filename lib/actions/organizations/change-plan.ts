"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { changePlan } from "@/lib/organizations/change-plan";
import { serverAction } from "../server";

// Every page reads features from the plan: all of them re-render with the new one.
export const changePlanAction = serverAction(changePlan, () => revalidatePath("/", "layout"));
