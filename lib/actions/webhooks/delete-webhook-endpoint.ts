"use server";

import "server-only";
import { deleteWebhookEndpoint } from "@/lib/webhooks/manage-endpoints";
import { serverAction } from "../server";

// No revalidation with the answer: the row (and this button) would vanish before its toast
// shows; the button refreshes the page itself once the toast is up.
export const deleteWebhookEndpointAction = serverAction(deleteWebhookEndpoint);
