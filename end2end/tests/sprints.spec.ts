import { test, expect } from "@playwright/test";
import { watchConsole, hydrated, signIn, column } from "./helpers";

test("a lead plans a backlog ticket into the next sprint and the plan shows it", async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, "lead@slaboard.example");
  await page.click('nav.topnav a[href="/sprints"]');
  await page.waitForURL("**/sprints");
  await hydrated(page);
  const current = page.locator("article.sprint", { hasText: "Спринт 48" });
  await expect(current.locator(".sprint-phase")).toHaveText("Active");
  // The demo's sprint holds what is in Sprint and In progress (six), and
  // what earlier tests moved into the Sprint column, which plans it into the
  // running sprint (issue 16).
  const listed = await (await page.request.post("/api/sprints/list", { data: {} })).json();
  const planned = listed.sprints.find((s: any) => s.name === "Спринт 48").tickets;
  expect(planned.length).toBeGreaterThanOrEqual(6);
  await expect(current.locator("tbody tr")).toHaveCount(planned.length);
  // Flagged: only resolution clocks that can still be missed before the
  // sprint ends (met, paused and passed ones are not), with the deadline on
  // the ticket's calendar and its zone.
  const flagged = planned.filter((t: any) => t.due_before_end);
  await expect(current.locator(".chip-flag")).toHaveCount(flagged.length);
  for (const t of flagged) {
    expect(new Date(t.due).getTime()).toBeGreaterThan(Date.now());
    const row = current.locator("tbody tr", { hasText: t.key });
    await expect(row.locator(".chip-flag")).toHaveText("SLA deadline before the sprint ends");
  }
  for (const t of planned.filter((t: any) => t.due_local)) {
    await expect(current.locator("tbody tr", { hasText: t.key })).toContainText(t.due_local);
    expect(t.due_local).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} [A-Z]{3,}$/);
  }

  // A new sprint: a zero length is explained, a clash with Спринт 49 too.
  await page.fill("#sprint-name", "Спринт 50");
  await page.fill("#sprint-starts_on", "2020-01-06");
  await page.fill("#sprint-length_days", "0");
  await page.fill("#sprint-capacity_hours", "80");
  await page.click("#sprint-form button[type=submit]");
  await expect(page.locator("#sprint-length_days-error")).toHaveText("From 1 to 60.");
  await page.fill("#sprint-length_days", "14");
  await page.click("#sprint-form button[type=submit]");
  await expect(page.locator(".admin-notice")).toHaveText("Saved.");
  await expect(page.locator("article.sprint", { hasText: "Спринт 50" }).locator(".sprint-phase")).toHaveText("Finished");

  // Plan a backlog ticket into the next sprint from its page.
  await page.goto("/");
  await hydrated(page);
  const card = column(page, "backlog").locator("article.card").first();
  const key = await card.getAttribute("data-key");
  await card.locator(".card-title a").click();
  await page.waitForURL(`**/tickets/${key}`);
  await hydrated(page);
  await page.selectOption("#edit-sprint", { label: "Спринт 49" });
  await page.click("#edit-sprint ~ button[type=submit]");
  await expect(page.locator(`section[aria-labelledby="ticket-fields"]`)).toContainText("Спринт 49");
  await page.goto("/sprints");
  await hydrated(page);
  await expect(page.locator("article.sprint", { hasText: "Спринт 49" }).locator("tbody tr", { hasText: key! })).toHaveCount(1);
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/sprints-en.png`, fullPage: true });
  expect(problems).toEqual([]);
});

test("clients have no sprints", async ({ page }) => {
  await signIn(page, "client@technomarket.example");
  await expect(page.locator('nav.topnav a[href="/sprints"]')).toHaveCount(0);
  await page.goto("/sprints");
  await hydrated(page);
  await expect(page.locator(".sprints-page .error")).toContainText("You do not have access to this");
});
