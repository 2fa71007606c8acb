import { expect, type Page, type ConsoleMessage } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password-2026";

// Collects console errors and warnings (Leptos reports hydration mismatches
// there) and uncaught page errors.
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (msg: ConsoleMessage) => {
    if (msg.type() === "error" || msg.type() === "warning") {
      // A refused move answers 4xx on purpose; the browser logs the failed request.
      if (/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) return;
      problems.push(`${msg.type()}: ${msg.text()}`);
    }
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  (page as any).__problems = problems;
  return problems;
}

export async function hydrated(page: Page) {
  await page
    .waitForFunction(() => (window as any).__slaboard_hydrated === true, null, { timeout: 15_000 })
    .catch((e) => {
      // Say why: a hydration panic or a failed load is in the console.
      const seen: string[] = (page as any).__problems ?? [];
      throw new Error(`${e.message}\nat ${page.url()}\nconsole:\n${seen.join("\n")}`);
    });
}

// Signs in through the real form and lands on the board.
export async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await hydrated(page);
  await page.fill("#login-email", email);
  await page.fill("#login-password", DEMO_PASSWORD);
  await page.click("button[type=submit]");
  await page.waitForURL((url) => url.pathname === "/");
  await hydrated(page);
  await expect(page.locator("section.column")).toHaveCount(5);
}

export function column(page: Page, status: string) {
  return page.locator(`section.column[data-status="${status}"]`);
}

// Signs in as the demo admin, who lands on the admin area (admins have no board).
export async function signInAdmin(page: Page) {
  await page.goto("/login");
  await hydrated(page);
  await page.fill("#login-email", "admin@slaboard.example");
  await page.fill("#login-password", DEMO_PASSWORD);
  await page.click("button[type=submit]");
  await page.waitForURL((url) => url.pathname.startsWith("/admin"));
  await hydrated(page);
}
