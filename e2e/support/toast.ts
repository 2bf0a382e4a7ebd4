import type { Page } from "@playwright/test";

/**
 * The toasts (components/ui/toast.tsx) whose text matches: where an action's outcome is said.
 * Several can be on screen at once, so a test picks the one it expects by its words.
 */
export function toast(page: Page, text: string | RegExp) {
  return page.locator("[data-sonner-toast]").filter({ hasText: text });
}
