import { test, expect, type Page } from "@playwright/test";
import { type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hydrated, signIn, watchConsole } from "./helpers";
import { freePort, startServer, stopServer } from "./own_server";

// Issue 15: a client accepts a release and rates it 5; a lead opens
// /reports and sees the month's score and compliance. It archives a ticket
// (the shared server's archive is counted by other tests), so it runs its
// own server (`own_server.ts`).

async function api(page: Page, endpoint: string, data: object): Promise<any> {
  const res = await page.request.post(`/api/${endpoint}`, { data });
  expect(res.status(), `${endpoint}: ${await res.text()}`).toBe(200);
  return res.json();
}

async function shot(page: Page, name: string) {
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/${name}.png`, fullPage: true });
}

test.describe("ratings and reports", () => {
  let dataDir = "";
  let port = 0;
  let server: ChildProcess | undefined;

  test.beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "slaboard-quality-"));
    port = await freePort();
    server = await startServer(dataDir, port);
  });

  test.afterAll(async () => {
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("a client accepts a release and rates it 5; the lead sees the month's score and compliance", async ({ browser }) => {
    test.setTimeout(90_000);
    const base = `http://127.0.0.1:${port}`;
    const clientContext = await browser.newContext({ baseURL: base });
    const client = await clientContext.newPage();
    const clientProblems = watchConsole(client);
    await signIn(client, "client@technomarket.example");
    const created = await api(client, "tickets/create", {
      title: "Как выгрузить остатки в Excel?",
      description: "Нужна инструкция.",
      category: "consultation",
      priority: "normal",
    });

    // The consultant answers and releases it.
    const agentContext = await browser.newContext({ baseURL: base });
    const agent = await agentContext.newPage();
    await signIn(agent, "consultant@slaboard.example");
    let t = await api(agent, "tickets/get", { key: created.key });
    await api(agent, "tickets/move", { id: created.id, to: "in_progress", version: t.ticket.version });
    t = await api(agent, "tickets/get", { key: created.key });
    const me = t.actions.assignees.find((a: any) => a.name === "Мария Кузнецова");
    await api(agent, "tickets/edit", { id: created.id, version: t.ticket.version, edit: { field: "assignee", value: me.id } });
    await api(agent, "tickets/comment", { id: created.id, body: "Отчёты → Остатки → Экспорт в Excel." });
    t = await api(agent, "tickets/get", { key: created.key });
    await api(agent, "tickets/move", { id: created.id, to: "release", version: t.ticket.version });

    // The client accepts the release on the ticket page…
    await client.goto(`/tickets/${created.key}`);
    await hydrated(client);
    await expect(client.locator(".ticket-rating")).toHaveCount(0);
    await client.selectOption("#move-target", "archive");
    await client.click(".move-form button[type=submit]");
    // …and is asked for a rating. Sending none is refused in the form.
    const form = client.locator("form.rating-form");
    await expect(form).toBeVisible();
    await form.locator("button[type=submit]").click();
    await expect(form.locator(".form-error")).toContainText("Choose a rating from 1 to 5");
    // The keyboard reaches the scale: five radio buttons, best first.
    await expect(form.locator("input[type=radio]")).toHaveCount(5);
    await client.check("#rating-5");
    await client.fill("#rating-comment", "Быстро и понятно, спасибо!");
    await shot(client, "rating-form-en");
    await form.locator("button[type=submit]").click();
    await expect(client.locator("form.rating-form")).toHaveCount(0);
    const given = client.locator(".rating-given");
    await expect(given).toHaveCount(1);
    await expect(given).toContainText("5 / 5");
    await expect(given).toContainText("Быстро и понятно, спасибо!");
    await expect(client.locator("ol.history")).toContainText("Rating: — → 5 / 5");
    await shot(client, "rating-given-en");
    // Clients have no reports unless the admin allows it.
    await expect(client.locator('nav.topnav a[href="/reports"]')).toHaveCount(0);
    expect(clientProblems).toEqual([]);

    // The lead opens the reports from the navigation, in Russian.
    const leadContext = await browser.newContext({ baseURL: base, locale: "ru-RU", viewport: { width: 1280, height: 1000 } });
    const lead = await leadContext.newPage();
    const leadProblems = watchConsole(lead);
    await signIn(lead, "lead@slaboard.example");
    await lead.click('nav.topnav a[href="/reports"]');
    await lead.waitForURL("**/reports");
    await hydrated(lead);
    await expect(lead.locator("h1")).toHaveText("Отчёты");
    // The month's score: the one rating, 5.00, good.
    await expect(lead.locator("#summary-quality")).toHaveText("5.00 · хорошо");
    // Compliance: shares of reactions and resolutions met, with counts.
    await expect(lead.locator("#summary-reaction")).toHaveText(/^\d{1,3}\.\d %$/);
    await expect(lead.locator("#summary-resolution")).toHaveText(/^\d{1,3}\.\d %$/);
    const byOrg = lead.locator("table[aria-labelledby=report-by-org] tbody tr", { hasText: "Техномаркет" });
    await expect(byOrg).toHaveCount(1);
    const quality = lead.locator("table[aria-labelledby=report-quality-by-agent] tbody tr");
    await expect(quality).toHaveCount(1);
    await expect(quality.first()).toContainText("Мария Кузнецова");
    await expect(quality.first()).toContainText("5.00");
    await expect(quality.first()).toContainText("хорошо");
    // The charts are drawn in the page's language.
    await expect(lead.locator("figure.chart-quality svg title")).toHaveText("Средняя оценка по месяцам");
    await expect(lead.locator("figure.chart-compliance svg")).toBeVisible();
    // Every table downloads as CSV.
    const csv = lead.locator("a.csv-link").first();
    await expect(csv).toHaveAttribute("href", /^data:text\/csv;charset=utf-8,/);
    await expect(csv).toHaveAttribute("download", /compliance-by-organisation-\d{4}-\d{2}\.csv/);
    await shot(lead, "reports-ru");

    // The filters are the URL: narrowing to the consultant keeps the score.
    await lead.selectOption("#report-agent", { label: "Мария Кузнецова" });
    await lead.click(".report-filters button[type=submit]");
    await lead.waitForURL(/\/reports\?month=\d{4}-\d{2}&org=&agent=\d+&level=$/);
    await hydrated(lead);
    await expect(lead.locator("#report-agent")).toHaveValue(String(me.id));
    await expect(lead.locator("#summary-quality")).toHaveText("5.00 · хорошо");
    // Another agent, nothing rated.
    const before = lead.url();
    await lead.selectOption("#report-agent", { label: "Юлия Бондаренко" });
    await lead.click(".report-filters button[type=submit]");
    await lead.waitForURL((url) => url.href !== before);
    await hydrated(lead);
    await expect(lead.locator("#summary-quality")).toHaveText("нет оценок");
    expect(leadProblems).toEqual([]);
  });
});
