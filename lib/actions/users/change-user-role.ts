"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { changeUserRole } from "@/lib/users/manage-users";
import { serverAction } from "../server";

export const changeUserRoleAction = serverAction(changeUserRole, () =>
  revalidatePath("/settings/users"),
);
