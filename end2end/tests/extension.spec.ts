import { test, expect, type Page } from "@playwright/test";
import { type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hydrated, signIn, watchConsole } from "./helpers";
import { freePort, startServer, stopServer } from "./own_server";

// Issue 15, seed 004: a consultant proposes a later resolution deadline on
// the ticket page; it changes only when the client agrees there. It moves
// a deadline the shared server's board tests may read, so it runs its own
// server (`own_server.ts`).

async function api(page: Page, endpoint: string, data: object): Promise<any> {
  const res = await page.request.post(`/api/${endpoint}`, { data });
  expect(res.status(), `${endpoint}: ${await res.text()}`).toBe(200);
  return res.json();
}

async function shot(page: Page, name: string) {
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/${name}.png`, fullPage: true });
}

function resolution(t: any): any {
  return t.sla.clocks.find((c: any) => c.kind === "resolution");
}

// An instant as a `datetime-local` value on Moscow's clock (Техномаркет's calendar).
function moscowInput(t: Date): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Moscow",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  })
    .format(t)
    .replace(" ", "T");
}

test.describe("deadline extension", () => {
  let dataDir = "";
  let port = 0;
  let server: ChildProcess | undefined;

  test.beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "slaboard-extension-"));
    port = await freePort();
    server = await startServer(dataDir, port);
  });

  test.afterAll(async () => {
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("a consultant proposes a new deadline and it counts once the client agrees on the page", async ({ browser }) => {
    test.setTimeout(90_000);
    const base = `http://127.0.0.1:${port}`;
    const clientContext = await browser.newContext({ baseURL: base, locale: "ru-RU" });
    const client = await clientContext.newPage();
    const clientProblems = watchConsole(client);
    await signIn(client, "client@technomarket.example");
    const created = await api(client, "tickets/create", {
      title: "Не проводится реализация с маркировкой",
      description: "Ошибка при проведении документа.",
      category: "incident",
      priority: "normal",
    });

    const agentContext = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 1000 } });
    const agent = await agentContext.newPage();
    const agentProblems = watchConsole(agent);
    await signIn(agent, "consultant@slaboard.example");
    let t = await api(agent, "tickets/get", { key: created.key });
    await api(agent, "tickets/move", { id: created.id, to: "in_progress", version: t.ticket.version });
    t = await api(agent, "tickets/get", { key: created.key });
    const oldDue = new Date(resolution(t).due);
    const asked = new Date(oldDue.getTime() + 7 * 24 * 3600 * 1000);

    // The consultant proposes on the ticket page; the form names what is missing.
    await agent.goto(`/tickets/${created.key}`);
    await hydrated(agent);
    const form = agent.locator("form.extension-form");
    await expect(form).toBeVisible();
    await expect(form.locator("label[for=extension-due]")).toContainText("MSK");
    await agent.fill("#extension-due", moscowInput(asked));
    await form.locator("button[type=submit]").click();
    await expect(form.locator(".form-error")).toContainText("Say why the deadline moves.");
    await agent.fill("#extension-reason", "The fix ships with update 3.0.12.");
    await form.locator("button[type=submit]").click();
    const proposal = agent.locator(".extension-proposed");
    await expect(proposal).toContainText("Waiting for the client's agreement");
    await expect(proposal.locator(".extension-reason")).toHaveText("The fix ships with update 3.0.12.");
    await expect(agent.locator("form.extension-form")).toHaveCount(0);
    await shot(agent, "extension-proposed-en");
    t = await api(agent, "tickets/get", { key: created.key });
    expect(new Date(resolution(t).due).getTime(), "nothing moves before the client agrees").toBe(oldDue.getTime());

    // The client reads the proposal in Russian and agrees.
    await client.goto(`/tickets/${created.key}`);
    await hydrated(client);
    const ask = client.locator(".extension-proposed");
    await expect(ask).toContainText("Техподдержка просит перенести срок решения");
    await expect(ask).toContainText("«Согласен»");
    await shot(client, "extension-ask-ru");
    await ask.getByRole("button", { name: "Согласиться с новым сроком" }).click();
    await expect(client.locator(".extension-agreed")).toContainText("согласован");
    await expect(client.locator(".sla-clock").last()).toContainText("срок перенесён по согласованию с клиентом");
    await expect(client.locator("ol.history")).toContainText("Клиент согласовал новый срок");
    t = await api(client, "tickets/get", { key: created.key });
    const newDue = new Date(resolution(t).due);
    expect(newDue.getTime()).toBeGreaterThan(oldDue.getTime());
    expect(newDue.getTime()).toBeLessThanOrEqual(asked.getTime());
    await shot(client, "extension-agreed-ru");

    // The consultant's page follows the change live and shows the new deadline.
    await expect(agent.locator(".extension-agreed")).toContainText("agreed", { timeout: 15_000 });
    await expect(agent.locator("form.extension-form")).toBeVisible();

    // On a phone the section fits the screen.
    await client.setViewportSize({ width: 390, height: 900 });
    const width = await client.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await shot(client, "extension-agreed-ru-390");
    expect(clientProblems).toEqual([]);
    expect(agentProblems).toEqual([]);
    await clientContext.close();
    await agentContext.close();
  });
});
