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
import { headers } from "next/headers";
import { smtpMailer, type Mailer } from "@/lib/mail/send-mail";
import {
  formDataToObject,
  runAction,
  runPublicAction,
  type ActionDefinition,
  type ActionResult,
  type ActionServices,
  type PublicActionDefinition,
} from "./safe-action";

/** A server action as forms call it (useActionState), with its definition for the registry. */
export interface ServerAction<TData> {
  (previous: ActionResult<TData> | null, formData: FormData): Promise<ActionResult<TData>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
  readonly definition: ActionDefinition<any, TData>;
}

/** What actions reach outside the database, from the environment and the request. */
export async function requestServices(): Promise<ActionServices> {
  const env = getEnv();
  return {
    deviceManager: getDeviceManagerClient(),
    fleetProvisionDir: env.FLEET_PROVISION_DIR,
    factoryKey: env.PLUGBOARD_FACTORY_KEY,
    allowPrivateWebhooks: env.PLUGBOARD_WEBHOOKS_ALLOW_PRIVATE,
    mailer: getMailer(),
    publicUrl: env.NEXTAUTH_URL ?? (await requestOrigin()),
  };
}

/** The origin the browser used (behind a proxy: its forwarded host and protocol). */
async function requestOrigin(): Promise<string | undefined> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (!host) return undefined;
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

let mailer: Mailer | null | undefined;
function getMailer(): Mailer | null {
  if (mailer === undefined) {
    const url = getEnv().SMTP_URL;
    mailer = url ? smtpMailer(url) : null;
  }
  return mailer;
}

export async function runServerAction<TSchema extends z.ZodType, TData>(
  definition: ActionDefinition<TSchema, TData>,
  input: FormData | unknown,
): Promise<ActionResult<TData>> {
  const raw = input instanceof FormData ? formDataToObject(input) : input;
  // The request's language (lib/i18n/request.ts): the user's, else the browser's.
  const locale = await getLocale();
  return runAction(
    definition,
    await getSessionUser(),
    await getDb(),
    raw,
    await requestServices(),
    locale,
  );
}

/** The server action of a public definition (no session: see PUBLIC_SERVER_ACTIONS). */
export function publicServerAction<TSchema extends z.ZodType, TData>(
  definition: PublicActionDefinition<TSchema, TData>,
): PublicServerAction<TData> {
  const action = async (_previous: ActionResult<TData> | null, formData: FormData) =>
    runPublicAction(
      definition,
      await getDb(),
      formDataToObject(formData),
      await requestServices(),
      await getLocale(),
    );
  return Object.assign(action, { publicDefinition: definition });
}

export interface PublicServerAction<TData> {
  (previous: ActionResult<TData> | null, formData: FormData): Promise<ActionResult<TData>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
  readonly publicDefinition: PublicActionDefinition<any, TData>;
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
