// Screenshots of the calendar editor (issues 15 and 17): the demo's Moscow
// calendar open in the weekly grid, at 1440 px and 390 px, in English,
// Russian and Ukrainian.
//   BASE_URL=http://127.0.0.1:3000 node end2end/calendar-shots.mjs /tmp/shots
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
    await page.fill("#login-email", "admin@slaboard.example");
    await page.fill("#login-password", "demo-password-2026");
    await page.click("button[type=submit]");
    await page.waitForURL((u) => u.pathname.startsWith("/admin"));
    await hydrated(page);
    await page.selectOption("#language", lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    await page.goto(`${base}/admin/calendars`);
    await hydrated(page);
    // The first calendar (Moscow 09–18 with its holidays), with a lunch
    // break on Monday and a wrong interval on Tuesday to show an error.
    await page.locator("table.admin-table tbody tr", { hasText: "09:00–18:00 Moscow" }).locator("button").first().click();
    await page.locator(".calendar-day").first().locator(".calendar-day-actions button").first().click();
    const monday = page.locator(".calendar-day").first().locator("input[type=time]");
    await monday.nth(1).fill("13:00");
    await monday.nth(2).fill("14:00");
    await monday.nth(3).fill("18:00");
    await page.locator(".calendar-day").nth(1).locator("input[type=time]").nth(1).fill("08:00");
    await page.click("#calendar-form button[type=submit]");
    await page.waitForTimeout(300);
    await page.locator("#calendar-form").screenshot({ path: `${out}/calendar-form-${width}-${lang}.png` });
    await page.screenshot({ path: `${out}/calendar-${width}-${lang}.png`, fullPage: true });
    await context.close();
  }
}
await browser.close();
console.log(`saved into ${out}`);
