import { test, expect } from "@playwright/test";
import { watchConsole, hydrated, signIn, column } from "./helpers";

test("a client creates a ticket through the form and it lands in the backlog", async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, "client@technomarket.example");
  await page.click("a.new-ticket-link");
  await page.waitForURL("**/tickets/new");
  await hydrated(page);
  // An empty title is refused in the browser, with the message by the field.
  await page.click("button[type=submit]");
  await expect(page.locator("#ticket-title")).toHaveAttribute("aria-invalid", "true");
  const title = `Не работает печать накладных ${Date.now()}`;
  await page.fill("#ticket-title", title);
  await page.fill("#ticket-description", "После обновления кнопка «Печать» ничего не делает.");
  await page.selectOption("#ticket-priority", "high");
  await page.click("button[type=submit]");
  await page.waitForURL(/\/tickets\/SUP-\d+$/);
  await hydrated(page);
  await expect(page.locator("h1")).toContainText(title);
  await page.goto("/");
  await hydrated(page);
  await expect(column(page, "backlog").locator("article.card", { hasText: title })).toBeVisible();
  expect(problems).toEqual([]);
});

test("the ticket page shows the SLA timeline and an agent's reply stops the reaction clock", async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, "consultant@slaboard.example");
  const card = column(page, "backlog").locator("article.card").first();
  const key = await card.getAttribute("data-key");
  await card.locator(".card-title a").click();
  await page.waitForURL(`**/tickets/${key}`);
  await hydrated(page);
  await expect(page.locator("#sla-timeline")).toBeVisible();
  await page.fill("#comment-body", "Здравствуйте! Проверяем, ответим до конца дня.");
  await page.click(".comment-form button[type=submit]");
  await expect(page.locator("ol.comments")).toContainText("Проверяем");
  await page.goto("/");
  await hydrated(page);
  await expect(page.locator(`article[data-key="${key}"] .sla-badge`)).toHaveClass(/sla-(met|on-track)/);
  expect(problems).toEqual([]);
});

test("a lead's estimate gives a Smart Systems change request its resolution deadline", async ({ page }) => {
  const problems = watchConsole(page);
  // The client asks for a change: seed 000 resolves those by the estimate.
  await signIn(page, "client@smarttrade.example");
  await page.click("a.new-ticket-link");
  await page.waitForURL("**/tickets/new");
  await hydrated(page);
  const title = `Вивантаження замовлень у 1С ${Date.now()}`;
  await page.fill("#ticket-title", title);
  await page.selectOption("#ticket-category", "change_request");
  await page.click("button[type=submit]");
  await page.waitForURL(/\/tickets\/SUP-\d+$/);
  const url = page.url();
  await page.click("button.sign-out");
  await page.waitForURL("**/login");

  await signIn(page, "lead@slaboard.example");
  await page.goto(url);
  await hydrated(page);
  const resolution = page.locator(".sla-clock", { hasText: "Resolution" });
  await expect(resolution).toHaveCount(0);
  await expect(page.locator(`section[aria-labelledby="ticket-fields"]`)).toContainText("Not estimated");
  await page.fill("#edit-estimate", "0");
  await page.click("#edit-estimate ~ button[type=submit]");
  await expect(page.locator(".ticket-edits .form-error")).toHaveText("A whole number of working hours, 1 to 10000.");
  await page.fill("#edit-estimate", "16");
  await page.click("#edit-estimate ~ button[type=submit]");
  await expect(resolution).toHaveCount(1);
  await expect(page.locator(`section[aria-labelledby="ticket-fields"]`)).toContainText("16 hours");
  await expect(page.locator("ol.history, .history")).toContainText("16 hours");
  expect(problems).toEqual([]);
});
