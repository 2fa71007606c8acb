// Issue 17: the board and the ticket page for the people who use them all
// day — a deadline anyone can read, honest waits, each role's own
// controls, the keyboard and the phone, and no serious accessibility
// problem on the main pages.
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { watchConsole, hydrated, signIn, signInAdmin, column } from "./helpers";

async function language(page: Page, code: "en" | "ru" | "uk") {
  await page.selectOption("#language", code);
  await expect(page.locator("html")).toHaveAttribute("lang", code);
}

test("each card states its deadline itself, in words of the viewer's language", async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, "lead@slaboard.example");
  // A running clock: the working time left, rounded, and the deadline.
  const badge = page.locator("article.card .sla-badge.sla-on-track, article.card .sla-badge.sla-at-risk").first();
  const day = {
    en: /^due (today|tomorrow|yesterday|(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} \w{3}( \d{4})?,) \d\d:\d\d( MSK| \w+)?$/,
    ru: /^срок (сегодня|завтра|вчера|(пн|вт|ср|чт|пт|сб|вс) \d{1,2} [а-я]+\.?( \d{4})?,) \d\d:\d\d/,
    uk: /^термін (сьогодні|завтра|вчора|(пн|вт|ср|чт|пт|сб|нд) \d{1,2} [а-яіїє]+\.?( \d{4})?,) \d\d:\d\d/,
  };
  const left = { en: / left$/, ru: /^осталось /, uk: /^залишилося / };
  for (const code of ["en", "ru", "uk"] as const) {
    await language(page, code);
    await expect(badge.locator(".sla-due")).toHaveText(day[code]);
    const time = (await badge.locator(".sla-time").textContent())!;
    expect(time).toMatch(left[code]);
    // Seconds tick only in the last hour.
    const hours = Number(time.match(/(\d+) (h|ч|год)/)?.[1] ?? 0);
    if (hours >= 1) expect(time).not.toMatch(/\d (s|с)( |$)/);
  }
  // The calendar's clock and the viewer's are reachable without a mouse:
  // the badge's button opens them on focus and on tap.
  await language(page, "en");
  const when = badge.locator(".sla-when");
  await expect(when).toBeHidden();
  await badge.locator("button.sla-toggle").focus();
  await expect(when).toBeVisible();
  await expect(when).toContainText("calendar time:");
  await badge.locator("button.sla-toggle").click();
  await page.locator("h1").first().click();
  await expect(when).toBeVisible();
  expect(problems).toEqual([]);
});

test("the ticket page's SLA section ticks with the badge and never contradicts it", async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, "lead@slaboard.example");
  const card = page.locator("article.card", { has: page.locator(".sla-badge.sla-on-track, .sla-badge.sla-at-risk") }).first();
  const key = (await card.getAttribute("data-key"))!;
  await card.locator(".card-title a").click();
  await page.waitForURL(`**/tickets/${key}`);
  await hydrated(page);
  const badge = page.locator(".ticket-head .sla-badge");
  const kind = (await badge.locator(".sla-kind").textContent())!.trim();
  const section = page.locator(".sla-clock", { has: page.locator("h3", { hasText: new RegExp(`^${kind}$`, "i") }) });
  // The same words for the time left in both places, read from one clock.
  const badgeTime = (await badge.locator(".sla-time").textContent())!;
  await expect(section.locator(".sla-standing")).toContainText(badgeTime);
  expect(problems).toEqual([]);
});

test("an agent sorts a column by time to breach and the URL keeps the quick filters", async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, "lead@slaboard.example");
  await page.click("#sort-breach");
  await page.waitForURL(/sort=breach/);
  await expect(page.locator("#sort-breach")).toHaveAttribute("aria-pressed", "true");
  await page.click("#quick-unassigned");
  await page.waitForURL(/unassigned=1/);
  await expect(page.locator("article.card .assignee .unassigned").first()).toBeVisible();
  await expect(page.locator("article.card .assignee:not(:has(.unassigned))")).toHaveCount(0);
  await page.reload();
  await hydrated(page);
  await expect(page.locator("#quick-unassigned")).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("#sort-breach")).toHaveAttribute("aria-pressed", "true");
  await page.click("#quick-unassigned");
  await page.click("#quick-mine");
  await page.waitForURL(/mine=1/);
  // The lead's own tickets only: every card shown names them.
  const assignees = await page.locator("article.card .assignee").allTextContents();
  expect(new Set(assignees).size).toBeLessThanOrEqual(1);
  expect(problems).toEqual([]);
});

test("after a keyboard move the focus stays on the card in its new column and the move is said", async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, "consultant@slaboard.example");
  const card = column(page, "in_progress").locator("article.card").first();
  const key = (await card.getAttribute("data-key"))!;
  await card.focus();
  await page.keyboard.press("Shift+ArrowRight");
  const moved = column(page, "done").locator(`article[data-key="${key}"]`);
  await expect(moved).toBeVisible();
  await expect(moved).toBeFocused();
  await expect(moved).toBeInViewport();
  await expect(page.locator(".move-notice[aria-live=polite]")).toContainText(key);
  await expect(page.locator(".move-notice[aria-live=polite]")).toContainText("Done");
  // The focus ring is drawn.
  const outline = await moved.evaluate((e) => getComputedStyle(e).outlineStyle);
  expect(outline).not.toBe("none");
  expect(problems).toEqual([]);
});

test("? lists the keyboard shortcuts and Escape closes the list", async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, "operator@slaboard.example");
  await page.locator("body").press("?");
  const dialog = page.locator('[role="dialog"].shortcuts');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Shift+→");
  await expect(page.locator("#shortcuts-close")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  expect(problems).toEqual([]);
});

test("a wait is refused without its question and, with one, the client sees what is asked", async ({ browser }) => {
  const title = "Как настроить скидку на второй товар в чеке?";
  const question = "Which cash register model do you use, and which version of the discount module?";
  const agent = await browser.newPage();
  const problems = watchConsole(agent);
  await signIn(agent, "operator@slaboard.example");
  const card = agent.locator("article.card", { hasText: title });
  const key = (await card.getAttribute("data-key"))!;
  await card.locator(".card-title a").click();
  await agent.waitForURL(`**/tickets/${key}`);
  await hydrated(agent);
  await agent.selectOption("#edit-waiting", "client_info");
  const change = agent.locator("form:has(#edit-waiting) button[type=submit]");
  await change.click();
  await expect(agent.locator(".ticket-edits .form-error")).toContainText("Write to the client what you are asking");
  await expect(agent.locator(".ticket-head .chip-waiting")).toHaveCount(0);
  // The server refuses it too, whatever a form does.
  const refused = await agent.evaluate(async (k) => {
    const page = await fetch("/api/tickets/get", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: k }) }).then((r) => r.json());
    const r = await fetch("/api/tickets/edit", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: page.ticket.id, version: page.ticket.version, edit: { field: "waiting", value: "client_info" } }),
    });
    return [r.status, await r.text()];
  }, key);
  expect(refused[0]).toBe(422);
  expect(refused[1]).toContain("wait_needs_message");
  await agent.fill("#wait-message", question);
  await change.click();
  await expect(agent.locator(".ticket-head .chip-waiting")).toHaveText("Waiting for client info");
  await expect(agent.locator(".ticket-head .ticket-asked")).toContainText(question);
  await expect(agent.locator("ol.history")).toContainText(question);
  await expect(agent.locator(".comments")).toContainText(question);
  expect(problems).toEqual([]);
  await agent.close();

  const client = await browser.newPage();
  const seen = watchConsole(client);
  await signIn(client, "client@technomarket.example");
  await expect(client.locator(".needs-you")).toContainText(title);
  await expect(client.locator(".needs-you")).toContainText(question);
  await expect(client.locator(`article.card[data-key="${key}"] .card-asked`)).toContainText(question);
  await client.locator(`article.card[data-key="${key}"] .card-title a`).click();
  await client.waitForURL(`**/tickets/${key}`);
  await hydrated(client);
  await expect(client.locator(".ticket-asked h2")).toHaveText("Asked of you");
  await expect(client.locator(".ticket-asked")).toContainText(question);
  expect(seen).toEqual([]);
  await client.close();
});

test("a client's board has none of the agents' controls and shows what needs them first", async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, "client@technomarket.example");
  await expect(page.locator(".needs-you h2")).toHaveText("Needs you");
  await expect(page.locator(".board-hint")).toHaveCount(0);
  await expect(page.locator("#filter-org")).toHaveCount(0);
  await expect(page.locator("#filter-assignee")).toHaveCount(0);
  await expect(page.locator("#filter-sprint")).toHaveCount(0);
  await expect(page.locator(".quick-filters")).toHaveCount(0);
  await expect(page.locator('article.card[draggable="true"]')).toHaveCount(0);
  await expect(page.locator("nav.topnav a[href^='/admin']")).toHaveCount(0);
  expect(problems).toEqual([]);
});

test("on a 390 px phone the first card starts within the first screen", async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const problems = watchConsole(page);
  await signIn(page, "lead@slaboard.example");
  const first = page.locator("article.card").first();
  const box = (await first.boundingBox())!;
  expect(box.y).toBeLessThan(844 - 120);
  // The filters fold behind one button.
  await expect(page.locator("#filter-priority")).toBeHidden();
  await page.click(".filters-toggle");
  await expect(page.locator("#filter-priority")).toBeVisible();
  // The header is one line.
  const bar = (await page.locator("header.topbar, .topbar").first().boundingBox())!;
  expect(bar.height).toBeLessThan(64);
  expect(problems).toEqual([]);
  await page.close();
});

test("on a phone the ticket's problem and reply box come before its controls", async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await signIn(page, "operator@slaboard.example");
  const key = (await page.locator("article.card").first().getAttribute("data-key"))!;
  await page.goto(`/tickets/${key}`);
  await hydrated(page);
  const description = (await page.locator("#ticket-description").boundingBox())!;
  const controls = (await page.locator(".ticket-side").boundingBox())!;
  expect(description.y).toBeLessThan(controls.y);
  await page.close();
});

// axe-core on the main pages: nothing serious or critical.
async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  return bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
}

test("axe finds nothing serious on the board, a ticket, the create form and the sprints page", async ({ page }) => {
  await signIn(page, "lead@slaboard.example");
  expect(await axe(page), "board").toEqual([]);
  const key = (await page.locator("article.card").first().getAttribute("data-key"))!;
  await page.goto(`/tickets/${key}`);
  await hydrated(page);
  expect(await axe(page), "ticket page").toEqual([]);
  await page.goto("/tickets/new");
  await hydrated(page);
  expect(await axe(page), "create form").toEqual([]);
  await page.goto("/sprints");
  await hydrated(page);
  expect(await axe(page), "sprints page").toEqual([]);
});

test("axe finds nothing serious on the admin's policies, nor on a client's board", async ({ page }) => {
  await signInAdmin(page);
  await page.goto("/admin/policies");
  await hydrated(page);
  expect(await axe(page), "admin policies").toEqual([]);
  // The table form filled with a preset's levels, and the calendar grid.
  await page.locator("table.admin-table tbody tr", { hasText: "technomarket" }).locator("button").first().click();
  await expect(page.locator("#policy-form fieldset.policy-level")).toHaveCount(5);
  expect(await axe(page), "policy table form").toEqual([]);
  await page.click('nav.admin-tabs a[href="/admin/calendars"]');
  await page.waitForURL("**/admin/calendars");
  await page.locator("table.admin-table tbody tr").first().locator("button").first().click();
  await expect(page.locator("#calendar-name")).not.toHaveValue("");
  expect(await axe(page), "calendar grid").toEqual([]);
  await page.context().clearCookies();
  await signIn(page, "client@technomarket.example");
  expect(await axe(page), "client board").toEqual([]);
});
