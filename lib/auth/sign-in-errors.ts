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

export function signInRefusalMessage(refusal: SignInRefusal): string {
  switch (refusal.code) {
    case "invalid":
      return "Wrong email or password.";
    case "throttled":
      return `Too many failed sign-ins. Wait ${formatWait(refusal.retryAfterSeconds)} and try again.`;
    case "code_required":
      return "Enter the 6-digit code from your authenticator app.";
    case "wrong_code":
      return "That code is not right. Enter the current code from your authenticator app.";
    case "replayed_code":
      return "That code has already been used. Wait for the next one.";
    case "enrolment_required":
      return "Support accounts must use two-step verification. Set it up to continue.";
  }
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
