// Screenshots of the comment box with attachments, in each language:
//   node end2end/attachments-screenshot.mjs http://127.0.0.1:3000 out-dir
// Signs in as the demo operator, opens the first backlog ticket, pastes a
// screenshot, chooses a log and an SVG (refused), shoots the box; then
// sends the comment and shoots it with its thumbnail.
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";

const [base, out = "attachment-shots"] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const hydrated = (page) => page.waitForFunction(() => window.__slaboard_hydrated === true, null, { timeout: 15000 });

for (const lang of ["ru", "uk", "en"]) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: "slaboard_lang", value: lang, url: base }]);
  const page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && !/status of 4\d\d/.test(m.text()) && console.log(`[${lang}] ${m.text()}`));
  await page.goto(`${base}/login`);
  await hydrated(page);
  await page.fill("#login-email", "operator@slaboard.example");
  await page.fill("#login-password", "demo-password-2026");
  await page.click("button[type=submit]");
  await page.waitForURL((url) => url.pathname === "/");
  await hydrated(page);
  const shot = await page.screenshot();
  const card = page.locator('section.column[data-status="backlog"] article.card').first();
  await card.locator(".card-title a").click();
  await page.waitForURL("**/tickets/**");
  await hydrated(page);

  await page.locator("#comment-body").focus();
  await page.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], "image.png", { type: "image/png" }));
    document.querySelector("#comment-body").dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, shot.toString("base64"));
  await page.setInputFiles("#comment-files", [
    { name: "1c-exchange.log", mimeType: "text/plain", buffer: Buffer.from("2026-11-22 10:15 ERROR обмен с 1С прерван\n".repeat(200)) },
    { name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') },
  ]);
  await page.fill("#comment-body", "Прикладываю скриншот и журнал обмена.");
  await page.waitForSelector(".comment-form .attach-item.attach-failed");
  await page.waitForFunction(() => !document.querySelector(".comment-form .attach-sending"));
  const form = page.locator("form.comment-form");
  await form.scrollIntoViewIfNeeded();
  await form.screenshot({ path: `${out}/comment-box-${lang}.png` });

  await page.locator(".comment-form .attach-failed button.attach-remove").click();
  await page.click(".comment-form button[type=submit]");
  const sent = page.locator("ol.comments li.comment").last();
  await sent.locator(".attachment-image img").waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll(".attachment-image img")].every((i) => i.complete));
  await sent.scrollIntoViewIfNeeded();
  await sent.screenshot({ path: `${out}/comment-sent-${lang}.png` });
  await context.close();
  console.log(`saved ${out}/comment-box-${lang}.png and comment-sent-${lang}.png`);
}
await browser.close();
