// The colour theme on <html data-theme>: "light" or "dark" as chosen, absent to follow the
// system (app/globals.css reads both).
import type { Theme } from "@/lib/account/preferences";

export function applyTheme(theme: Theme | null): void {
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}
