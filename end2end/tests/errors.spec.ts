import { test, expect } from "@playwright/test";
import { signIn, column, hydrated, watchConsole } from "./helpers";

// Issue 10: the server's refusals reach the browser typed (`AppError`) and
// the UI words them by code in the viewer's language; a Russian user never
// sees the server's English sentence.
test("an operator's refused move reads only in Russian", async ({ page }) => {
  watchConsole(page);
  await signIn(page, "operator@slaboard.example");
  await page.selectOption("#language", "ru");
  await page.reload();
  await hydrated(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");

  // The board offers an operator only moves the lifecycle allows, so the
  // refusal is provoked the way a stale client would: the card's allowed
  // move (In progress → Backlog) goes out as In progress → Done, which only
  // consultants may make. The server, not the browser, refuses it.
  await page.route("**/api/tickets/move", async (route) => {
    const body = JSON.parse(route.request().postData() ?? "{}");
    await route.continue({ postData: JSON.stringify({ ...body, to: "done" }) });
  });
  const card = column(page, "in_progress").locator("article.card").first();
  const key = await card.getAttribute("data-key");
  const answer = page.waitForResponse("**/api/tickets/move");
  await card.focus();
  await page.keyboard.press("Shift+ArrowLeft");
  const res = await answer;
  expect(res.status()).toBe(422);
  const error = await res.json();
  expect(error.error).toBe("refused");
  expect(error.code).toBe("role_not_allowed");
  expect(error.message).toMatch(/not allowed for operators/);

  const notice = page.locator(".move-notice .notice-error");
  await expect(notice).toContainText(`${key}`);
  await expect(notice).toContainText("Вашей роли такое перемещение не разрешено");
  const text = (await notice.innerText()).replace(`${key}`, "");
  expect(text, "no Latin letters besides the ticket key").not.toMatch(/[A-Za-z]/);
  await expect(column(page, "in_progress").locator(`article[data-key="${key}"]`)).toBeVisible();
  if (process.env.SCREENSHOT_DIR) {
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/refused-move-ru.png` });
  }
});
