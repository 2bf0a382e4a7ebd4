// next-intl's types for this portal: keys are checked against the English messages, so a
// t("…") with a key that does not exist fails the typecheck.
import type { FORMATS } from "./formats";
import type { Locale } from "./locales";
import type { Messages } from "./messages";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
    Formats: typeof FORMATS;
  }
}
