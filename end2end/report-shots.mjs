// Screenshots of the reports page (issue 15) as the lead sees it, at 1440 px
// and 390 px, in English, Russian and Ukrainian. Run it on a server where a
// ticket was rated (the quality.spec.ts flow), or the quality part is empty.
//   BASE_URL=http://127.0.0.1:3000 node end2end/report-shots.mjs /tmp/shots
// Writes PNGs into the folder given (not into the repository).
import { chromium } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const out = process.argv[2] ?? "/tmp/shots";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});

async function hydrated(page) {
  await page.waitForFunction(() => window.__slaboard_hydrated === true, null, { timeout: 15000 });
}

for (const width of [1440, 390]) {
  for (const lang of ["en", "ru", "uk"]) {
    const context = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 } });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await hydrated(page);
    await page.fill("#login-email", "lead@slaboard.example");
    await page.fill("#login-password", "demo-password-2026");
    await page.click("button[type=submit]");
    await page.waitForURL((u) => u.pathname === "/");
    await hydrated(page);
    await page.selectOption("#language", lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    await page.goto(`${base}/reports`);
    await hydrated(page);
    await page.waitForSelector(".report-summary");
    await page.screenshot({ path: `${out}/reports-${width}-${lang}.png`, fullPage: true });
    await context.close();
  }
}
await browser.close();
console.log(`saved into ${out}`);
