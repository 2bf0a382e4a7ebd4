// One REST API request, in order: bearer token (401) → plan (403) → scope (403) → rate limit
// (429) → path, query (400/404) → body: media type (415), size (413), JSON and schema (400) →
// Idempotency-Key (replay, 409, 422) → the endpoint. Every refusal is problem+json and changes
// nothing.
import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Db } from "@/db";
import type { ActionServices } from "@/lib/actions/safe-action";
import { verifyApiToken } from "@/lib/api-tokens/verify-api-token";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { apiContext, type ApiOutcome } from "./context";
import type { ApiEndpoint } from "./endpoints";
import {
  claimIdempotencyKey,
  IDEMPOTENCY_KEY_PATTERN,
  idempotencyRequestId,
  requestHash,
  settleIdempotencyKey,
} from "./idempotency";
import { problem, problemBody } from "./problem";
import { countApiRequest } from "./rate-limit";

export const MAX_BODY_BYTES = 64 * 1024;

/** Field path → messages, from a zod error (the body's own field names). */
function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "(body)";
    (out[field] ??= []).push(issue.message);
  }
  return out;
}

function respond(outcome: ApiOutcome): { status: number; body: string; contentType: string } {
  if ("problem" in outcome) {
    const body = problemBody(outcome.problem, outcome.detail, outcome.errors);
    return {
      status: body.status,
      body: JSON.stringify(body),
      contentType: "application/problem+json",
    };
  }
  return {
    status: outcome.status,
    body: JSON.stringify(outcome.body),
    contentType: "application/json",
  };
}

export async function handleApiRequest(
  endpoint: ApiEndpoint,
  request: Request,
  rawParams: Record<string, string>,
  deps: { db: Db; services: ActionServices },
): Promise<Response> {
  const { db, services } = deps;
  const verified = await verifyApiToken(db, request.headers.get("authorization"));
  if (!verified.ok) {
    return verified.reason === "plan"
      ? problem("plan-required", "API access is part of the Business plan.")
      : problem("unauthenticated", "Send a valid token: Authorization: Bearer pbt_…", {
          headers: { "WWW-Authenticate": 'Bearer realm="plugboard"' },
        });
  }
  const { caller } = verified;
  if (!caller.scopes.includes(endpoint.scope)) {
    return problem(
      "scope-required",
      `This endpoint needs a token with the "${endpoint.scope}" scope.`,
    );
  }
  const wait = await countApiRequest(db, caller.tokenId);
  if (wait > 0) {
    return problem("rate-limited", `Wait ${wait} s.`, { headers: { "Retry-After": String(wait) } });
  }

  // A malformed id names no charger of the organisation: 404, like any other.
  const params = endpoint.params
    ? endpoint.params.safeParse(rawParams)
    : { success: true as const, data: {} };
  if (!params.success) return problem("not-found");
  const url = new URL(request.url);
  const query = endpoint.query
    ? endpoint.query.safeParse(Object.fromEntries(url.searchParams))
    : { success: true as const, data: {} };
  if (!query.success) {
    return problem("invalid-request", "A query parameter is not valid.", {
      errors: fieldErrors(query.error),
    });
  }

  let bodyText = "";
  let body: unknown = undefined;
  if (endpoint.body) {
    const read = await readLimitedBody(request, MAX_BODY_BYTES);
    if (!read.ok) return problem("payload-too-large", `At most ${MAX_BODY_BYTES} bytes.`);
    bodyText = read.text;
    if (bodyText.trim() !== "") {
      if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
        return problem("unsupported-media-type", "Send Content-Type: application/json.");
      }
      try {
        body = JSON.parse(bodyText);
      } catch {
        return problem("invalid-request", "The body is not valid JSON.");
      }
    }
    const parsed = endpoint.body.safeParse(body ?? {});
    if (!parsed.success) {
      return problem("invalid-request", "The body is not valid.", {
        errors: fieldErrors(parsed.error),
      });
    }
    body = parsed.data;
  }

  const key = request.headers.get("idempotency-key");
  let claimedKey: string | null = null;
  if (key !== null && endpoint.method !== "GET") {
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      return problem(
        "invalid-request",
        "The Idempotency-Key must be 1 to 200 visible ASCII characters.",
      );
    }
    const claim = await claimIdempotencyKey(
      db,
      caller.tokenId,
      key,
      requestHash(endpoint.method, url.pathname, bodyText),
    );
    if (claim.kind === "reused") return problem("idempotency-key-reused");
    if (claim.kind === "in-progress") return problem("idempotency-key-in-use");
    if (claim.kind === "replay") {
      return new Response(claim.body, {
        status: claim.status,
        headers: {
          "Content-Type": claim.status >= 400 ? "application/problem+json" : "application/json",
          "Idempotent-Replayed": "true",
          "Cache-Control": "no-store",
        },
      });
    }
    claimedKey = key;
  }

  const requestId = claimedKey ? idempotencyRequestId(caller.tokenId, claimedKey) : randomUUID();
  let answer: ReturnType<typeof respond>;
  try {
    answer = respond(
      await endpoint.run(apiContext(db, caller, requestId, services), {
        params: params.data,
        query: query.data,
        body,
      }),
    );
  } catch (error) {
    // The key is freed: the same request may be sent again.
    if (claimedKey) await settleIdempotencyKey(db, caller.tokenId, claimedKey, null);
    throw error;
  }
  if (claimedKey) {
    // An unavailable service is worth retrying with the same key: it is not kept.
    await settleIdempotencyKey(
      db,
      caller.tokenId,
      claimedKey,
      answer.status === 503 ? null : { status: answer.status, body: answer.body },
    );
  }
  return new Response(answer.body, {
    status: answer.status,
    headers: { "Content-Type": answer.contentType, "Cache-Control": "no-store" },
  });
}
