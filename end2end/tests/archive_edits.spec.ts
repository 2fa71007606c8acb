import { test, expect } from "@playwright/test";
import { watchConsole, hydrated, signIn } from "./helpers";

// Screenshots for looking at the pages, when SHOTS names a folder.
async function shot(page: import("@playwright/test").Page, name: string) {
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/${name}.png`, fullPage: true });
}

test("the archive lists closed tickets and its search narrows them, kept in the URL", async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, "lead@slaboard.example");
  await page.click('nav.topnav a[href="/archive"]');
  await page.waitForURL("**/archive");
  await hydrated(page);
  await expect(page.locator('nav.topnav a[href="/archive"]')).toHaveAttribute("aria-current", "page");
  const rows = page.locator("table.archive-table tbody tr");
  await expect(rows).toHaveCount(5);
  await expect(rows.filter({ hasText: "Сделайте интерфейс красивее" }).locator(".chip-rejected")).toBeVisible();
  await shot(page, "archive-en");
  await page.fill("#archive-q", "ФИСКАЛЬНЫЙ");
  await page.press("#archive-q", "Enter");
  await page.waitForURL(/\/archive\?q=/);
  await hydrated(page);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Подключить второй фискальный регистратор");
  // The key opens the ticket.
  await rows.first().locator("a").click();
  await page.waitForURL(/\/tickets\/SUP-\d+$/);
  await hydrated(page);
  await expect(page.locator("h1")).toContainText("фискальный регистратор");
  expect(problems).toEqual([]);
});

test("an operator puts a ticket on hold for payment from its page and the SLA pauses", async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, "operator@slaboard.example");
  const card = page.locator("article.card", { hasText: "Недоступен интернет-банк для юрлиц" });
  const key = await card.getAttribute("data-key");
  await card.locator(".card-title a").click();
  await page.waitForURL(`**/tickets/${key}`);
  await hydrated(page);
  const change = page.locator("form:has(#edit-waiting) button[type=submit]");
  await expect(change).toBeDisabled();
  await page.selectOption("#edit-waiting", "payment");
  // A wait says what it waits for (issue 17): here, what is due.
  await page.fill("#wait-message", "Please pay invoice 2026-118 (12 000 ₽) to continue.");
  await change.click();
  await expect(page.locator(".ticket-head .chip-waiting")).toHaveText("Waiting for payment");
  await expect(page.locator(".ticket-head .ticket-asked")).toContainText("invoice 2026-118");
  // The message asking for payment was the reaction; this contract sets no
  // resolution target, so no clock is left to pause.
  await expect(page.locator(".ticket-head .sla-badge")).toHaveClass(/sla-met/);
  await expect(page.locator("ol.history")).toContainText("Waiting: — → Waiting for payment");
  await shot(page, "ticket-waiting-en");
  // And back: ending the wait lets the clock run again.
  await page.selectOption("#edit-waiting", "");
  await change.click();
  await expect(page.locator(".ticket-head .chip-waiting")).toHaveCount(0);
  await expect(page.locator(".ticket-head .sla-badge")).not.toHaveClass(/sla-paused/);
  expect(problems).toEqual([]);
});
