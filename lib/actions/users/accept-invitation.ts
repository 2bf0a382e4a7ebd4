"use server";

import "server-only";
import { acceptInvitation } from "@/lib/users/accept-invitation";
import { publicServerAction } from "../server";

export const acceptInvitationAction = publicServerAction(acceptInvitation);
