"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { setUserActive } from "@/lib/users/manage-users";
import { serverAction } from "../server";

export const setUserActiveAction = serverAction(setUserActive, () =>
  revalidatePath("/settings/users"),
);
