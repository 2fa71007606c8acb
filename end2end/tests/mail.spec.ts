import { test, expect, type Page } from "@playwright/test";
import { watchConsole, hydrated, signIn, signInAdmin } from "./helpers";

async function shot(page: Page, name: string) {
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/${name}.png`, fullPage: true });
}

test("a client chooses their mails, and the admin sees the acknowledgement waiting in the outbox", async ({ browser }) => {
  const clientPage = await browser.newPage();
  const problems = watchConsole(clientPage);
  await signIn(clientPage, "client@technomarket.example");
  const title = `Письмо о регистрации ${Date.now() % 100000}`;
  const created = await clientPage.request.post("/api/tickets/create", {
    data: { title, description: "", category: "incident", priority: "normal" },
  });
  expect(created.status()).toBe(200);
  const { key } = await created.json();

  // The name in the top bar leads to the person's mail settings.
  await clientPage.click("a.user-name");
  await clientPage.waitForURL("**/settings");
  await hydrated(clientPage);
  await expect(clientPage.locator("h1")).toHaveText("Mail notifications");
  await expect(clientPage.locator(".settings-form")).toContainText("client@technomarket.example");
  const replies = clientPage.getByLabel("Replies from support");
  await expect(replies).toBeChecked();
  // The registration letter is not something one can switch off.
  await expect(clientPage.getByLabel("Registration")).toHaveCount(0);
  await expect(clientPage.getByLabel("SLA breached")).toHaveCount(0);
  await replies.press("Space");
  await expect(replies).not.toBeChecked();
  await clientPage.getByLabel("Language of mails").selectOption("uk");
  await clientPage.getByRole("button", { name: "Save" }).click();
  await expect(clientPage.locator(".notice-ok")).toHaveText("Saved.");
  await shot(clientPage, "settings-en");
  await clientPage.reload();
  await hydrated(clientPage);
  await expect(clientPage.getByLabel("Replies from support")).not.toBeChecked();
  await expect(clientPage.getByLabel("Language of mails")).toHaveValue("uk");
  expect(problems).toEqual([]);

  // A link from the mail, opened signed out, lands on the ticket (and the
  // part of it the link names) after signing in.
  const fromMail = await browser.newPage();
  const mailProblems = watchConsole(fromMail);
  await fromMail.goto(`/tickets/${key}#ticket-actions`);
  await fromMail.waitForURL(/\/login\?next=/);
  await hydrated(fromMail);
  await fromMail.fill("#login-email", "client@technomarket.example");
  await fromMail.fill("#login-password", "demo-password-2026");
  await fromMail.click("button[type=submit]");
  await fromMail.waitForURL((url) => url.pathname === `/tickets/${key}`);
  expect(new URL(fromMail.url()).hash).toBe("#ticket-actions");
  await hydrated(fromMail);
  await expect(fromMail.locator("h1")).toContainText(title);
  expect(mailProblems).toEqual([]);

  const adminPage = await browser.newPage();
  const adminProblems = watchConsole(adminPage);
  await signInAdmin(adminPage);
  await adminPage.click('nav.admin-tabs a[href="/admin/outbox"]');
  await adminPage.waitForURL("**/admin/outbox");
  // No SMTP server in this run: the page says the mails wait.
  await expect(adminPage.locator("p[role=note]")).toContainText("No mail server is configured");
  const row = adminPage.locator("table.outbox-table tbody tr", { hasText: key });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Registration");
  await expect(row).toContainText("client@technomarket.example");
  await expect(row).toContainText("Waiting");
  // The letter is written in the language the client had then (the desk's default, Russian).
  await row.locator("summary").click();
  await expect(row.locator("pre.mail-body")).toContainText(`под номером ${key}`);
  await adminPage.getByRole("button", { name: /^Sent/ }).click();
  await expect(adminPage.locator("table.outbox-table tbody tr", { hasText: key })).toHaveCount(0);
  await shot(adminPage, "outbox-en");
  expect(adminProblems).toEqual([]);
});
