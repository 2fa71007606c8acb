// Screenshots to look at (issue 17): the board, a ticket page and the admin's
// SLA policies at 1440 px and 390 px, in English, Russian and Ukrainian.
//   BASE_URL=http://127.0.0.1:3000 node end2end/shots.mjs /tmp/shots
// Writes PNGs into the folder given (not into the repository).
import { chromium } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const out = process.argv[2] ?? "/tmp/shots";
const password = "demo-password-2026";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});

async function hydrated(page) {
  await page.waitForFunction(() => window.__slaboard_hydrated === true, null, { timeout: 15000 });
}

async function signIn(page, email) {
  await page.goto(`${base}/login`);
  await hydrated(page);
  await page.fill("#login-email", email);
  await page.fill("#login-password", password);
  await page.click("button[type=submit]");
  await page.waitForURL((u) => u.pathname !== "/login");
  await hydrated(page);
}

for (const width of [1440, 390]) {
  for (const lang of ["en", "ru", "uk"]) {
    const context = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 } });
    const page = await context.newPage();
    await signIn(page, "lead@slaboard.example");
    await page.selectOption("#language", lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${out}/board-${width}-${lang}.png`, fullPage: width > 500 });
    const key = await page.locator("article.card").first().getAttribute("data-key");
    await page.goto(`${base}/tickets/${key}`);
    await hydrated(page);
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${out}/ticket-${width}-${lang}.png`, fullPage: true });
    await context.close();

    const admin = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 } });
    const a = await admin.newPage();
    await signIn(a, "admin@slaboard.example");
    await a.selectOption("#language", lang);
    await a.waitForFunction((l) => document.documentElement.lang === l, lang);
    await a.goto(`${base}/admin/policies`);
    await hydrated(a);
    // The table form filled with a preset that has several levels.
    await a.locator("table.admin-table tbody tr", { hasText: "technomarket" }).locator("button").first().click();
    await a.waitForTimeout(400);
    await a.screenshot({ path: `${out}/policies-${width}-${lang}.png`, fullPage: true });
    await admin.close();
  }
}
await browser.close();
console.log(`saved into ${out}`);
