"use server";

import "server-only";
import { revokeApiToken } from "@/lib/api-tokens/manage-api-tokens";
import { serverAction } from "../server";

// No revalidation with the answer: the row (and this button) would vanish before its toast
// shows; the button refreshes the list itself once the toast is up.
export const revokeApiTokenAction = serverAction(revokeApiToken);
