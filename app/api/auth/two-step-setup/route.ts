// POST email + password (a form): for a support account without two-step verification, a new
// secret to add to an authenticator app (the next sign-in with a code from it turns it on).
// The password check is the sign-in's, throttled and counted the same way.
import { getDb } from "@/db";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { signInRefusalMessage } from "@/lib/auth/sign-in-errors";
import { msg } from "@/lib/i18n/message";
import { requestLocale } from "@/lib/i18n/negotiate";
import { getTranslator } from "@/lib/i18n/translate";
import { beginSignInEnrolment } from "@/lib/auth/two-step/sign-in-enrolment";
import { getSecretBoxKey } from "@/lib/auth/two-step/server-key";
import { readLimitedBody } from "@/lib/http/read-limited-body";

const NO_STORE = { "Cache-Control": "no-store" };
const MAX_BODY_BYTES = 4096;

export async function POST(request: Request): Promise<Response> {
  // Nobody is signed in yet: the browser's language.
  const say = await getTranslator(requestLocale(null, request));
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    return Response.json(
      { error: say.text(msg("auth.setupRoute.formEncoding")) },
      { status: 415, headers: NO_STORE },
    );
  }
  const body = await readLimitedBody(request, MAX_BODY_BYTES);
  if (!body.ok) {
    return Response.json(
      { error: say.text(msg("auth.setupRoute.tooLarge")) },
      { status: 413, headers: NO_STORE },
    );
  }
  const form = new URLSearchParams(body.text);
  const address = request.headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
  const result = await beginSignInEnrolment(
    await getDb(),
    { email: form.get("email"), password: form.get("password") },
    address,
    getSecretBoxKey(),
  );
  if (!result.ok) {
    const headers: Record<string, string> = { ...NO_STORE };
    if (result.code === "throttled") headers["Retry-After"] = String(result.retryAfterSeconds);
    return Response.json(
      { error: say.text(signInRefusalMessage(result)), code: result.code },
      { status: result.code === "throttled" ? 429 : 401, headers },
    );
  }
  return Response.json(result.setup, { headers: NO_STORE });
}
