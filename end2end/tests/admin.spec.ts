import { test, expect, type Page } from "@playwright/test";
import { watchConsole, hydrated, signIn, signInAdmin, DEMO_PASSWORD } from "./helpers";

async function shot(page: Page, name: string) {
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/${name}.png`, fullPage: true });
}

async function openSection(page: Page, slug: string) {
  await page.click(`nav.admin-tabs a[href="/admin/${slug}"]`);
  await page.waitForURL(`**/admin/${slug}`);
  await expect(page.locator(`nav.admin-tabs a[href="/admin/${slug}"]`)).toHaveAttribute("aria-current", "page");
}

test("an admin sets up a new customer: organisation, client account and contract, with errors explained", async ({ page }) => {
  const problems = watchConsole(page);
  const org = `ООО «Новый клиент ${Date.now() % 100000}»`;
  await signInAdmin(page);
  await expect(page.locator("nav.topnav a[href='/admin']")).toHaveAttribute("aria-current", "page");
  await expect(page.locator("nav.topnav a[href='/']")).toHaveCount(0);

  // Organisation: an empty name is refused in the form, a real one saved.
  await openSection(page, "organisations");
  await page.click("#organisation-form button[type=submit]");
  await expect(page.locator("#organisation-name-error")).toHaveText("Required.");
  await expect(page.locator("#organisation-name")).toHaveAttribute("aria-invalid", "true");
  await page.fill("#organisation-name", org);
  await page.click("#organisation-form button[type=submit]");
  await expect(page.locator(".admin-notice")).toHaveText("Saved.");
  await expect(page.locator("table.admin-table tbody tr", { hasText: org })).toHaveCount(1);
  // The same name again: the server finds the clash.
  await page.fill("#organisation-name", org);
  await page.click("#organisation-form button[type=submit]");
  await expect(page.locator("#organisation-name-error")).toHaveText("Already in use.");
  await shot(page, "admin-organisations-en");

  // A client account: a short password is explained, then the account works.
  await openSection(page, "users");
  const email = `client${Date.now() % 100000}@novy.example`;
  await page.fill("#account-email", email);
  await page.fill("#account-name", "Иван Новиков");
  await page.selectOption("#account-role", "client");
  await page.selectOption("#account-organisation_id", { label: org });
  await page.fill("#account-password", "short");
  await page.click("#account-form button[type=submit]");
  await expect(page.locator("#account-password-error")).toHaveText("At least 12 characters.");
  await page.fill("#account-password", DEMO_PASSWORD);
  await page.click("#account-form button[type=submit]");
  await expect(page.locator(".admin-notice")).toHaveText("Saved.");
  await expect(page.locator("table.admin-table tbody tr", { hasText: email })).toContainText(org);
  await shot(page, "admin-users-en");

  // A contract: a level the policy does not set is refused, then saved.
  await openSection(page, "contracts");
  await page.selectOption("#contract-organisation_id", { label: org });
  await page.selectOption("#contract-client_category", "partner");
  await page.selectOption("#contract-support_level", "operative");
  await page.selectOption("#contract-policy_code", "technomarket");
  await page.selectOption("#contract-calendar_id", { index: 1 });
  await page.fill("#contract-valid_from", "2026-01-01");
  await page.fill("#contract-valid_to", "2025-12-31");
  await page.click("#contract-form button[type=submit]");
  await expect(page.locator("#contract-support_level-error")).toHaveText("This policy sets no targets for this level.");
  await expect(page.locator("#contract-valid_to-error")).toHaveText("Must not be before the start.");
  await page.selectOption("#contract-client_category", "commercial");
  await page.selectOption("#contract-support_level", "standard");
  await page.fill("#contract-valid_to", "");
  await page.click("#contract-form button[type=submit]");
  await expect(page.locator(".admin-notice")).toHaveText("Saved.");
  const row = page.locator("table.admin-table tbody tr", { hasText: org });
  await expect(row).toContainText("Commercial · Standard");
  await expect(row).toContainText("2026-01-01 – no end");
  await shot(page, "admin-contracts-en");

  // The new client signs in and sees the board of their organisation.
  await page.click("button.sign-out");
  await page.waitForURL("**/login");
  await page.goto("/login");
  await hydrated(page);
  await page.fill("#login-email", email);
  await page.fill("#login-password", DEMO_PASSWORD);
  await page.click("button[type=submit]");
  await page.waitForURL((url) => url.pathname === "/");
  await hydrated(page);
  await expect(page.locator("section.column")).toHaveCount(5);
  await expect(page.locator("article.card")).toHaveCount(0);
  expect(problems).toEqual([]);
});

test("the admin area speaks Ukrainian and a policy is edited as a table form, each problem at its row", async ({ page }) => {
  const problems = watchConsole(page);
  await signInAdmin(page);
  await page.selectOption("#language", "uk");
  await openSection(page, "policies");
  await expect(page.locator("h1#admin-title")).toHaveText("Адміністрування");
  // Copy a preset: the form shows its levels as tables of rules.
  await page.locator("table.admin-table tbody tr", { hasText: "technomarket" }).locator("button").nth(1).click();
  await expect(page.locator("#policy-code")).toHaveValue("technomarket_copy");
  const levels = page.locator("#policy-form fieldset.policy-level");
  await expect(levels).toHaveCount(5);
  const first = levels.first();
  await expect(first.locator("legend")).toHaveText("Партнер · Стандартний");
  const firstRule = first.locator("tbody tr").first();
  await expect(firstRule.locator(".policy-amount").first()).toHaveValue("48");
  await expect(firstRule.locator("select").nth(2)).toHaveValue("hours");

  // Break three things: the at-risk share, a target, and an empty rule.
  await page.fill("#policy-at_risk_fraction", "150");
  await firstRule.locator(".policy-amount").first().fill("0");
  await first.getByRole("button", { name: "Додати правило" }).click();
  await page.click("#policy-form button[type=submit]");
  await expect(page.locator("#policy-at_risk_fraction-error")).toHaveText("Від 1 до 99.");
  await expect(firstRule.locator(".field-error").first()).toHaveText("Від 1 до 100000.");
  await expect(firstRule.locator(".policy-amount").first()).toHaveAttribute("aria-invalid", "true");
  // An empty rule: it sets nothing, and repeats the level's default rule.
  await expect(first.locator("tr.rule-error")).toContainText("Задайте строк реакції або вирішення чи видаліть правило.");
  await expect(first.locator("tr.rule-error")).toContainText("Цей рівень уже має правило з тим самим пріоритетом і категорією.");
  await shot(page, "admin-policy-errors-uk");

  // Fix them: the new rule gets a priority and a resolution by estimate.
  await page.fill("#policy-at_risk_fraction", "20");
  await firstRule.locator(".policy-amount").first().fill("40");
  const added = first.locator("tbody tr:not(.rule-error)").nth(1);
  await added.locator("select").first().selectOption("critical");
  await added.locator("select").nth(3).selectOption("estimate");
  await expect(added.locator(".policy-amount").nth(1)).toBeHidden();
  // The JSON box shows the form as it stands, for export.
  await page.click("#policy-form details.policy-json summary");
  // Filled when the box opens (the toggle event comes after the click).
  await expect(page.locator("#policy-spec")).not.toHaveValue("");
  const json = JSON.parse(await page.inputValue("#policy-spec"));
  expect(json.code).toBe("technomarket_copy");
  expect(json.at_risk_fraction).toBe(0.2);
  expect(json.levels[0].rules).toEqual([
    { reaction: { hours: 40 } },
    { priority: "critical", resolution_by_estimate: true },
  ]);
  await page.click("#policy-form button[type=submit]");
  await expect(page.locator(".admin-notice")).toHaveText("Збережено.");
  await expect(page.locator("table.admin-table tbody tr", { hasText: "technomarket_copy" })).toHaveCount(1);

  // Editing keeps the code; importing JSON with a level twice is shown at the level.
  await page.locator("table.admin-table tbody tr", { hasText: "technomarket_copy" }).locator("button").first().click();
  await expect(page.locator("#policy-code")).toHaveAttribute("readonly", "");
  await expect(page.locator("#policy-at_risk_fraction")).toHaveValue("20");
  await page.click("#policy-form details.policy-json summary");
  await expect(page.locator("#policy-spec")).not.toHaveValue("");
  const twice = JSON.parse(await page.inputValue("#policy-spec"));
  twice.levels[1].level = twice.levels[0].level;
  await page.fill("#policy-spec", JSON.stringify(twice));
  await page.click("#policy-load-json");
  await expect(levels.nth(1).locator(":scope > p.field-error")).toHaveText("Цей рівень уже є вище: тримайте його правила в одному місці.");
  // JSON naming another policy cannot turn this edit into overwriting it.
  twice.levels[1].level = "partner_emergency";
  twice.code = "agrosoft";
  await page.fill("#policy-spec", JSON.stringify(twice));
  await page.click("#policy-load-json");
  await page.click("#policy-form button[type=submit]");
  await expect(page.locator("#policy-code-error")).toContainText("technomarket_copy");
  await page.fill("#policy-spec", "{ not json");
  await page.click("#policy-load-json");
  await expect(page.locator("#policy-spec-error")).toContainText("Неприпустиме значення.");
  await shot(page, "admin-policies-uk");

  await openSection(page, "templates");
  await page.fill("#template-name", "Уточнення");
  await page.fill("#template-body_ru", "Здравствуйте, {clinet}!");
  await page.fill("#template-body_uk", "Вітаємо, {client}!");
  await page.fill("#template-body_en", "Hello {client}!");
  await page.click("#template-form button[type=submit]");
  await expect(page.locator("#template-body_ru-error")).toHaveText("Невідома підстановка {clinet}.");
  await shot(page, "admin-templates-uk");
  await openSection(page, "calendars");
  await shot(page, "admin-calendars-uk");
  await openSection(page, "departments");
  await shot(page, "admin-departments-uk");
  expect(problems).toEqual([]);
});

test("an admin edits a calendar in the weekly grid: lunch break, holiday, special day; a wrong interval is explained", async ({ page }) => {
  const problems = watchConsole(page);
  const saves: string[] = [];
  page.on("request", (r) => { if (r.url().includes("/api/calendars/save")) saves.push(r.postData() ?? ""); });
  const name = `Grid office ${Date.now() % 100000}`;
  await signInAdmin(page);
  await openSection(page, "calendars");
  const form = page.locator("#calendar-form");

  // A new calendar: Monday 09:00–13:00 and 14:00–18:00, copied to Tue–Fri.
  await page.fill("#calendar-name", name);
  await expect(page.locator("#calendar-tz")).toHaveValue("Europe/Moscow");
  await expect(form.locator(".calendar-day").first()).toContainText("day off");
  await form.getByRole("button", { name: "Add interval: Monday" }).click();
  await form.getByLabel("Monday, from", { exact: true }).fill("09:00");
  await form.getByLabel("Monday, to", { exact: true }).fill("13:00");
  await form.getByRole("button", { name: "Add interval: Monday" }).click();
  await form.getByLabel("Monday (2), from", { exact: true }).fill("14:00");
  await form.getByLabel("Monday (2), to", { exact: true }).fill("18:00");
  await form.getByRole("button", { name: "Copy Monday to Tue–Fri" }).click();
  await expect(form.getByLabel("Friday (2), to", { exact: true })).toHaveValue("18:00");
  await expect(form.locator(".calendar-day").nth(5)).toContainText("day off");
  // A holiday next year, by its date field and Enter.
  await page.fill("#calendar-holiday-new", "2027-01-01");
  await page.press("#calendar-holiday-new", "Enter");
  await expect(form.locator(".calendar-year h3")).toHaveText("2027 (1)");
  // A shortened day.
  await form.getByRole("button", { name: "Add special day" }).click();
  await form.getByLabel("Special day, date").fill("2026-12-31");
  await form.getByLabel("Special day 31 Dec 2026, from").fill("09:00");
  await form.getByLabel("Special day 31 Dec 2026, to").fill("15:00");
  await shot(page, "admin-calendar-grid-en");
  await form.locator("button[type=submit]").click();
  await expect(page.locator(".admin-notice")).toHaveText("Saved.");
  const row = page.locator("table.admin-table tbody tr", { hasText: name });
  await expect(row).toContainText("Mon–Fri 09:00–13:00, 14:00–18:00");
  await expect(row.locator("td.num")).toHaveText("1");
  expect(JSON.parse(saves[0]).calendar.overrides).toEqual({ "2026-12-31": [["09:00", "15:00"]] });

  // Edit it: the grid holds what was saved.
  await row.getByRole("button", { name: `Edit ${name}` }).click();
  await expect(form.getByLabel("Monday (2), from", { exact: true })).toHaveValue("14:00");
  await expect(form.getByLabel("Special day 31 Dec 2026, to")).toHaveValue("15:00");
  // Tuesday ending before it starts, and a special day that is a holiday:
  // each explained on its row, and nothing is sent.
  await form.getByLabel("Tuesday, to", { exact: true }).fill("08:00");
  await form.getByRole("button", { name: "Add special day" }).click();
  await form.getByLabel("Special day, date").last().fill("2027-01-01");
  await form.getByLabel("Special day 1 Jan 2027, from").fill("10:00");
  await form.getByLabel("Special day 1 Jan 2027, to").fill("14:00");
  await form.locator("button[type=submit]").click();
  await expect(page.locator("#calendar-day-1-error")).toHaveText("“To” must be after “from”. (09:00–08:00)");
  await expect(form.getByLabel("Tuesday, to", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(form.locator(".calendar-special-row").nth(1)).toContainText("This date is also a holiday");
  await shot(page, "admin-calendar-grid-errors-en");
  expect(saves.length).toBe(1);
  // Fixed, with the duplicate special day removed and one more holiday.
  await form.getByLabel("Tuesday, to", { exact: true }).fill("13:00");
  await expect(page.locator("#calendar-day-1-error")).toHaveText("");
  await form.getByRole("button", { name: "Remove: Special day 1 Jan 2027" }).click();
  await page.fill("#calendar-holiday-new", "2027-01-07");
  await form.locator(".calendar-add-row button").click();
  await expect(form.locator(".calendar-year h3")).toHaveText("2027 (2)");
  await form.locator("button[type=submit]").click();
  await expect(row.locator("td.num")).toHaveText("2");
  expect(saves.length).toBe(2);
  await expect(row).toContainText("Mon–Fri 09:00–13:00, 14:00–18:00");
  expect(problems).toEqual([]);
});

test("the calendar grid speaks Russian and imports pasted JSON", async ({ page }) => {
  const problems = watchConsole(page);
  await signInAdmin(page);
  await page.selectOption("#language", "ru");
  await openSection(page, "calendars");
  const form = page.locator("#calendar-form");
  await page.fill("#calendar-name", `Смена ${Date.now() % 100000}`);
  await form.getByRole("button", { name: "Добавить интервал: Среда" }).click();
  await form.getByLabel("Среда, начало", { exact: true }).fill("18:00");
  await form.getByLabel("Среда, конец", { exact: true }).fill("09:00");
  await form.locator("button[type=submit]").click();
  await expect(page.locator("#calendar-day-2-error")).toHaveText("Конец должен быть позже начала. (18:00–09:00)");
  // The JSON is the import: pasted, loaded into the grid, saved.
  await form.locator(".calendar-json summary").click();
  await page.fill("#calendar-calendar", '{"tz":"Europe/Kyiv","weekly":{"sat":[["10:00","14:00"]]},"holidays":["2027-01-07"]}');
  await form.getByRole("button", { name: "Загрузить в таблицу" }).click();
  await expect(page.locator("#calendar-tz")).toHaveValue("Europe/Kyiv");
  await expect(form.getByLabel("Суббота, начало", { exact: true })).toHaveValue("10:00");
  await expect(page.locator("#calendar-day-2-error")).toHaveText("");
  await shot(page, "admin-calendar-grid-ru");
  await form.locator("button[type=submit]").click();
  await expect(page.locator(".admin-notice")).toHaveText("Сохранено.");
  expect(problems).toEqual([]);
});

test("a client has no admin area: no link, and the page refuses", async ({ page }) => {
  await signIn(page, "client@technomarket.example");
  await expect(page.locator("nav.topnav a[href='/admin']")).toHaveCount(0);
  await page.goto("/admin/users");
  await hydrated(page);
  await expect(page.locator(".admin-page .error")).toContainText("You do not have access to this");
  await expect(page.locator("table.admin-table")).toHaveCount(0);
});

test("an agent fills a reply from a template on the ticket page", async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, "operator@slaboard.example");
  const card = page.locator("article.card").first();
  const key = await card.getAttribute("data-key");
  await card.locator(".card-title a").click();
  await page.waitForURL(`**/tickets/${key}`);
  await hydrated(page);
  await page.selectOption("#comment-template", { label: "Запрос логов" });
  const text = await page.inputValue("#comment-body");
  expect(text).toContain(`to look into ${key}`);
  expect(text).toContain("Олег Петренко");
  expect(text).not.toContain("{");
  expect(problems).toEqual([]);
});
