"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { inviteUser } from "@/lib/users/invite-user";
import { serverAction } from "../server";

export const inviteUserAction = serverAction(inviteUser, () => revalidatePath("/settings/users"));
