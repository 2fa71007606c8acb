import { test, expect } from "@playwright/test";
import { watchConsole, signIn } from "./helpers";

// A viewer in Berlin (UTC+01:00 in November) looking at Moscow calendars.
test.use({ timezoneId: "Europe/Berlin" });

test("a card's deadline tooltip gives the calendar's time and the viewer's own", async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, "lead@slaboard.example");
  const badge = page.locator('article.card .sla-badge[title*="MSK"]').first();
  await expect(badge).toHaveAttribute("title", /MSK \(your time: .* UTC\+01:00\)$/);
  // The two clocks are two hours apart.
  const title = (await badge.getAttribute("title"))!;
  const [msk, berlin] = [...title.matchAll(/(\d\d):(\d\d) (?:MSK|UTC)/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  expect((msk - berlin + 1440) % 1440).toBe(120);
  expect(problems).toEqual([]);
});
