"use server";

import "server-only";
import { retryFailedBulkItems } from "@/lib/bulk/job-actions";
import { serverAction } from "../server";

// The job's page polls its progress; nothing cached needs refreshing.
export const retryFailedBulkItemsAction = serverAction(retryFailedBulkItems);
