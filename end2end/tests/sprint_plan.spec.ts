import { test, expect, type Page } from "@playwright/test";
import { type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hydrated, signIn, watchConsole } from "./helpers";
import { freePort, startServer, stopServer } from "./own_server";

// Issue 16: a lead drags three backlog tickets into the sprint, sees one
// flagged as breaching, reorders to fix it, and closes the sprint with one
// carried over. This test closes the demo's running sprint, so it runs its
// own server (scripts/test.sh names the release binary and the site) and
// leaves the shared one alone (`own_server.ts`).

async function api(page: Page, endpoint: string, data: object): Promise<any> {
  const res = await page.request.post(`/api/${endpoint}`, { data });
  expect(res.status(), `${endpoint}: ${await res.text()}`).toBe(200);
  return res.json();
}

test.describe("sprint planning", () => {
  let dataDir = "";
  let port = 0;
  let server: ChildProcess | undefined;

  test.beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "slaboard-plan-"));
    port = await freePort();
    server = await startServer(dataDir, port);
  });

  test.afterAll(async () => {
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("a lead plans three tickets, fixes a breach by reordering and closes with one carried over", async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}`, viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await signIn(page, "lead@slaboard.example");
    const list = await api(page, "sprints/list", {});
    const sprint = list.sprints.find((s: any) => s.name === "Спринт 48");

    // Three backlog tickets: an urgent one (a running resolution clock with a
    // day or more left, one hour of work), a big one, and one more.
    const view = await api(page, "sprints/plan_view", { id: sprint.id });
    const urgent = view.backlog.find((c: any) => c.resolution.clock === "running" && c.remaining_secs > 8 * 3600);
    expect(urgent, JSON.stringify(view.backlog)).toBeTruthy();
    const others = view.backlog.filter((c: any) => c.id !== urgent.id).slice(0, 2);
    const [big, third] = others;
    for (const [card, hours] of [[urgent, 1], [big, 400], [third, 2]] as const) {
      if (card.estimate_hours === hours) continue;
      await api(page, "tickets/edit", { id: card.id, version: card.version, edit: { field: "estimate", value: hours } });
    }

    await page.goto(`/sprints/${sprint.id}/plan`);
    await hydrated(page);
    const backlog = page.locator(".plan-backlog");
    const planned = page.locator(".plan-sprint");
    const inSprint = (key: string) => planned.locator(`.plan-card[data-key="${key}"]`);
    // Dragged in: the big one first, so the urgent one waits behind it.
    for (const card of [big, urgent, third]) {
      await backlog.locator(`.plan-card[data-key="${card.key}"]`).dragTo(planned.locator("h2"));
      await expect(inSprint(card.key)).toHaveCount(1);
      await expect(page.locator(".plan-notice")).toContainText("Planned into the sprint.");
    }
    await expect(inSprint(urgent.key)).toHaveClass(/plan-late/);
    await expect(inSprint(urgent.key).locator(".forecast-late")).toContainText("Breach by");
    await expect(page.locator(".plan-late-count")).toBeVisible();
    if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/plan-breach-en.png`, fullPage: true });

    // Reordered with the keyboard: Shift+↑ until it is first. The forecast
    // is recomputed in the browser at once.
    const cards = planned.locator(".plan-card");
    const count = await cards.count();
    for (let i = 0; i < count; i++) {
      if ((await cards.first().getAttribute("data-key")) === urgent.key) break;
      await inSprint(urgent.key).focus();
      await page.keyboard.press("Shift+ArrowUp");
    }
    await expect(cards.first()).toHaveAttribute("data-key", urgent.key);
    await expect(inSprint(urgent.key)).not.toHaveClass(/plan-late/);
    await expect(inSprint(urgent.key).locator(".forecast-ok")).toHaveText("In time");
    await expect(page.locator(".plan-notice")).toContainText("The order is saved.");
    // The server kept the order (the last save may still be on its way).
    await expect
      .poll(async () => (await api(page, "sprints/plan_view", { id: sprint.id })).planned[0].id)
      .toBe(urgent.id);

    // Screenshots of the planning view and the burndown in three languages.
    if (process.env.SHOTS) {
      for (const lang of ["en", "ru", "uk"]) {
        await page.selectOption("#language", lang);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        await expect(page.locator(".chart-burndown svg")).toBeVisible();
        await page.screenshot({ path: `${process.env.SHOTS}/plan-${lang}.png`, fullPage: true });
        await page.locator(".sprint-charts").screenshot({ path: `${process.env.SHOTS}/burndown-${lang}.png` });
      }
      await page.selectOption("#language", "en");
    }

    // Closed with one carried over, the rest back to the backlog.
    const decisions = page.locator(".close-decisions li");
    const n = await decisions.count();
    expect(n).toBeGreaterThan(1);
    for (let i = 0; i < n; i++) {
      const li = decisions.nth(i);
      const key = await li.getAttribute("data-key");
      await li.locator("select").selectOption(key === big.key ? "next_sprint" : "backlog");
    }
    await page.click(".sprint-close button[type=submit]");
    await expect(page.locator(".plan-notice")).toContainText("The sprint is closed.");
    const report = page.locator(".sprint-report");
    await expect(report).toBeVisible();
    await expect(report.locator('tr[data-outcome="carried_over"]')).toHaveCount(1);
    await expect(report.locator('tr[data-outcome="carried_over"]')).toContainText(big.key);
    await expect(report.locator('tr[data-outcome="back_to_backlog"]')).toHaveCount(n - 1);
    await expect(page.locator(".sprint-close")).toHaveCount(0);
    await expect(page.locator(".plan-card[draggable=true]")).toHaveCount(0);
    if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/report-en.png`, fullPage: true });

    // The carried-over ticket is in the next sprint, still in Sprint.
    const next = list.sprints.find((s: any) => s.name === "Спринт 49");
    const nextView = await api(page, "sprints/plan_view", { id: next.id });
    expect(nextView.planned.map((c: any) => c.key)).toContain(big.key);

    // No sprint runs now, and with a second one open a drag into the Sprint
    // column asks which: cancelled, nothing moves; answered, it is planned.
    const start = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await api(page, "sprints/save", { name: "Спринт 60", goal: "", starts_on: start, length_days: 14, capacity_hours: 40 });
    await page.goto("/");
    await hydrated(page);
    const card = page.locator('section.column[data-status="backlog"] article.card').first();
    const key = (await card.getAttribute("data-key"))!;
    const questions: string[] = [];
    page.once("dialog", (d) => { questions.push(d.message()); void d.dismiss(); });
    await card.dragTo(page.locator('section.column[data-status="sprint"] h2'));
    await expect(page.locator(".move-notice .notice-error")).toContainText("choose one");
    expect(questions[0]).toMatch(/1\. Спринт 49\n2\. Спринт 60/);
    await expect(page.locator(`section.column[data-status="backlog"] article[data-key="${key}"]`)).toHaveCount(1);
    page.once("dialog", (d) => void d.accept("2"));
    await page.locator(`section.column[data-status="backlog"] article[data-key="${key}"]`)
      .dragTo(page.locator('section.column[data-status="sprint"] h2'));
    await expect(page.locator(`section.column[data-status="sprint"] article[data-key="${key}"]`)).toHaveCount(1);
    const got = await api(page, "tickets/get", { key });
    expect(got.ticket.sprint).toBe("Спринт 60");
    expect(problems).toEqual([]);
    await context.close();
  });
});
