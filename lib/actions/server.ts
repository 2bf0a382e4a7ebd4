// Glue between Next.js server actions and runAction: resolves the session and the database.
import "server-only";
import type { z } from "zod";
import { getDb } from "@/db";
import { getSessionUser } from "@/lib/auth/session";
import { getDeviceManagerClient } from "@/lib/device-manager/portal-client";
import { getEnv } from "@/lib/env";
import {
  formDataToObject,
  runAction,
  type ActionDefinition,
  type ActionResult,
} from "./safe-action";

export async function runServerAction<TSchema extends z.ZodType, TData>(
  definition: ActionDefinition<TSchema, TData>,
  input: FormData | unknown,
): Promise<ActionResult<TData>> {
  const raw = input instanceof FormData ? formDataToObject(input) : input;
  return runAction(definition, await getSessionUser(), await getDb(), raw, {
    deviceManager: getDeviceManagerClient(),
    fleetProvisionDir: getEnv().FLEET_PROVISION_DIR,
  });
}
