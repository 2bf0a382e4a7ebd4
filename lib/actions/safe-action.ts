// The one wrapper every server action goes through: session → permission → zod → handler.
// Organisation checks happen in the handler's queries, which always take the user's scope.
import type { z } from "zod";
import type { Db } from "@/db";
import type { DeviceManagerClient } from "@/lib/device-manager/client";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { msg, type Message } from "@/lib/i18n/message";
import { getTranslator, type Translator } from "@/lib/i18n/translate";
import { issueMessages, zodLocale } from "@/lib/i18n/zod-messages";
import { hasPermission, type Permission, type SessionUser } from "@/lib/permissions";
import type { Mailer } from "@/lib/mail/send-mail";

export type ActionErrorCode =
  "unauthenticated" | "forbidden" | "not_found" | "invalid" | "conflict" | "unavailable";

/** What a server action answers its form: texts already in the caller's language. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | {
      ok: false;
      code: ActionErrorCode;
      message: string;
      errors?: Record<string, string[]>;
      /** What was submitted (secrets removed), so a form can show it again. */
      values?: Record<string, string>;
    };

/** What a handler answers: the same, with messages by key (runAction translates them). */
export type ActionOutcome<T = undefined> =
  | {
      ok: true;
      data: T;
      message?: Message;
      /** Say the message in this language (a change of language answers in the new one). */
      answerIn?: Locale;
    }
  | {
      ok: false;
      code: ActionErrorCode;
      message: Message | readonly Message[];
      errors?: Record<string, Message[]>;
    };

/** What actions reach outside the database; tests pass their own. */
export interface ActionServices {
  /** null when no device manager is configured. */
  deviceManager: DeviceManagerClient | null;
  /** Demo only: where new device credentials are dropped for the virtual fleet. */
  fleetProvisionDir?: string;
  /** The key chargers' PUKs derive from (lib/chargers/puk.ts); unset, none can be added. */
  factoryKey?: string;
  /** Webhooks may point at loopback and private networks (PLUGBOARD_WEBHOOKS_ALLOW_PRIVATE). */
  allowPrivateWebhooks?: boolean;
  /** Outgoing mail (SMTP_URL); absent, links are shown to the person who asked instead. */
  mailer?: Mailer | null;
  /** The portal's address as people reach it, for links in mail (NEXTAUTH_URL or the request). */
  publicUrl?: string;
}

export type ActionFailure = Extract<ActionOutcome<unknown>, { ok: false }>;

export interface ActionContext {
  user: SessionUser;
  db: Db;
  services: ActionServices;
  /** The caller's language, for a handler that parses with zodLocale(locale). */
  locale: Locale;
}

const NO_SERVICES: ActionServices = { deviceManager: null };

export interface ActionDefinition<TSchema extends z.ZodType, TData> {
  name: string;
  permission: Permission;
  schema: TSchema;
  handler: (ctx: ActionContext, input: z.infer<TSchema>) => Promise<ActionOutcome<TData>>;
}

export function defineAction<TSchema extends z.ZodType, TData>(
  definition: ActionDefinition<TSchema, TData>,
): ActionDefinition<TSchema, TData> {
  return definition;
}

export function fail(
  code: ActionErrorCode,
  message: Message | readonly Message[],
  errors?: Record<string, Message[]>,
): ActionFailure {
  return { ok: false as const, code, message, ...(errors ? { errors } : {}) };
}

export const NOT_FOUND_MESSAGE = msg("errors.chargerNotFound");
export const INVALID_FIELDS_MESSAGE = msg("errors.invalidFields");

/**
 * Runs an action for a caller; `user` is null when there is no session. Its messages come back
 * in `locale` (server actions pass the request's; tests and scripts get English).
 */
export async function runAction<TSchema extends z.ZodType, TData>(
  definition: ActionDefinition<TSchema, TData>,
  user: SessionUser | null,
  db: Db,
  rawInput: unknown,
  services: ActionServices = NO_SERVICES,
  locale: Locale = user?.locale ?? DEFAULT_LOCALE,
): Promise<ActionResult<TData>> {
  const translator = await getTranslator(locale);
  if (!user) return translated(translator, fail("unauthenticated", msg("errors.sessionEnded")));
  if (!hasPermission(user, definition.permission)) {
    return translated(translator, fail("forbidden", msg("errors.forbidden")));
  }
  return parseAndHandle(definition.schema, rawInput, translator, locale, (input) =>
    definition.handler({ user, db, services, locale }, input),
  );
}

/**
 * An action anyone may call without a session (accepting an invitation): the exception, each
 * listed in PUBLIC_SERVER_ACTIONS (lib/actions/registry.ts) with why it needs no session.
 */
export interface PublicActionDefinition<TSchema extends z.ZodType, TData> {
  name: string;
  schema: TSchema;
  handler: (
    ctx: { db: Db; services: ActionServices; locale: Locale },
    input: z.infer<TSchema>,
  ) => Promise<ActionOutcome<TData>>;
}

export function definePublicAction<TSchema extends z.ZodType, TData>(
  definition: PublicActionDefinition<TSchema, TData>,
): PublicActionDefinition<TSchema, TData> {
  return definition;
}

/** Runs a public action: zod, then the handler; its messages in `locale`. */
export async function runPublicAction<TSchema extends z.ZodType, TData>(
  definition: PublicActionDefinition<TSchema, TData>,
  db: Db,
  rawInput: unknown,
  services: ActionServices = NO_SERVICES,
  locale: Locale = DEFAULT_LOCALE,
): Promise<ActionResult<TData>> {
  const translator = await getTranslator(locale);
  return parseAndHandle(definition.schema, rawInput, translator, locale, (input) =>
    definition.handler({ db, services, locale }, input),
  );
}

async function parseAndHandle<TSchema extends z.ZodType, TData>(
  schema: TSchema,
  rawInput: unknown,
  translator: Translator,
  locale: Locale,
  handle: (input: z.infer<TSchema>) => Promise<ActionOutcome<TData>>,
): Promise<ActionResult<TData>> {
  const parsed = schema.safeParse(rawInput, { error: zodLocale(locale) });
  if (!parsed.success) {
    const failure = fail("invalid", INVALID_FIELDS_MESSAGE, issueMessages(parsed.error.issues));
    return { ...translatedFailure(translator, failure), values: echoValues(rawInput) };
  }
  const outcome = await handle(parsed.data);
  if (outcome.ok) {
    const { answerIn, ...rest } = outcome;
    return translated(answerIn ? await getTranslator(answerIn) : translator, rest);
  }
  return { ...translatedFailure(translator, outcome), values: echoValues(rawInput) };
}

function translated<T>(translator: Translator, outcome: ActionOutcome<T>): ActionResult<T> {
  if (!outcome.ok) return translatedFailure(translator, outcome);
  const { message, ...rest } = outcome;
  return message ? { ...rest, message: translator.text(message) } : rest;
}

function translatedFailure(
  translator: Translator,
  outcome: ActionFailure,
): Extract<ActionResult<never>, { ok: false }> {
  const { message, errors, ...rest } = outcome;
  return {
    ...rest,
    message: translator.text(message),
    ...(errors
      ? {
          errors: Object.fromEntries(
            Object.entries(errors).map(([field, list]) => [
              field,
              list.map((m) => translator.text(m)),
            ]),
          ),
        }
      : {}),
  };
}

const SECRET_FIELD = /pass(word)?|secret|token|key/i;

/** Submitted text fields, minus anything secret, for re-filling a form after an error. */
function echoValues(rawInput: unknown): Record<string, string> {
  if (!rawInput || typeof rawInput !== "object") return {};
  return Object.fromEntries(
    Object.entries(rawInput).filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === "string" && !SECRET_FIELD.test(entry[0]),
    ),
  );
}

/** FormData → plain object (repeated keys become arrays; files are dropped). */
export function formDataToObject(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key.startsWith("$ACTION")) continue;
    const existing = out[key];
    out[key] = existing === undefined ? value : [...[existing].flat(), value];
  }
  return out;
}
