// Prints the current two-step code of the demo's support account (its key is published in the
// README), for signing in without an authenticator app.
import { currentTotpCode } from "@/lib/auth/two-step/totp";
import { DEMO_SUPPORT_TOTP_SECRET } from "@/lib/demo/seed";

currentTotpCode(DEMO_SUPPORT_TOTP_SECRET).then(
  (code) => {
    const secondsLeft = 30 - (Math.floor(Date.now() / 1000) % 30);
    console.log(`support@plugboard.test: ${code} (valid for ${secondsLeft} more seconds)`);
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
