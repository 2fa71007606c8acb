import { test, expect } from "@playwright/test";
import { watchConsole, hydrated, signIn, column } from "./helpers";

test("the board shows five columns of demo cards in every SLA state", async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, "lead@slaboard.example");
  const columns = page.locator("section.column");
  await expect(columns.locator("h2")).toHaveText(["Backlog", "Sprint", "In progress", "Done", "Release"]);
  for (let i = 0; i < 5; i++) {
    await expect(columns.nth(i).locator("article.card").first()).toBeVisible();
  }
  for (const state of ["on-track", "at-risk", "breached", "paused", "met"]) {
    await expect(page.locator(`.sla-badge.sla-${state}`).first()).toBeVisible();
  }
  expect(problems).toEqual([]);
});

test("a running countdown ticks in the browser", async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, "lead@slaboard.example");
  // A 24/7 card counts down at any hour, so the test does not depend on
  // when it runs.
  // The words round the time left (issue 17); the exact seconds tick.
  const badge = page.locator('[data-calendar="always"] .sla-badge.sla-on-track').first();
  await expect(badge).toBeVisible();
  const first = Number(await badge.getAttribute("data-remaining"));
  await page.waitForTimeout(2_000);
  const second = Number(await badge.getAttribute("data-remaining"));
  expect(second).toBeLessThan(first);
  expect(problems).toEqual([]);
});

test("a fresh page load hydrates without warnings", async ({ page }) => {
  await signIn(page, "lead@slaboard.example");
  const problems = watchConsole(page);
  await page.reload();
  await hydrated(page);
  await page.waitForTimeout(500);
  expect(problems).toEqual([]);
});

test("a card is dragged to another column", async ({ page }) => {
  await signIn(page, "lead@slaboard.example");
  const card = column(page, "backlog").locator("article.card").first();
  const key = await card.getAttribute("data-key");
  await card.dragTo(column(page, "sprint").locator("h2"));
  await expect(page.locator(".move-notice")).toContainText(`${key}`);
  await expect(column(page, "sprint").locator(`article[data-key="${key}"]`)).toBeVisible();
  await expect(column(page, "backlog").locator(`article[data-key="${key}"]`)).toHaveCount(0);
});

test("a card is moved by keyboard and the move is announced", async ({ page }) => {
  await signIn(page, "consultant@slaboard.example");
  const card = column(page, "in_progress").locator("article.card").first();
  const key = await card.getAttribute("data-key");
  await card.focus();
  await page.keyboard.press("Shift+ArrowRight");
  await expect(page.locator(".move-notice[aria-live=polite]")).toContainText(`${key}`);
  await expect(column(page, "done").locator(`article[data-key="${key}"]`)).toBeVisible();
});

test("a refused move snaps back with a message", async ({ page }) => {
  // An operator may not take tickets into a sprint (leads plan sprints).
  await signIn(page, "operator@slaboard.example");
  const card = column(page, "backlog").locator("article.card").first();
  const key = await card.getAttribute("data-key");
  await card.dragTo(column(page, "sprint").locator("h2"));
  await expect(page.locator(".move-notice .notice-error")).toContainText(`${key}`);
  await expect(column(page, "backlog").locator(`article[data-key="${key}"]`)).toBeVisible();
  await expect(column(page, "sprint").locator(`article[data-key="${key}"]`)).toHaveCount(0);
});

test("switching the language to Ukrainian", async ({ page }) => {
  await signIn(page, "lead@slaboard.example");
  await page.selectOption("#language", "uk");
  await expect(column(page, "in_progress").locator("h2")).toHaveText("В роботі");
  await page.reload();
  await hydrated(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "uk");
  await expect(column(page, "backlog").locator("h2")).toHaveText("Беклог");
});

test("filtering by SLA state keeps only breached cards and lives in the URL", async ({ page }) => {
  await signIn(page, "lead@slaboard.example");
  const all = await page.locator("article.card").count();
  await page.selectOption("#filter-sla", "breached");
  await expect(page).toHaveURL(/[?&]sla=breached/);
  const shown = page.locator("article.card");
  await expect(shown.first()).toBeVisible();
  const n = await shown.count();
  expect(n).toBeLessThan(all);
  await expect(page.locator("article.card .sla-badge:not(.sla-breached)")).toHaveCount(0);
  // The filtered URL is shareable: a fresh load shows the same cards.
  await page.reload();
  await hydrated(page);
  await expect(page.locator("article.card")).toHaveCount(n);
  await expect(page.locator("#filter-sla")).toHaveValue("breached");
  await page.fill("#filter-q", "zzz-no-such-ticket");
  await expect(page.locator("article.card")).toHaveCount(0);
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page.locator("article.card")).toHaveCount(all);
});
