import { test, expect } from "@playwright/test";
import { signIn, hydrated } from "./tests/helpers";
test("reload loop", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "lead@slaboard.example");
  const pending = new Map<string, number>();
  page.on("request", (r) => pending.set(r.url() + "#" + Math.random(), Date.now()));
  page.on("requestfinished", (r) => { for (const k of pending.keys()) if (k.startsWith(r.url() + "#")) { pending.delete(k); break; } });
  page.on("requestfailed", (r) => console.log("FAILED", r.url(), r.failure()?.errorText));
  for (let i = 0; i < 25; i++) {
    const t = Date.now();
    try {
      await page.reload({ timeout: 8000 });
    } catch (e) {
      console.log("HANG at", i, "pending:", [...pending.keys()].map((k) => k.split("#")[0]));
      const state = await page.evaluate(() => document.readyState).catch(() => "?");
      console.log("readyState", state);
      throw e;
    }
    await hydrated(page);
    if (Date.now() - t > 2000) console.log("slow", i, Date.now() - t);
  }
});
