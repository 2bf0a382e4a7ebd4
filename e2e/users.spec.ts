// People through the whole stack: an administrator invites a person (no mail server here, so the
// link is shown), the person joins through the link in another browser, signs in, changes their
// password, and is deactivated — their session ends at once.
import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";
import { toast } from "./support/toast";

test("invite, join, sign in, change the password, and be deactivated", async ({
  page,
  browser,
}) => {
  const email = `joiner-${Date.now()}@example.test`;
  const firstPassword = "first-password-123";
  const secondPassword = "second-password-456";

  await signIn(page, "admin@plugboard.test");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Settings" })
    .click();
  await page
    .getByRole("navigation", { name: "Settings sections" })
    .getByRole("link", { name: "Users" })
    .click();
  await expect(page).toHaveURL(/\/settings\/users$/);
  await expect(page.getByRole("heading", { name: "Users", level: 2 })).toBeVisible();

  // A bad address is refused by its field; then the invitation.
  await page.getByLabel("Email").fill("not-an-address");
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("cpo");
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await expect(
    toast(page, `Invitation for ${email} created: hand over the link below.`),
  ).toBeVisible();
  const link = await page.getByTestId("invitation-link").getByRole("textbox").inputValue();
  expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
  await expect(
    page.getByRole("group", { name: "Invitations" }).locator(`tr[data-email="${email}"]`),
  ).toContainText("Waiting");

  // The person, in a browser of their own, joins through the link.
  const joiner = await (await browser.newContext()).newPage();
  await joiner.goto(new URL(link).pathname);
  await expect(joiner.getByRole("heading", { name: "Join Volta Parking" })).toBeVisible();
  await joiner.getByLabel("Your name").fill("Joan Joiner");
  await joiner.getByLabel("Password", { exact: true }).fill(firstPassword);
  await joiner.getByLabel("Password again").fill("something-else-entirely");
  await joiner.getByRole("button", { name: "Join" }).click();
  await expect(joiner.getByText("The two passwords differ.")).toBeVisible();
  await joiner.getByLabel("Password", { exact: true }).fill(firstPassword);
  await joiner.getByLabel("Password again").fill(firstPassword);
  await joiner.getByRole("button", { name: "Join" }).click();
  await expect(
    joiner.getByText(`Welcome! Sign in with ${email} and your new password.`),
  ).toBeVisible();
  // The link worked once.
  await joiner.goto(new URL(link).pathname);
  await expect(
    joiner.getByRole("heading", { name: "This invitation cannot be used" }),
  ).toBeVisible();

  await signIn(joiner, email, firstPassword);
  await expect(joiner).toHaveURL(/\/dashboard$/);

  // Their own password: the wrong current one is refused; the change signs them out.
  await joiner.goto("/settings");
  const form = joiner.getByRole("region", { name: "Password" });
  await form.getByLabel("Current password").fill("not-my-password");
  await form.getByLabel("New password", { exact: true }).fill(secondPassword);
  await form.getByLabel("New password again").fill(secondPassword);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(joiner.getByText("This is not your current password.")).toBeVisible();
  await form.getByLabel("Current password").fill(firstPassword);
  await form.getByLabel("New password", { exact: true }).fill(secondPassword);
  await form.getByLabel("New password again").fill(secondPassword);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(joiner).toHaveURL(/\/login\?reason=password_changed$/);
  await expect(
    joiner.getByText("Password changed. Sign in again with your new password."),
  ).toBeVisible();
  await signIn(joiner, email, secondPassword);

  // The administrator sees them, and deactivates them: their session ends at once.
  await page.reload();
  const row = page.getByRole("group", { name: "Users" }).locator(`tr[data-email="${email}"]`);
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: "Deactivate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(toast(page, `${email} is deactivated and signed out everywhere.`)).toBeVisible();
  await expect(row).toContainText("Deactivated");
  await joiner.goto("/chargers");
  await expect(joiner).toHaveURL(/\/login/);
  await joiner.context().close();
});
