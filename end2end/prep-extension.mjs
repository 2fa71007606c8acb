// Puts one agreed deadline extension and one rated release on a demo
// server, so screenshots of the ticket page and the reports show them.
//   BASE_URL=http://127.0.0.1:3000 node end2end/prep-extension.mjs
// Prints the extended ticket's key.
import { request } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";

async function as(email) {
  const ctx = await request.newContext({ baseURL: base, extraHTTPHeaders: { Origin: base } });
  const res = await ctx.post("/api/auth/login", { data: { email, password: "demo-password-2026" } });
  if (res.status() !== 200) throw new Error(`login ${email}: ${res.status()} ${await res.text()}`);
  return ctx;
}

async function call(ctx, endpoint, data) {
  const res = await ctx.post(`/api/${endpoint}`, { data });
  if (res.status() !== 200) throw new Error(`${endpoint}: ${res.status()} ${await res.text()}`);
  return res.json();
}

const client = await as("client@technomarket.example");
const agent = await as("consultant@slaboard.example");
const get = (who, key) => call(who, "tickets/get", { key });

const created = await call(client, "tickets/create", {
  title: "Не проводится реализация с маркировкой",
  description: "Ошибка при проведении документа.",
  category: "incident",
  priority: "normal",
});
let t = await get(agent, created.key);
await call(agent, "tickets/move", { id: created.id, to: "in_progress", version: t.ticket.version });
t = await get(agent, created.key);
const resolution = t.sla.clocks.find((c) => c.kind === "resolution");
const due = new Date(new Date(resolution.due).getTime() + 7 * 24 * 3600 * 1000);
const proposed = await call(agent, "tickets/extension/propose", {
  id: created.id,
  version: t.ticket.version,
  due: due.toISOString(),
  reason: "Исправление выйдет в обновлении 3.0.12 — нужна неделя на выпуск.",
});
t = await get(client, created.key);
await call(client, "tickets/extension/answer", {
  id: created.id,
  version: t.ticket.version,
  extension_id: proposed.extension_id,
  agree: true,
});
// A second proposal, left waiting for the client.
t = await get(agent, created.key);
await call(agent, "tickets/extension/propose", {
  id: created.id,
  version: t.ticket.version,
  due: new Date(due.getTime() + 3 * 24 * 3600 * 1000).toISOString(),
  reason: "Поставщик перенёс выпуск платформы.",
});
console.log(created.key);
