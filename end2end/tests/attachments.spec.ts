import { test, expect, type Page } from "@playwright/test";
import { watchConsole, hydrated, signIn, column } from "./helpers";

// Opens the first backlog ticket of the signed-in user's board.
async function openFirstBacklogTicket(page: Page): Promise<string> {
  const card = column(page, "backlog").locator("article.card").first();
  const key = (await card.getAttribute("data-key"))!;
  await card.locator(".card-title a").click();
  await page.waitForURL(`**/tickets/${key}`);
  await hydrated(page);
  return key;
}

// Pastes `png` (bytes) into the element matching `selector` as a clipboard
// image, the way the browser hands over a screenshot.
async function pastePng(page: Page, selector: string, png: Buffer, name = "image.png") {
  await page.locator(selector).focus();
  await page.evaluate(
    ({ selector, base64, name }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type: "image/png" }));
      const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
      document.querySelector(selector)!.dispatchEvent(event);
    },
    { selector, base64: png.toString("base64"), name },
  );
}

test("a pasted screenshot goes with the comment, shows as a thumbnail and opens in full", async ({ page, context }) => {
  const problems = watchConsole(page);
  await signIn(page, "client@technomarket.example");
  // A real screenshot of the board, as the client's clipboard would hold it.
  const screenshot = await page.screenshot();
  await openFirstBacklogTicket(page);

  await pastePng(page, "#comment-body", screenshot);
  const pending = page.locator(".comment-form .attach-item");
  await expect(pending).toHaveCount(1);
  await expect(pending).toHaveClass(/attach-ready/);
  await expect(pending.locator("img.attach-preview")).toBeVisible();
  const text = `Вот скриншот ошибки ${Date.now()}`;
  await page.fill("#comment-body", text);
  await page.click(".comment-form button[type=submit]");

  const comment = page.locator("ol.comments li.comment", { hasText: text });
  await expect(comment).toBeVisible();
  await expect(page.locator(".comment-form .attach-item")).toHaveCount(0);
  const thumbnail = comment.locator(".attachment-image img");
  await expect(thumbnail).toBeVisible();
  // The thumbnail really loaded (the server made it), within its box.
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const natural = await thumbnail.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
  expect(natural[0]).toBeLessThanOrEqual(320);
  expect(natural[1]).toBeLessThanOrEqual(240);

  // A click opens the full picture, byte for byte the pasted one.
  const [full] = await Promise.all([context.waitForEvent("page"), comment.locator(".attachment-image a").click()]);
  const response = await full.waitForLoadState().then(() => full.reload());
  expect(response!.status()).toBe(200);
  expect(response!.headers()["content-type"]).toBe("image/png");
  expect(response!.headers()["content-security-policy"]).toBe("sandbox; default-src 'none'");
  expect(Buffer.compare(await response!.body(), screenshot)).toBe(0);
  const size = await full.evaluate(() => {
    const img = document.querySelector("img");
    return img ? [img.naturalWidth, img.naturalHeight] : null;
  });
  expect(size).not.toBeNull();
  expect(size![0]).toBeGreaterThan(320);
  await full.close();
  expect(problems).toEqual([]);
});

test("a refused file is named in the reader's language and blocks sending until removed", async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, "operator@slaboard.example");
  await openFirstBacklogTicket(page);
  // An HTML page that calls itself a picture, chosen with the file input.
  await page.setInputFiles("#comment-files", {
    name: "screenshot.png",
    mimeType: "image/png",
    buffer: Buffer.from("<!DOCTYPE html><html><script>alert(1)</script></html>"),
  });
  const item = page.locator(".comment-form .attach-item");
  await expect(item).toHaveClass(/attach-failed/);
  await expect(item.locator(".attach-status")).toContainText("HTML");
  await page.fill("#comment-body", "Проверка вложений");
  await page.click(".comment-form button[type=submit]");
  await expect(page.locator("#comment-error")).not.toBeEmpty();
  // Removed with the keyboard: the button is reachable and named.
  await item.locator("button.attach-remove").focus();
  await page.keyboard.press("Enter");
  await expect(item).toHaveCount(0);
  // Refusals answer 4xx on purpose; the browser logs the failed request.
  expect(problems.filter((p) => !/status of 4\d\d/.test(p))).toEqual([]);
});
