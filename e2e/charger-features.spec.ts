import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/sign-in";
import { toast } from "./support/toast";

const GREENWAY_ADMIN = "admin@greenway.test";

async function openChargerSettings(page: Page, name: string) {
  await page.goto("/chargers?q=" + encodeURIComponent(name));
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(/\/chargers\/[0-9a-f-]{36}$/);
  await page
    .getByRole("navigation", { name: "Charger sections" })
    .getByRole("link", { name: "Settings" })
    .click();
  await expect(page).toHaveURL(/\/chargers\/[0-9a-f-]{36}\/settings$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

async function choosePlan(page: Page, plan: "Basic" | "Standard") {
  await page.goto("/settings");
  await page.getByRole("radio", { name: plan }).check();
  await page.getByRole("button", { name: "Change plan" }).click();
  await expect(toast(page, `Plan changed to ${plan}.`)).toHaveText(
    `Plan changed to ${plan}. Features are updated everywhere.`,
  );
}

test.describe("charger features", () => {
  test("Power Boost: unavailable on Basic, then set after the plan change and applied by the charger", async ({
    page,
  }) => {
    await signIn(page, GREENWAY_ADMIN);
    await openChargerSettings(page, "Front drive 1");
    const settingsUrl = page.url();
    const boost = page.getByRole("region", { name: "Power Boost" });
    await expect(boost.getByTestId("feature-unavailable-powerBoost")).toContainText(
      "Available on the Standard plan",
    );
    await expect(boost.getByRole("switch", { name: "Enable Power Boost" })).toHaveCount(0);

    await boost.getByRole("link", { name: "Change to Standard in Settings" }).click();
    await expect(page).toHaveURL(/\/settings$/);
    try {
      await choosePlan(page, "Standard");
      await page.goto(settingsUrl);
      await expect(boost.getByTestId("feature-unavailable-powerBoost")).toHaveCount(0);
      // The virtual charger reports its factory value first.
      await expect(boost.getByTestId("reported-powerBoost")).toContainText("Off", {
        timeout: 30_000,
      });
      await boost.getByRole("switch", { name: "Enable Power Boost" }).check();
      await boost.getByLabel("Household supply limit (A, optional)").fill("40");
      await boost.getByRole("button", { name: "Save Power Boost" }).click();
      // Live: the charger's own report, through the device manager and the event stream.
      await expect(boost.getByTestId("setting-status-powerBoost")).toHaveText(
        "Power Boost applied by the charger.",
      );
      await expect(boost.getByTestId("reported-powerBoost")).toHaveText(
        "Reported by the charger: On (household supply 40 A)",
      );
      // Saved on the charger, not only in this page: a reload shows it again.
      await page.reload();
      await expect(boost.getByTestId("reported-powerBoost")).toContainText("On (household");
      await expect(boost.getByRole("switch", { name: "Enable Power Boost" })).toBeChecked();
    } finally {
      // Back to Basic, as the other specs expect Greenway.
      await choosePlan(page, "Basic");
    }
    await page.goto(settingsUrl);
    await expect(boost.getByTestId("feature-unavailable-powerBoost")).toContainText(
      "Available on the Standard plan",
    );
  });

  test("a current limit above the model's maximum is refused next to the field", async ({
    page,
  }) => {
    await signIn(page, GREENWAY_ADMIN);
    await openChargerSettings(page, "Front drive 1");
    const section = page.getByRole("region", { name: "Current limit" });
    const amps = section.getByLabel("Maximum charging current (A)");
    await expect(section.getByTestId("reported-currentLimit")).toContainText("16 A", {
      timeout: 30_000,
    });
    await amps.fill("32");
    await section.getByRole("button", { name: "Save current limit" }).click();
    await expect(
      section.getByText("At most 16 A: the maximum of this charger (16 A from its part number)."),
    ).toBeVisible();
    await expect(amps).toHaveAttribute("aria-invalid", "true");
    await expect(toast(page, "Some fields need your attention.")).toBeVisible();
    await expect(section.getByTestId("setting-status-currentLimit")).toHaveText("");

    await amps.fill("10");
    await section.getByRole("button", { name: "Save current limit" }).click();
    await expect(section.getByTestId("setting-status-currentLimit")).toHaveText(
      "Current limit applied by the charger.",
    );
    await expect(section.getByTestId("reported-currentLimit")).toHaveText(
      "Reported by the charger: 10 A",
    );
  });

  test("a schedule with overlapping slots names them; fixed, the charger applies it", async ({
    page,
  }) => {
    await signIn(page, GREENWAY_ADMIN);
    await openChargerSettings(page, "Front drive 1");
    const section = page.getByRole("region", { name: "Charging schedules" });
    await section.getByRole("button", { name: "Add slot" }).click();
    await section.getByRole("button", { name: "Add slot" }).click();
    const second = section.getByRole("group", { name: "Slot 2" });
    await second.getByLabel("Start").fill("11:00");
    await second.getByLabel("End").fill("13:00");
    await section.getByRole("button", { name: "Save schedule" }).click();
    await expect(section.getByTestId("schedule-error")).toHaveText(
      "Slot 1 (Monday 08:00–12:00) overlaps slot 2 (Monday 11:00–13:00).",
    );

    await second.getByLabel("Day").selectOption({ label: "Tuesday" });
    await section.getByRole("button", { name: "Save schedule" }).click();
    await expect(section.getByTestId("setting-status-schedules")).toHaveText(
      "Charging schedule applied by the charger.",
    );
    await expect(section.getByTestId("reported-schedules")).toContainText(
      "Mon 08:00–12:00 at 16 A; Tue 11:00–13:00 at 16 A",
    );
    await expect(section.getByTestId("schedule-error")).toHaveCount(0);
  });

  test("a software update shows 'Updating firmware…', then the charger comes back with the new version", async ({
    page,
  }) => {
    await signIn(page, GREENWAY_ADMIN);
    await openChargerSettings(page, "Front drive 2");
    const section = page.getByRole("region", { name: "Software update" });
    await expect(section.getByTestId("installed-firmware")).toHaveText("6.2.14", {
      timeout: 30_000,
    });
    await expect(section.getByLabel("Version")).toHaveValue("6.3.0");
    await section.getByRole("button", { name: "Install update" }).click();
    const status = section.getByTestId("setting-status-softwareUpdate");
    await expect(status).toContainText("Updating firmware…");
    await expect(section.getByTestId("installed-firmware")).toHaveText("6.3.0", {
      timeout: 30_000,
    });
    await expect(status).toHaveText("Firmware 6.3.0 installed: the charger is back.");
    await expect(section.getByText("This charger runs the latest firmware.")).toBeVisible();
    const header = page.locator("h1").locator("..");
    await expect(header).not.toContainText("Updating firmware…");
  });

  test("RFID users: a card typed as printed is stored little-endian and sent to the charger", async ({
    page,
  }) => {
    await signIn(page, GREENWAY_ADMIN);
    await openChargerSettings(page, "Garden Copper");
    const section = page.getByRole("region", { name: "RFID users" });
    await expect(section.getByTestId("rfid-sync")).toContainText("The charger holds no cards", {
      timeout: 30_000,
    });
    await section.getByLabel("New card's UID").fill("04:A2:B3:C4");
    await section.getByLabel("Label (the driver)").fill("Night porter");
    await section.getByRole("button", { name: "Add card" }).click();
    await expect(toast(page, "Card C4B3A204")).toBeVisible();
    const users = section.getByRole("table", { name: "RFID users of this charger" });
    await expect(users.getByRole("row", { name: /Night porter\s+C4B3A204/ })).toBeVisible();
    await expect(section.getByTestId("rfid-sync")).toHaveText("The charger holds this card.");
    // The converter is at hand where the cards are managed.
    await expect(page.getByTestId("uid-converter")).toBeVisible();
  });
});
