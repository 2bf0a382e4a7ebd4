// The portal in the reader's language and time zone: the browser's until the user chooses,
// then the user's everywhere, applied on saving without reloading the page.
import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";
import { E2E_PASSWORD, PREFERENCES_USER } from "./support/constants";
import { toast } from "./support/toast";

test.describe("languages and preferences", () => {
  test("the sign-in page speaks the browser's language", async ({ browser }) => {
    for (const [locale, lang, nav] of [
      ["fr-FR", "fr", "Se connecter"],
      ["de-DE", "de", "Anmelden"],
      ["es-ES", "es", "Iniciar sesión"],
      ["ja-JP", "en", "Sign in"],
    ] as const) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto("/login");
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("button", { name: nav })).toBeVisible();
      await context.close();
    }
  });

  test("a user's language, time zone and theme apply at once and stay", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-GB", timezoneId: "America/New_York" });
    const page = await context.newPage();
    await signIn(page, PREFERENCES_USER, E2E_PASSWORD);
    // A new user gets the browser's time zone.
    await page.goto("/settings/profile");
    await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");

    await page.getByLabel("Language").selectOption("fr");
    await page.getByLabel("Time zone").selectOption("Europe/Paris");
    await page.getByLabel("Theme").selectOption("dark");
    await page.getByRole("button", { name: "Save preferences" }).click();
    // No reload: the same document, now in French, dark.
    await expect(toast(page, "Préférences enregistrées.")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(page.getByRole("navigation", { name: "Principal" })).toContainText(
      "Bornes de recharge",
    );
    // The zone's name, in the profile's own hint (a service incident banner may name it too).
    await expect(page.getByText(/Toutes les heures du portail/)).toContainText(/UTC\+1|CET|HNEC/);

    // Another page, another visit: still French, the OCPP tab in the source document's words.
    await page.goto("/chargers");
    await expect(page.getByRole("heading", { name: "Bornes de recharge" })).toBeVisible();
    await page.getByRole("link", { name: "Trial OCPP on" }).click();
    await page
      .getByRole("navigation", { name: "Sections de la borne" })
      .getByRole("link", { name: "OCPP", exact: true })
      .click();
    await expect(page.getByLabel("Identité de la borne de recharge")).toBeVisible();

    // Back to English for the next run of the suite (the database lives as long as the run).
    await page.goto("/settings/profile");
    await page.getByLabel("Langue").selectOption("en");
    await page.getByLabel("Thème").selectOption("");
    await page.getByRole("button", { name: "Enregistrer les préférences" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
    await context.close();
  });
});
