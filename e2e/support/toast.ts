import type { Page } from "@playwright/test";

/**
 * The newest toast (components/ui/toast.tsx) whose text matches: where an action's outcome is
 * said. Sonner lists the newest first; an earlier toast with the same words may still be
 * fading out below it.
 */
export function toast(page: Page, text: string | RegExp) {
  return page.locator("[data-sonner-toast]").filter({ hasText: text }).first();
}
