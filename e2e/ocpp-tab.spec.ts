import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/sign-in";
import {
  E2E_PASSWORD,
  KEYBOARD_CHARGER,
  OCPP_ADMIN,
  OCPP_CPO,
  SECURE_PASSWORD,
} from "./support/constants";
import { toast } from "./support/toast";

const DEMO_CSMS_URL = `ws://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 2}/ocpp`;

async function openOcppTab(page: Page, chargerName: string) {
  await page.goto("/chargers?q=" + encodeURIComponent(chargerName));
  await page.getByRole("link", { name: chargerName }).click();
  await expect(page).toHaveURL(/\/chargers\/[0-9a-f-]{36}$/);
  await page
    .getByRole("navigation", { name: "Charger sections" })
    .getByRole("link", { name: "OCPP" })
    .click();
  await expect(page).toHaveURL(/\/ocpp$/);
  // The charger is up and talking to the cloud before the test changes anything.
  await expect(page.getByTestId("ocpp-status")).toContainText("Disabled", { timeout: 30_000 });
  await expect(page.getByText("Live updates on")).toBeVisible();
}

/**
 * Every status a badge shows, in order, recorded in the page itself (a MutationObserver, so a
 * state shown for a few milliseconds is caught too). By default the OCPP tab's panel.
 */
async function recordStatuses(page: Page, selector = '[data-testid="ocpp-status"] [data-status]') {
  await page.evaluate((badge) => {
    const w = window as unknown as { seenStatuses: string[] };
    w.seenStatuses = [];
    const read = () => {
      const status = document.querySelector(badge)?.getAttribute("data-status");
      if (status && w.seenStatuses.at(-1) !== status) w.seenStatuses.push(status);
    };
    read();
    new MutationObserver(read).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  }, selector);
  return () => page.evaluate(() => (window as unknown as { seenStatuses: string[] }).seenStatuses);
}

async function fillAndSave(
  page: Page,
  fields: { enabled?: boolean; url?: string; identity?: string; password?: string },
) {
  const toggle = page.getByRole("switch", { name: "Enable OCPP" });
  if (fields.enabled !== undefined) await toggle.setChecked(fields.enabled);
  if (fields.url !== undefined) await page.getByLabel("URL").fill(fields.url);
  if (fields.identity !== undefined)
    await page.getByLabel("Charge point identity").fill(fields.identity);
  if (fields.password !== undefined)
    await page.getByLabel("Password", { exact: true }).fill(fields.password);
  await page.getByLabel("I accept the terms and conditions").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(toast(page, "Saved.")).toBeVisible();
}

test.describe("OCPP tab", () => {
  test("an admin enables OCPP and watches Connecting then Connected, on the tab and live in the list", async ({
    page,
    browser,
  }) => {
    await signIn(page, OCPP_ADMIN, E2E_PASSWORD);
    // A second tab on the list, never reloaded.
    const list = await browser.newPage();
    await signIn(list, OCPP_ADMIN, E2E_PASSWORD);
    await openOcppTab(page, "Trial 1");
    const chargerRow = list.locator("tr", { hasText: "Trial 1" });
    await expect(chargerRow).toContainText("Disabled");
    const connectedBefore = Number(await list.getByTestId("count-connected").textContent());

    const seen = await recordStatuses(page);
    const started = Date.now();
    await fillAndSave(page, { enabled: true, url: DEMO_CSMS_URL, identity: "E2E-SLOW" });
    await expect(
      page.getByTestId("ocpp-status").getByText(/Restarting|Applying new settings…/),
    ).toBeVisible();
    await expect(page.getByTestId("ocpp-status")).toContainText("Connected", { timeout: 30_000 });
    console.log(`Save → Connected shown in the browser: ${Date.now() - started} ms`);
    const statuses = await seen();
    expect(statuses.indexOf("connecting")).toBeGreaterThanOrEqual(0);
    expect(statuses.indexOf("connecting")).toBeLessThan(statuses.lastIndexOf("connected"));
    await expect(page.getByTestId("hmi-ocpp-icon")).toHaveAttribute("data-ocpp", "connected");

    await expect(chargerRow).toContainText("Connected");
    await expect(list.getByTestId("count-connected")).toHaveText(String(connectedBefore + 1));
    await list.close();

    // The history records the way there.
    const history = page.getByRole("region", { name: "Connection history" });
    await expect(
      history.getByRole("cell", { name: "Connected", exact: true }).first(),
    ).toBeVisible();
  });

  test("after Save the panel and the list show Disabled, Restarting, Connecting, Connected in order, and back to Disabled, never a step backwards", async ({
    page,
    browser,
  }) => {
    await signIn(page, OCPP_ADMIN, E2E_PASSWORD);
    const list = await browser.newPage();
    await signIn(list, OCPP_ADMIN, E2E_PASSWORD);
    await list.goto("/chargers?q=Sequence%20A");
    await openOcppTab(page, "Sequence A");
    const chargerId = page.url().split("/").at(-2)!;
    const panel = await recordStatuses(page);
    const row = await recordStatuses(list, `[data-testid="status-${chargerId}"] [data-status]`);

    await fillAndSave(page, { enabled: true, url: DEMO_CSMS_URL, identity: "E2E-SEQ-A" });
    await expect(page.getByTestId("ocpp-status")).toContainText("Connected", { timeout: 30_000 });
    await expect(list.getByTestId(`status-${chargerId}`)).toContainText("Connected");
    const enabling = ["disabled", "restarting", "connecting", "connected"];
    console.log(`panel after Save: ${(await panel()).join(" → ")}`);
    expect(await panel()).toEqual(enabling);
    expect(await row()).toEqual(enabling);
    // The history holds the same way there.
    const history = page.getByRole("region", { name: "Connection history" });
    await expect(
      history.getByRole("cell", { name: "Connecting", exact: true }).first(),
    ).toBeVisible();

    const panelOff = await recordStatuses(page);
    await fillAndSave(page, { enabled: false });
    await expect(page.getByTestId("ocpp-status")).toContainText("Disabled", { timeout: 30_000 });
    console.log(`panel after disabling: ${(await panelOff()).join(" → ")}`);
    expect(await panelOff()).toEqual(["connected", "restarting", "disabled"]);
    await list.close();
  });

  test("an unreachable central system: Restarting, Connecting, then Error with its reason", async ({
    page,
  }) => {
    await signIn(page, OCPP_ADMIN, E2E_PASSWORD);
    await openOcppTab(page, "Sequence B");
    const panel = await recordStatuses(page);
    await fillAndSave(page, { enabled: true, url: "ws://127.0.0.1:9/ocpp", identity: "E2E-SEQ-B" });
    await expect(page.getByTestId("ocpp-error-reason")).toHaveText(
      "Connection refused by the central system",
      { timeout: 30_000 },
    );
    console.log(`panel after Save: ${(await panel()).join(" → ")}`);
    expect(await panel()).toEqual(["disabled", "restarting", "connecting", "error"]);
  });

  test("saving without accepting the terms is refused and sends nothing", async ({ page }) => {
    await signIn(page, OCPP_ADMIN, E2E_PASSWORD);
    await openOcppTab(page, "Trial 2");
    await page.getByRole("switch", { name: "Enable OCPP" }).check();
    await page.getByLabel("URL").fill(DEMO_CSMS_URL);
    await page.getByLabel("Charge point identity").fill("E2E-TERMS");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Accept the terms and conditions to save.")).toBeVisible();
    await expect(page.getByLabel("I accept the terms and conditions")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await page.reload();
    await expect(page.getByTestId("ocpp-status")).toContainText("Disabled");
    await expect(page.getByRole("switch", { name: "Enable OCPP" })).not.toBeChecked();
  });

  test("field errors show next to the fields and a URL ending with the identity is warned about", async ({
    page,
  }) => {
    await signIn(page, OCPP_ADMIN, E2E_PASSWORD);
    await openOcppTab(page, "Trial 2");
    await page.getByRole("switch", { name: "Enable OCPP" }).check();
    await page.getByLabel("URL").fill("https://cs.example.com/ocpp");
    await page.getByLabel("Charge point identity").fill("A/B");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByLabel("I accept the terms and conditions").check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(
      page.getByText("The URL must start with ws:// or wss:// (not https://)."),
    ).toBeVisible();
    await expect(page.getByText("The identity may not contain a slash (/).")).toBeVisible();
    await expect(page.getByText(/16 to 40 characters/)).toBeVisible();
    await page.getByLabel("URL").fill("wss://cs.example.com/ocpp/CP-9");
    await page.getByLabel("Charge point identity").fill("CP-9");
    await expect(page.getByTestId("url-warning")).toContainText("already ends with the identity");
  });

  test("a URL with a closed port ends in Error with the reason in words", async ({ page }) => {
    await signIn(page, OCPP_ADMIN, E2E_PASSWORD);
    await openOcppTab(page, "Trial 3");
    await fillAndSave(page, {
      enabled: true,
      url: "ws://127.0.0.1:9/ocpp",
      identity: "E2E-REFUSED",
    });
    await expect(page.getByTestId("ocpp-status")).toContainText("Error", { timeout: 30_000 });
    await expect(page.getByTestId("ocpp-error-reason")).toHaveText(
      "Connection refused by the central system",
    );
    await expect(page.getByRole("alert").filter({ hasText: "What to check" })).toContainText(
      "Check the port in the URL",
    );
    await expect(page.getByTestId("hmi-ocpp-icon")).toHaveAttribute("data-ocpp", "error");
  });

  test("an identity protected by a password is refused (401) until the right password is saved", async ({
    page,
  }) => {
    await signIn(page, OCPP_ADMIN, E2E_PASSWORD);
    await openOcppTab(page, "Trial 4");
    await fillAndSave(page, { enabled: true, url: DEMO_CSMS_URL, identity: "E2E-SECURE" });
    await expect(page.getByTestId("ocpp-error-reason")).toHaveText(
      "The central system refused the password (HTTP 401)",
      { timeout: 30_000 },
    );
    await fillAndSave(page, { password: SECURE_PASSWORD });
    await expect(page.getByTestId("ocpp-status")).toContainText("Connected", { timeout: 30_000 });
    // Write-only: the page says a password is set and never shows it.
    await page.reload();
    await expect(page.getByText("A password is set; leave empty to keep it.")).toBeVisible();
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
    expect(await page.content()).not.toContain(SECURE_PASSWORD);
  });

  test("disabling OCPP restarts the charger and ends in Disabled", async ({ page }) => {
    await signIn(page, OCPP_ADMIN, E2E_PASSWORD);
    await openOcppTab(page, "Trial 5");
    await fillAndSave(page, { enabled: true, url: DEMO_CSMS_URL, identity: "E2E-DISABLE" });
    await expect(page.getByTestId("ocpp-status")).toContainText("Connected", { timeout: 30_000 });
    await fillAndSave(page, { enabled: false });
    await expect(page.getByTestId("ocpp-status")).toContainText("Disabled", { timeout: 30_000 });
    await expect(page.getByText("Applying new settings…")).toHaveCount(0);
    await expect(page.getByLabel("URL")).toHaveValue(DEMO_CSMS_URL);
  });

  test("the page catches up after the live stream drops", async ({ page, browser }) => {
    await signIn(page, OCPP_ADMIN, E2E_PASSWORD);
    await openOcppTab(page, "Trial 6");
    const admin = await browser.newPage();
    await signIn(admin, OCPP_ADMIN, E2E_PASSWORD);
    await openOcppTab(admin, "Trial 6");
    // Offline: the stream ends within a few seconds (LIVE_STREAM_MAX_AGE_MS) and cannot reconnect.
    await page.context().setOffline(true);
    await expect(page.getByText(/Live updates interrupted/)).toBeVisible({ timeout: 15_000 });
    await fillAndSave(admin, { enabled: true, url: DEMO_CSMS_URL, identity: "E2E-CATCHUP" });
    await expect(admin.getByTestId("ocpp-status")).toContainText("Connected", { timeout: 30_000 });
    await page.context().setOffline(false);
    await expect(page.getByText("Live updates on")).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId("ocpp-status")).toContainText("Connected");
    await admin.close();
  });

  test("a cpo sees the status and the settings but cannot save", async ({ page }) => {
    await signIn(page, OCPP_CPO, E2E_PASSWORD);
    await page.goto("/chargers");
    await page.getByRole("link", { name: "Trial 1" }).click();
    await page
      .getByRole("navigation", { name: "Charger sections" })
      .getByRole("link", { name: "OCPP" })
      .click();
    await expect(page.getByTestId("ocpp-status")).toBeVisible();
    await expect(page.getByText(/Read-only: only an administrator/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
    await expect(page.getByRole("switch", { name: "Enable OCPP" })).toBeDisabled();
  });

  test("another organisation's OCPP tab is 404", async ({ page }) => {
    await signIn(page, OCPP_ADMIN, E2E_PASSWORD);
    await openOcppTab(page, "Trial 2");
    const url = page.url();
    const other = await page.context().browser()!.newPage();
    await signIn(other, "admin@plugboard.test");
    expect((await other.goto(url))?.status()).toBe(404);
    await other.close();
  });

  test("the OCPP tab's help converts a card's UID for the central system's whitelist", async ({
    page,
  }) => {
    await signIn(page, OCPP_CPO, E2E_PASSWORD);
    await page.goto("/chargers");
    await page.getByRole("link", { name: "Trial 2" }).click();
    await page
      .getByRole("navigation", { name: "Charger sections" })
      .getByRole("link", { name: "OCPP" })
      .click();
    const help = page.getByRole("region", { name: "Help" });
    await help.getByLabel("Card UID").fill("04:A2:B3:C4");
    await expect(help.getByTestId("uid-result")).toHaveText("Whitelist value: C4B3A204");
  });

  test("OCPP settings are saved with the keyboard alone, and the new status is announced", async ({
    page,
  }) => {
    await signIn(page, OCPP_ADMIN, E2E_PASSWORD);
    await openOcppTab(page, KEYBOARD_CHARGER.name);
    /** Tab (never a click) until `target` has the focus; a field out of reach fails. */
    const tabTo = async (target: ReturnType<Page["getByLabel"]>) => {
      for (let presses = 0; presses < 25; presses++) {
        if (await target.evaluate((el) => el === document.activeElement)) return;
        await page.keyboard.press("Tab");
      }
      throw new Error(`${String(target)} cannot be reached with Tab`);
    };
    await page.locator("body").focus();
    const toggle = page.getByRole("switch", { name: "Enable OCPP" });
    await tabTo(toggle);
    await page.keyboard.press("Space");
    await expect(toggle).toBeChecked();
    await tabTo(page.getByLabel("URL"));
    await page.keyboard.type(DEMO_CSMS_URL);
    await tabTo(page.getByLabel("Charge point identity"));
    await page.keyboard.type(KEYBOARD_CHARGER.serial);
    const terms = page.getByLabel("I accept the terms and conditions");
    await tabTo(terms);
    await page.keyboard.press("Space");
    await expect(terms).toBeChecked();
    const save = page.getByRole("button", { name: "Save" });
    await tabTo(save);
    // Focus is visible where it is: the focused control draws an outline.
    expect(await save.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
    await page.keyboard.press("Enter");
    await expect(toast(page, "Saved.")).toBeVisible();
    // The status change reaches screen readers through a live region.
    await expect(
      page
        .locator('[aria-live="polite"], [role="status"]')
        .filter({ hasText: "Connected" })
        .first(),
    ).toBeVisible({ timeout: 30_000 });
  });
});
