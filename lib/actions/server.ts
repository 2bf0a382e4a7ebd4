// Glue between Next.js server actions and runAction: resolves the session, the database and
// the services, then hands the definition to the one pipeline (session → permission → zod →
// handler). Every file under lib/actions/<domain>/ exports one action made here.
import "server-only";
import { getLocale } from "next-intl/server";
import type { z } from "zod";
import { getDb } from "@/db";
import { getEnv } from "@/env";
import { getSessionUser } from "@/lib/auth/session";
import { getDeviceManagerClient } from "@/lib/device-manager/portal-client";
import {
  formDataToObject,
  runAction,
  type ActionDefinition,
  type ActionResult,
} from "./safe-action";

/** A server action as forms call it (useActionState), with its definition for the registry. */
export interface ServerAction<TData> {
  (previous: ActionResult<TData> | null, formData: FormData): Promise<ActionResult<TData>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
  readonly definition: ActionDefinition<any, TData>;
}

export async function runServerAction<TSchema extends z.ZodType, TData>(
  definition: ActionDefinition<TSchema, TData>,
  input: FormData | unknown,
): Promise<ActionResult<TData>> {
  const raw = input instanceof FormData ? formDataToObject(input) : input;
  const services = {
    deviceManager: getDeviceManagerClient(),
    fleetProvisionDir: getEnv().FLEET_PROVISION_DIR,
    factoryKey: getEnv().PLUGBOARD_FACTORY_KEY,
    allowPrivateWebhooks: getEnv().PLUGBOARD_WEBHOOKS_ALLOW_PRIVATE,
  };
  // The request's language (lib/i18n/request.ts): the user's, else the browser's.
  const locale = await getLocale();
  return runAction(definition, await getSessionUser(), await getDb(), raw, services, locale);
}

/**
 * Makes the server action of a definition. `afterSuccess` runs after a successful result
 * (revalidating the pages that show what changed).
 */
export function serverAction<TSchema extends z.ZodType, TData>(
  definition: ActionDefinition<TSchema, TData>,
  afterSuccess?: (formData: FormData) => void,
): ServerAction<TData> {
  const action = async (_previous: ActionResult<TData> | null, formData: FormData) => {
    const result = await runServerAction(definition, formData);
    if (result.ok) afterSuccess?.(formData);
    return result;
  };
  return Object.assign(action, { definition });
}
