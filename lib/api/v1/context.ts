// What an endpoint runs with: the database, the token's caller, the request id (from the
// Idempotency-Key, else fresh) and the portal's own actions — the API calls the very operations
// the portal's forms call (runAction), as the token's organisation.
import "server-only";
import type { z } from "zod";
import type { Db } from "@/db";
import { runAction, type ActionDefinition, type ActionServices } from "@/lib/actions/safe-action";
import type { ApiCaller } from "@/lib/api-tokens/verify-api-token";
import type { SessionUser } from "@/lib/permissions";
import type { ProblemType } from "./problem";

export type ApiOutcome =
  | { status: number; body: unknown }
  | { problem: ProblemType; detail?: string; errors?: Record<string, string[]> };

export interface ApiContext {
  db: Db;
  caller: ApiCaller;
  requestId: string;
  runAction<TSchema extends z.ZodType, TData>(
    definition: ActionDefinition<TSchema, TData>,
    input: Record<string, unknown>,
    /** Form field name → this API's name for it, for the errors of a refused body. */
    fieldNames: Record<string, string>,
    answer: (data: TData) => unknown,
  ): Promise<ApiOutcome>;
}

const PROBLEM_OF_CODE: Record<string, ProblemType> = {
  unauthenticated: "unauthenticated",
  forbidden: "forbidden",
  not_found: "not-found",
  invalid: "invalid-request",
  conflict: "conflict",
  unavailable: "unavailable",
};

/**
 * The token acts as an administrator of its organisation (only administrators create tokens;
 * the token's scopes were checked before), named in the audit log by the token.
 */
export function tokenActor(caller: ApiCaller): SessionUser {
  return {
    id: caller.createdBy ?? "00000000-0000-0000-0000-000000000000",
    email: `API token “${caller.name}” (${caller.prefix}…)`,
    name: caller.name,
    role: "admin",
    organizationId: caller.organizationId,
  };
}

export function apiContext(
  db: Db,
  caller: ApiCaller,
  requestId: string,
  services: ActionServices,
): ApiContext {
  return {
    db,
    caller,
    requestId,
    async runAction(definition, input, fieldNames, answer) {
      const result = await runAction(definition, tokenActor(caller), db, input, services, "en");
      if (result.ok) return { status: 202, body: answer(result.data) };
      const errors = result.errors
        ? Object.fromEntries(
            Object.entries(result.errors).map(([field, list]) => [
              fieldNames[field] ?? field,
              list,
            ]),
          )
        : undefined;
      const problem = PROBLEM_OF_CODE[result.code] ?? "invalid-request";
      // Every 404 of the API is the same answer, whatever was missing or whose it was.
      if (problem === "not-found") return { problem };
      return { problem, detail: result.message, errors };
    },
  };
}
