import { test, expect, type ConsoleMessage } from "@playwright/test";

// Collects console errors and warnings (hydration mismatches are reported
// as console errors/warnings by Leptos) and failed page scripts.
function watchConsole(page: import("@playwright/test").Page): string[] {
  const problems: string[] = [];
  page.on("console", (msg: ConsoleMessage) => {
    if (msg.type() === "error" || msg.type() === "warning") {
      problems.push(`${msg.type()}: ${msg.text()}`);
    }
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}

test("the board shows five columns of demo cards", async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto("/");
  const columns = page.locator("section.column");
  await expect(columns).toHaveCount(5);
  await expect(columns.locator("h2")).toHaveText([
    "Backlog",
    "Sprint",
    "In progress",
    "Done",
    "Release",
  ]);
  for (let i = 0; i < 5; i++) {
    await expect(columns.nth(i).locator("article.card").first()).toBeVisible();
  }
  // Every SLA state of the demo data is on the board.
  for (const state of ["on-track", "at-risk", "breached", "paused", "met"]) {
    await expect(page.locator(`.sla-badge.sla-${state}`).first()).toBeVisible();
  }
  expect(problems).toEqual([]);
});

test("a running countdown ticks in the browser", async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto("/");
  await page.waitForFunction(() => (window as any).__slaboard_hydrated === true, null, {
    timeout: 15_000,
  });
  // A 24/7 card counts down at any hour of the day, so the test does not
  // depend on when it runs.
  const badge = page.locator('[data-key][data-calendar="always"] .sla-badge.sla-on-track .sla-time').first();
  await expect(badge).toBeVisible();
  const first = await badge.textContent();
  await page.waitForTimeout(2_000);
  const second = await badge.textContent();
  expect(second).not.toEqual(first);
  expect(problems).toEqual([]);
});
