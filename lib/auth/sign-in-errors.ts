import { msg, type Message } from "@/lib/i18n/message";

// What a refused sign-in says. The server hands the form a code (next-auth passes a thrown
// message through as `error`), and the form words it, so the wording lives in one place.
export type SignInRefusal =
  | { code: "invalid" }
  | { code: "throttled"; retryAfterSeconds: number }
  | { code: "code_required" }
  | { code: "wrong_code" }
  | { code: "replayed_code" }
  | { code: "enrolment_required" };

export function encodeSignInRefusal(refusal: SignInRefusal): string {
  return refusal.code === "throttled" ? `throttled:${refusal.retryAfterSeconds}` : refusal.code;
}

export function decodeSignInRefusal(error: string | null | undefined): SignInRefusal {
  const [code, seconds] = (error ?? "").split(":");
  switch (code) {
    case "throttled":
      return { code, retryAfterSeconds: Math.max(1, Number(seconds) || 1) };
    case "code_required":
    case "wrong_code":
    case "replayed_code":
    case "enrolment_required":
      return { code };
    default:
      return { code: "invalid" };
  }
}

export function signInRefusalMessage(refusal: SignInRefusal): Message {
  switch (refusal.code) {
    case "invalid":
      return msg("auth.refusals.invalid");
    case "throttled":
      // Under a minute in seconds, else in whole minutes, rounded up.
      return refusal.retryAfterSeconds < 60
        ? msg("auth.refusals.throttledSeconds", { seconds: refusal.retryAfterSeconds })
        : msg("auth.refusals.throttledMinutes", {
            minutes: Math.ceil(refusal.retryAfterSeconds / 60),
          });
    case "code_required":
      return msg("auth.refusals.codeRequired");
    case "wrong_code":
      return msg("auth.refusals.wrongCode");
    case "replayed_code":
      return msg("auth.refusals.replayedCode");
    case "enrolment_required":
      return msg("auth.refusals.enrolmentRequired");
  }
}
