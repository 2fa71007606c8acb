// Takes a full-page screenshot of a URL in Debian's Chromium:
//   node end2end/screenshot.mjs http://127.0.0.1:3000/ out.png [width]
import { chromium } from "@playwright/test";

const [url, out, width = "1440"] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
page.on("console", (m) => console.log(`[console.${m.type()}] ${m.text()}`));
await page.goto(url);
await page.waitForFunction(() => window.__slaboard_hydrated === true, null, { timeout: 15000 })
  .catch(() => console.log("page did not hydrate within 15 s"));
await page.waitForTimeout(1200);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(`saved ${out}`);
