"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { revokeInvitation } from "@/lib/users/revoke-invitation";
import { serverAction } from "../server";

export const revokeInvitationAction = serverAction(revokeInvitation, () =>
  revalidatePath("/settings/users"),
);
