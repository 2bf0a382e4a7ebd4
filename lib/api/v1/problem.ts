// Errors of the REST API as RFC 9457 problem details (application/problem+json), each with a
// stable `type` a client can switch on; `errors` names the fields of a refused body.
export const PROBLEM_TYPES = {
  unauthenticated: { status: 401, title: "A valid API token is required" },
  "plan-required": { status: 403, title: "The organisation's plan does not include API access" },
  "scope-required": { status: 403, title: "The token lacks the scope this endpoint needs" },
  forbidden: { status: 403, title: "This action is not allowed" },
  "not-found": { status: 404, title: "Not found" },
  "invalid-request": { status: 400, title: "The request is not valid" },
  conflict: { status: 409, title: "The request conflicts with the current state" },
  "idempotency-key-in-use": {
    status: 409,
    title: "A request with this Idempotency-Key is still running",
  },
  "payload-too-large": { status: 413, title: "The request body is too large" },
  "unsupported-media-type": { status: 415, title: "The body must be application/json" },
  "idempotency-key-reused": {
    status: 422,
    title: "This Idempotency-Key was used for another request",
  },
  "rate-limited": { status: 429, title: "Too many requests for this token" },
  unavailable: { status: 503, title: "A service the request needs is unavailable" },
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;

/** The URI of a problem type (a stable identifier, described in the OpenAPI document). */
export const problemTypeUri = (type: ProblemType) => `urn:plugboard:problem:${type}`;

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** A refused body's fields and what is wrong with each. */
  errors?: Record<string, string[]>;
}

export function problemBody(
  type: ProblemType,
  detail?: string,
  errors?: Record<string, string[]>,
): ProblemBody {
  const { status, title } = PROBLEM_TYPES[type];
  return {
    type: problemTypeUri(type),
    title,
    status,
    ...(detail ? { detail } : {}),
    ...(errors && Object.keys(errors).length ? { errors } : {}),
  };
}

export function problem(
  type: ProblemType,
  detail?: string,
  options: { errors?: Record<string, string[]>; headers?: Record<string, string> } = {},
): Response {
  const body = problemBody(type, detail, options.errors);
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: {
      "Content-Type": "application/problem+json",
      "Cache-Control": "no-store",
      ...options.headers,
    },
  });
}
