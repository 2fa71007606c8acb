import { test, expect } from "@playwright/test";
import { watchConsole, hydrated, signIn, signInAdmin, column } from "./helpers";

// Seed 000 §7–8: a consultant asks a second-line department from the ticket
// page, sees the question's own countdown on the board card, and records
// the department's answer, which lands in the ticket as an internal note.
test("an agent escalates a ticket, sees the chip on its card and records the answer as an internal note", async ({
  page,
}) => {
  const problems = watchConsole(page);
  await signIn(page, "consultant@slaboard.example");
  const card = column(page, "in_progress").locator("article.card").first();
  const key = await card.getAttribute("data-key");
  await page.goto(`/tickets/${key}`);
  await hydrated(page);

  const section = page.locator("section.escalations");
  await expect(section.locator("h2")).toBeVisible();
  const finance = await page.locator("#escalate-department option", { hasText: "Финансовый отдел" }).getAttribute("value");
  await page.selectOption("#escalate-department", finance!);
  const question = `Можно ли вернуть предоплату по счёту? ${Date.now()}`;
  // Keyboard only: type the question, then submit from the focused button.
  await page.locator("#escalate-question").focus();
  await page.keyboard.type(question);
  await page.keyboard.press("Tab");
  await expect(page.locator(".escalation-form button[type=submit]")).toBeFocused();
  await page.keyboard.press("Enter");

  const item = section.locator("li.escalation", { hasText: question });
  await expect(item).toBeVisible();
  await expect(item.locator(".escalation-state")).toHaveClass(/state-open/);
  await expect(item.locator(".chip.escalation")).toContainText("Финансовый отдел");

  // The board card carries the chip with its own countdown.
  await page.goto("/");
  await hydrated(page);
  const chip = page.locator(`article[data-key="${key}"] .card-escalations li`, { hasText: "Финансовый отдел" });
  await expect(chip).toBeVisible();
  await expect(chip).toContainText(/left|осталось|залишилося/);

  // The department answered: recorded as an internal note.
  await page.goto(`/tickets/${key}`);
  await hydrated(page);
  const open = page.locator("section.escalations li.escalation", { hasText: question });
  const answer = `Возврат возможен по п. 7.2 договора ${Date.now()}`;
  await open.locator("textarea").fill(answer);
  await open.locator("button[type=submit]").click();
  const note = page.locator("ol.comments > li", { hasText: answer });
  await expect(note).toBeVisible();
  await expect(note.locator(".chip-internal")).toBeVisible();
  await expect(page.locator("section.escalations li.escalation", { hasText: question }).locator(".escalation-state")).toHaveClass(
    /state-answered/,
  );
  await page.goto("/");
  await hydrated(page);
  await expect(page.locator(`article[data-key="${key}"] .card-escalations li`, { hasText: "Финансовый отдел" })).toHaveCount(0);
  expect(problems).toEqual([]);
});

// Seed 000 §8: legal reads Mattermost and email. The admin edits the
// department's channel rows; a problem is shown at the row it concerns.
test("an admin gives a department a second channel, a wrong row refused at its place", async ({ page }) => {
  const problems = watchConsole(page);
  await signInAdmin(page);
  await page.click(`nav.admin-tabs a[href="/admin/departments"]`);
  await page.waitForURL("**/admin/departments");
  const row = page.locator("table.admin-table tbody tr", { hasText: "Маркетинг" });
  await row.locator("button.link-button").click();
  const form = page.locator("#department-form");
  await expect(form.locator(".channel-row")).toHaveCount(1);
  await form.getByRole("button", { name: /Add a channel|Добавить канал|Додати канал/ }).click();
  await expect(form.locator(".channel-row")).toHaveCount(2);
  const second = form.locator(".channel-row").nth(1);
  await expect(second.locator("input")).toBeFocused();
  await second.locator("select").selectOption("email");
  await second.locator("input").fill("not an address");
  await form.locator("button[type=submit]").click();
  await expect(second.locator("input")).toHaveAttribute("aria-invalid", "true");
  await expect(second.locator(".field-error")).not.toBeEmpty();
  await expect(form.locator(".channel-row").first().locator("input")).toHaveAttribute("aria-invalid", "false");
  const address = `marketing${Date.now() % 100000}@slaboard.example`;
  await second.locator("input").fill(address);
  await form.locator("button[type=submit]").click();
  await expect(page.locator("table.admin-table tbody tr", { hasText: "Маркетинг" })).toContainText(address);
  expect(problems).toEqual([]);
});
