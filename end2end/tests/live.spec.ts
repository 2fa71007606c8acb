import { test, expect, type Browser, type Page } from "@playwright/test";
import { type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hydrated, signIn, column, watchConsole } from "./helpers";
import { freePort, startServer, stopServer } from "./own_server";

// These tests run their own servers (scripts/test.sh names the release
// binary and the site): they stop and start them, which the shared
// server must not suffer (`own_server.ts`).

async function pageOn(browser: Browser, port: number, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test.describe("the live board", () => {
  let dataDir = "";
  let portA = 0;
  let portB = 0;
  let serverA: ChildProcess | undefined;
  let serverB: ChildProcess | undefined;

  test.beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "slaboard-live-"));
    [portA, portB] = [await freePort(), await freePort()];
    serverA = await startServer(dataDir, portA);
    // A second server on the same database file, as a replica would be.
    serverB = await startServer(dataDir, portB);
  });

  test.afterAll(async () => {
    for (const s of [serverA, serverB]) if (s) await stopServer(s);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("a move on one board appears on another within a second, and after a restart nothing is missed", async ({
    browser,
  }) => {
    test.setTimeout(60_000);
    const mover = await pageOn(browser, portA, "lead@slaboard.example");
    const watcher = await pageOn(browser, portA, "consultant@slaboard.example");
    const problems = watchConsole(watcher);
    // Cleared by a reload: proves the watcher's board changes in place.
    await watcher.evaluate(() => ((window as any).__same_page = true));

    const first = column(mover, "backlog").locator("article.card").first();
    const key = (await first.getAttribute("data-key"))!;
    await first.dragTo(column(mover, "sprint").locator("h2"));
    await expect(mover.locator(".move-notice")).toContainText(key);
    const moved = column(watcher, "sprint").locator(`article[data-key="${key}"]`);
    await expect(moved).toBeVisible({ timeout: 1_000 });
    await expect(column(watcher, "backlog").locator(`article[data-key="${key}"]`)).toHaveCount(0);

    // Server A stops: the watcher says it is reconnecting.
    await stopServer(serverA!);
    await expect(watcher.locator(".live-reconnecting")).toBeVisible({ timeout: 10_000 });

    // Meanwhile a move through server B.
    const other = await pageOn(browser, portB, "lead@slaboard.example");
    const second = column(other, "backlog").locator("article.card").first();
    const secondKey = (await second.getAttribute("data-key"))!;
    expect(secondKey).not.toEqual(key);
    await second.dragTo(column(other, "sprint").locator("h2"));
    await expect(other.locator(".move-notice .notice-ok")).toContainText(secondKey);

    // A comes back: the watcher reconnects by itself and catches up.
    serverA = await startServer(dataDir, portA);
    await expect(watcher.locator(".live-reconnecting")).toHaveCount(0, { timeout: 20_000 });
    await expect(column(watcher, "sprint").locator(`article[data-key="${secondKey}"]`)).toBeVisible({
      timeout: 5_000,
    });
    await expect(column(watcher, "backlog").locator(`article[data-key="${secondKey}"]`)).toHaveCount(0);
    expect(await watcher.evaluate(() => (window as any).__same_page)).toBe(true);
    // The refused reconnection attempts while A was down are the only
    // console noise allowed.
    expect(problems.filter((p) => !/api\/events|ERR_CONNECTION_REFUSED|EventSource/.test(p))).toEqual([]);
  });

  test("a reply appears on the client's ticket page by itself; while the client writes, the page offers it instead", async ({
    browser,
  }) => {
    const client = await pageOn(browser, portA, "client@technomarket.example");
    const ticket = client.locator("article.card").first();
    const key = (await ticket.getAttribute("data-key"))!;
    const id = Number(await ticket.getAttribute("data-id"));
    await client.goto(`/tickets/${key}`);
    await hydrated(client);
    await client.evaluate(() => ((window as any).__same_page = true));

    const agent = await pageOn(browser, portA, "consultant@slaboard.example");
    const post = async (body: string, internal: boolean) => {
      const res = await agent.request.post("/api/tickets/comment", { data: { id, body, internal } });
      expect(res.status()).toBe(200);
    };
    // Nobody is writing: the reply simply appears.
    await post("Внутренняя заметка для своих", true);
    await post("Смотрим вашу заявку", false);
    const comments = client.locator("ol.comments");
    await expect(comments).toContainText("Смотрим вашу заявку", { timeout: 2_000 });
    await expect(comments).not.toContainText("Внутренняя заметка");
    await expect(client.locator(".ticket-changed")).toHaveCount(0);

    // The client is writing: nothing is redrawn under their hands; the page
    // says the ticket changed and shows it when asked.
    await client.fill("#comment-body", "Черновик клиента");
    await post("Нашли причину, готовим исправление", false);
    await expect(client.locator(".ticket-changed")).toBeVisible({ timeout: 2_000 });
    await expect(comments).not.toContainText("Нашли причину");
    await expect(client.locator("#comment-body")).toHaveValue("Черновик клиента");
    await expect(client.locator("#comment-body")).toBeFocused();
    await client.locator(".ticket-changed button").click();
    await expect(comments).toContainText("Нашли причину");
    await expect(client.locator(".ticket-changed")).toHaveCount(0);
    await expect(client.locator("#comment-body")).toHaveValue("Черновик клиента");
    expect(await client.evaluate(() => (window as any).__same_page)).toBe(true);
  });
});
