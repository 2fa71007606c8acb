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
