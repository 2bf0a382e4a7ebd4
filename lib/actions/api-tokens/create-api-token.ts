"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { createApiToken } from "@/lib/api-tokens/manage-api-tokens";
import { serverAction } from "../server";

export const createApiTokenAction = serverAction(createApiToken, () =>
  revalidatePath("/settings/api-tokens"),
);
