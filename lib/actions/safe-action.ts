// The one wrapper every server action goes through: session → permission → zod → handler.
// Organisation checks happen in the handler's queries, which always take the user's scope.
import type { z } from "zod";
import type { Db } from "@/db";
import type { DeviceManagerClient } from "@/lib/device-manager/client";
import { hasPermission, type Permission, type SessionUser } from "@/lib/permissions";

export type ActionErrorCode =
  "unauthenticated" | "forbidden" | "not_found" | "invalid" | "conflict" | "unavailable";

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

/** What actions reach outside the database; tests pass their own. */
export interface ActionServices {
  /** null when no device manager is configured. */
  deviceManager: DeviceManagerClient | null;
  /** Demo only: where new device credentials are dropped for the virtual fleet. */
  fleetProvisionDir?: string;
  /** The key chargers' PUKs derive from (lib/chargers/puk.ts); unset, none can be added. */
  factoryKey?: string;
}

export type ActionFailure = Extract<ActionResult<unknown>, { ok: false }>;

export interface ActionContext {
  user: SessionUser;
  db: Db;
  services: ActionServices;
}

const NO_SERVICES: ActionServices = { deviceManager: null };

export interface ActionDefinition<TSchema extends z.ZodType, TData> {
  name: string;
  permission: Permission;
  schema: TSchema;
  handler: (ctx: ActionContext, input: z.infer<TSchema>) => Promise<ActionResult<TData>>;
}

export function defineAction<TSchema extends z.ZodType, TData>(
  definition: ActionDefinition<TSchema, TData>,
): ActionDefinition<TSchema, TData> {
  return definition;
}

export function fail(code: ActionErrorCode, message: string, errors?: Record<string, string[]>) {
  return { ok: false as const, code, message, ...(errors ? { errors } : {}) };
}

export const NOT_FOUND_MESSAGE = "Charger not found.";

/** Runs an action for a caller; `user` is null when there is no session. */
export async function runAction<TSchema extends z.ZodType, TData>(
  definition: ActionDefinition<TSchema, TData>,
  user: SessionUser | null,
  db: Db,
  rawInput: unknown,
  services: ActionServices = NO_SERVICES,
): Promise<ActionResult<TData>> {
  if (!user) return fail("unauthenticated", "Your session has ended. Sign in again.");
  if (!hasPermission(user, definition.permission)) {
    return fail("forbidden", "Your role does not allow this action.");
  }
  const parsed = definition.schema.safeParse(rawInput);
  if (!parsed.success) {
    const errors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "form";
      (errors[key] ??= []).push(issue.message);
    }
    return {
      ...fail("invalid", "Some fields need your attention.", errors),
      values: echoValues(rawInput),
    };
  }
  const result = await definition.handler({ user, db, services }, parsed.data);
  return result.ok ? result : { ...result, values: echoValues(rawInput) };
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
