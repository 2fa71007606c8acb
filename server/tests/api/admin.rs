//! The admin area's API (`admin/*`): organisations, contracts, SLA policies,
//! departments, reply templates and accounts, each read back through
//! `admin/data`, and who may call it.

use crate::helpers::{
    browser, spawn_app, Backend, TestApp, ADMIN, CLIENT, CLIENT_ORG, CONSULTANT, DEMO_PASSWORD, LEAD,
    OPERATOR,
};
use crate::on_both_backends;
use app::domain::admin::{FormErrors, Problem};
use app::domain::sla::{Budget, ClientCategory, SlaLevel, SlaPolicy, SupportLevel};
use app::domain::ticket::Role;
use app::functions::admin::AdminData;
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};
use sqlx::Row;

/// A password the account rules accept.
const GOOD_PASSWORD: &str = "correct horse battery";

/// Every admin endpoint with a valid body, as the attack suite lists them.
fn admin_calls() -> Vec<(&'static str, Value)> {
    let calls: Vec<_> =
        crate::security::valid_calls().into_iter().filter(|(e, _)| e.starts_with("admin/")).collect();
    assert_eq!(calls.len(), 13, "every admin endpoint is listed in security::valid_calls()");
    calls
}

/// `admin/data` as `admin` sees it.
async fn data(app: &TestApp, admin: &reqwest::Client) -> AdminData {
    let res = app.post_json_with(admin, "admin/data", json!({})).await;
    assert_eq!(res.status(), 200, "admin/data");
    res.json().await.unwrap()
}

/// Saves through `endpoint` and answers the id; the save must succeed.
async fn save(app: &TestApp, admin: &reqwest::Client, endpoint: &str, body: Value) -> i64 {
    let res = app.post_json_with(admin, endpoint, body.clone()).await;
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, 200, "{endpoint} {body}: {text}");
    serde_json::from_str(&text).unwrap()
}

/// The field errors of a 422 answer (`{"error": "invalid", "problems": […]}`).
async fn form_errors(res: reqwest::Response) -> FormErrors {
    let status = res.status();
    let body = res.text().await.unwrap();
    assert_eq!(status, 422, "{body}");
    let error: app::error::AppError =
        serde_json::from_str(&body).unwrap_or_else(|_| panic!("not an error: {body}"));
    assert_eq!(error.kind(), app::error::ErrorKind::Invalid, "{body}");
    error.form_errors().unwrap_or_else(|| panic!("not field errors: {body}"))
}

/// The `(field, problem)` pairs of a 422 answer.
async fn problems(res: reqwest::Response) -> Vec<(String, Problem)> {
    form_errors(res).await.errors.into_iter().map(|e| (e.field, e.problem)).collect()
}

fn problem(field: &str, problem: Problem) -> Vec<(String, Problem)> {
    vec![(field.to_string(), problem)]
}

fn account_id(data: &AdminData, email: &str) -> i64 {
    data.accounts.iter().find(|a| a.email == email).unwrap_or_else(|| panic!("no account {email}")).id
}

fn calendar_id(data: &AdminData, name: &str) -> i64 {
    data.calendars.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no calendar {name}")).id
}

fn organisation_id(data: &AdminData, name: &str) -> i64 {
    data.organisations.iter().find(|o| o.name == name).unwrap_or_else(|| panic!("no organisation {name}")).id
}

/// Each account's password hash and disabled mark: what the account
/// endpoints change that `admin/data` does not show in full.
async fn account_secrets(app: &TestApp) -> Vec<(i64, Option<String>, Option<i64>)> {
    sqlx::query("SELECT id, password_hash, disabled_at FROM users ORDER BY id")
        .fetch_all(&app.store.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| {
            (r.try_get("id").unwrap(), r.try_get("password_hash").unwrap(), r.try_get("disabled_at").unwrap())
        })
        .collect()
}

fn contract_body(organisation_id: i64, calendar_id: i64, level: (&str, &str), from: &str, to: &str) -> Value {
    json!({
        "organisation_id": organisation_id,
        "calendar_id": calendar_id,
        "policy_code": "technomarket",
        "client_category": level.0,
        "support_level": level.1,
        "valid_from": from,
        "valid_to": to,
    })
}

async fn an_admin_creates_and_renames_an_organisation(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let before = data(&app, &admin).await.organisations.len();

    let id = save(&app, &admin, "admin/organisations/save", json!({"name": "  ООО «Ромашка»  "})).await;

    let org = data(&app, &admin).await.organisations.into_iter().find(|o| o.id == id).unwrap();
    assert_eq!((org.name.as_str(), org.clients, org.open_tickets), ("ООО «Ромашка»", 0, 0), "trimmed");
    let renamed =
        save(&app, &admin, "admin/organisations/save", json!({"id": id, "name": "ООО «Ромашка Плюс»"})).await;
    assert_eq!(renamed, id);
    let after = data(&app, &admin).await;
    assert_eq!(after.organisations.len(), before + 1, "a rename adds no organisation");
    assert_eq!(after.organisations.iter().find(|o| o.id == id).unwrap().name, "ООО «Ромашка Плюс»");
    // The demo organisation's name is taken, for a new one and for a rename.
    for body in [json!({"name": CLIENT_ORG}), json!({"id": id, "name": CLIENT_ORG})] {
        let res = app.post_json_with(&admin, "admin/organisations/save", body.clone()).await;
        assert_eq!(problems(res).await, problem("name", Problem::Taken), "{body}");
    }
    let res = app.post_json_with(&admin, "admin/organisations/save", json!({"name": "   "})).await;
    assert_eq!(problems(res).await, problem("name", Problem::Required));
    let res = app
        .post_json_with(&admin, "admin/organisations/save", json!({"id": 999_999, "name": "Nobody"}))
        .await;
    assert_eq!(res.status(), 404);
    assert_eq!(data(&app, &admin).await.organisations, after.organisations, "refusals write nothing");
    app.cleanup().await;
}
on_both_backends!(an_admin_creates_and_renames_an_organisation);

async fn contract_rules_are_checked_by_the_server(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let org = save(&app, &admin, "admin/organisations/save", json!({"name": "ООО «Ромашка»"})).await;
    let start = data(&app, &admin).await;
    let moscow = calendar_id(&start, "Mon–Fri 09:00–18:00 Moscow");
    let lead = account_id(&start, LEAD);
    let mut body = contract_body(org, moscow, ("commercial", "standard"), "2026-01-01", "2026-12-31");
    body["curator_id"] = json!(lead);

    let id = save(&app, &admin, "admin/contracts/save", body).await;

    let contract = data(&app, &admin).await.contracts.into_iter().find(|c| c.id == id).unwrap();
    assert_eq!((contract.organisation_id, contract.calendar_id), (org, moscow));
    assert_eq!(contract.policy_code, "technomarket");
    assert_eq!(contract.level, SlaLevel::CommercialStandard);
    assert_eq!(
        (contract.client_category, contract.support_level),
        (Some(ClientCategory::Commercial), Some(SupportLevel::Standard))
    );
    assert_eq!(
        (contract.valid_from.as_str(), contract.valid_to.as_deref()),
        ("2026-01-01", Some("2026-12-31"))
    );
    // Whole days in the calendar's zone (Moscow, UTC+3), the last one included.
    let moscow_midnight =
        |day: &str| DateTime::parse_from_rfc3339(&format!("{day}T00:00:00+03:00")).unwrap().timestamp();
    assert_eq!(contract.from_instant, moscow_midnight("2026-01-01"));
    assert_eq!(contract.to_instant, Some(moscow_midnight("2027-01-01")));
    assert_eq!((contract.curator_id, contract.curator.as_deref()), (Some(lead), Some("Сергей Лебедев")));

    // A second contract may start the day after the first one ends…
    let next = contract_body(org, moscow, ("commercial", "operative"), "2027-01-01", "");
    let next_id = save(&app, &admin, "admin/contracts/save", next).await;
    // …and a contract changed in place does not overlap itself.
    let mut changed = contract_body(org, moscow, ("commercial", "emergency"), "2026-02-01", "2026-12-31");
    changed["id"] = json!(id);
    assert_eq!(save(&app, &admin, "admin/contracts/save", changed).await, id);
    let saved = data(&app, &admin).await;
    let ours: Vec<_> = saved.contracts.iter().filter(|c| c.organisation_id == org).collect();
    assert_eq!(ours.len(), 2);
    let first = ours.iter().find(|c| c.id == id).unwrap();
    assert_eq!((first.level, first.valid_from.as_str()), (SlaLevel::CommercialEmergency, "2026-02-01"));
    assert_eq!(first.curator_id, None, "the curator was cleared");

    let client = account_id(&saved, CLIENT);
    let refused = [
        (
            contract_body(org, moscow, ("commercial", "standard"), "2026-06-01", "2026-06-30"),
            ("valid_from", Problem::Overlaps, Some("2026-02-01 – 2026-12-31")),
        ),
        (
            contract_body(org, moscow, ("commercial", "standard"), "2025-06-01", "2025-05-31"),
            ("valid_to", Problem::NotAfterStart, None),
        ),
        (
            contract_body(org, moscow, ("partner", "operative"), "2020-01-01", "2020-12-31"),
            ("support_level", Problem::LevelNotInPolicy, Some("partner_operative")),
        ),
        (
            {
                let mut b =
                    contract_body(org, moscow, ("commercial", "standard"), "2020-01-01", "2020-12-31");
                b["curator_id"] = json!(client);
                b
            },
            ("curator_id", Problem::Unknown, None),
        ),
    ];
    for (body, (field, expected, detail)) in refused {
        let res = app.post_json_with(&admin, "admin/contracts/save", body.clone()).await;
        let errors = form_errors(res).await;
        assert_eq!(errors.errors.len(), 1, "{body}: {errors:?}");
        let error = &errors.errors[0];
        assert_eq!((error.field.as_str(), error.problem), (field, expected), "{body}");
        assert_eq!(error.detail.as_deref(), detail, "{body}");
    }
    let mut missing = contract_body(org, moscow, ("commercial", "standard"), "2020-01-01", "2020-12-31");
    missing["id"] = json!(999_999);
    assert_eq!(app.post_json_with(&admin, "admin/contracts/save", missing).await.status(), 404);
    assert_eq!(data(&app, &admin).await.contracts, saved.contracts, "refusals write nothing");
    assert!(saved.contracts.iter().any(|c| c.id == next_id));
    app.cleanup().await;
}
on_both_backends!(contract_rules_are_checked_by_the_server);

/// The board card of ticket `id` as `client` sees it.
async fn card(app: &TestApp, client: &reqwest::Client, id: i64) -> Value {
    let board: Value = app.post_json_with(client, "board", json!({})).await.json().await.unwrap();
    board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cards"].as_array().unwrap().clone())
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no card {id}"))
}

/// The reaction budget of a card, and its deadline less its receipt.
fn reaction(card: &Value) -> (i64, Duration) {
    let countdown = &card["countdown"];
    assert_eq!(countdown["kind"], "reaction", "{card}");
    let at = |v: &Value| v.as_str().unwrap().parse::<DateTime<Utc>>().unwrap();
    (countdown["budget_secs"].as_i64().unwrap(), at(&countdown["due"]) - at(&card["received_at"]))
}

/// The reaction deadline stored with the ticket's SLA milestones.
async fn stored_reaction_due(app: &TestApp, id: i64) -> i64 {
    sqlx::query_scalar::<_, Option<i64>>(
        "SELECT due_at FROM ticket_sla WHERE ticket_id = $1 AND clock = 'reaction'",
    )
    .bind(id)
    .fetch_one(&app.store.pool)
    .await
    .unwrap()
    .expect("a running reaction clock has a deadline")
}

fn due_of(card: &Value) -> i64 {
    card["countdown"]["due"].as_str().unwrap().parse::<DateTime<Utc>>().unwrap().timestamp()
}

async fn an_api_contract_and_a_policy_edit_set_the_sla_of_the_organisations_tickets(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let org = save(&app, &admin, "admin/organisations/save", json!({"name": "ООО «Круглосуточно»"})).await;
    let email = "duty@roundclock.example";
    let account = json!({"email": email, "name": "Дежурный", "role": "client", "organisation_id": org,
                         "password": GOOD_PASSWORD});
    save(&app, &admin, "admin/accounts/save", account).await;
    let client = browser(Default::default());
    assert_eq!(app.login_with(&client, email, GOOD_PASSWORD).await.status(), 200);
    let ticket = json!({"title": "Не проходит оплата картой", "category": "incident", "priority": "normal"});
    let res = app.post_json_with(&client, "tickets/create", ticket).await;
    assert_eq!(res.status(), 200);
    let created: Value = res.json().await.unwrap();
    let (id, key) = (created["id"].as_i64().unwrap(), created["key"].as_str().unwrap().to_string());
    // Without a contract: general consultation, 40 working hours on Moscow 09–18.
    let without = card(&app, &client, id).await;
    assert_eq!(reaction(&without).0, 40 * 3600);
    assert_eq!(without["round_the_clock"], false);

    // A round-the-clock emergency contract from yesterday on: 8 h, plain hours.
    let start = data(&app, &admin).await;
    let yesterday = (Utc::now() - Duration::days(1)).format("%Y-%m-%d").to_string();
    let body = contract_body(org, calendar_id(&start, "24/7"), ("commercial", "emergency"), &yesterday, "");
    save(&app, &admin, "admin/contracts/save", body).await;

    // Unconfirmed, the ticket has the commercial standard level (24 h, here
    // round the clock); the special agreement's 8 h is for a confirmed
    // emergency (seed 001).
    let under_contract = card(&app, &client, id).await;
    assert_eq!(reaction(&under_contract), (24 * 3600, Duration::hours(24)));
    assert_eq!(
        stored_reaction_due(&app, id).await,
        due_of(&under_contract),
        "milestones follow the contract"
    );
    assert_eq!(under_contract["round_the_clock"], true);
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let version = under_contract["version"].as_i64().unwrap();
    let confirm = json!({"id": id, "version": version, "edit": {"field": "level", "value": "emergency"}});
    assert_eq!(app.post_json_with(&operator, "tickets/edit", confirm).await.status(), 200);
    let confirmed = card(&app, &client, id).await;
    assert_eq!(reaction(&confirmed), (8 * 3600, Duration::hours(8)));
    assert_eq!(confirmed["level"], json!({"level": "commercial_emergency", "mark": "emergency"}));
    assert_eq!(stored_reaction_due(&app, id).await, due_of(&confirmed), "milestones follow the level");

    // The admin shortens the policy's emergency reaction to 2 h.
    let mut policy: SlaPolicy = start.policies.iter().find(|p| p.code == "technomarket").unwrap().clone();
    let level = policy.levels.iter_mut().find(|l| l.level == Some(SlaLevel::CommercialEmergency)).unwrap();
    level.rules[0].reaction = Some(Budget::Hours(2));
    let res =
        app.post_json_with(&admin, "admin/policies/save", json!({"is_new": false, "policy": policy})).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<SlaPolicy>().await.unwrap(), policy);

    let shortened = card(&app, &client, id).await;
    assert_eq!(reaction(&shortened), (2 * 3600, Duration::hours(2)));
    assert_eq!(stored_reaction_due(&app, id).await, due_of(&shortened), "milestones follow the policy");
    let page: Value =
        app.post_json_with(&client, "tickets/get", json!({"key": key})).await.json().await.unwrap();
    let clock = &page["sla"]["clocks"][0];
    assert_eq!((clock["kind"].as_str(), &clock["target"]), (Some("reaction"), &json!({"hours": 2})));
    assert_eq!(clock["budget_secs"], 2 * 3600);
    let stored = data(&app, &admin).await.policies.into_iter().find(|p| p.code == "technomarket").unwrap();
    assert_eq!(stored, policy);
    app.cleanup().await;
}
on_both_backends!(an_api_contract_and_a_policy_edit_set_the_sla_of_the_organisations_tickets);

fn express_policy() -> Value {
    json!({
        "code": "express",
        "name": "Express",
        "levels": [{"level": "commercial_standard",
                    "rules": [{"reaction": {"hours": 2}, "resolution": {"hours": 8}}]}],
    })
}

async fn policy_saves_are_checked_and_stored(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let before = data(&app, &admin).await.policies;
    let technomarket =
        serde_json::to_value(before.iter().find(|p| p.code == "technomarket").unwrap()).unwrap();

    let mut unknown_field = express_policy();
    unknown_field["levels"][0]["rules"][0]["escalate_to"] = json!("lead");
    let res = app
        .post_json_with(&admin, "admin/policies/save", json!({"is_new": true, "policy": unknown_field}))
        .await;
    let errors = form_errors(res).await;
    assert_eq!(errors.errors.len(), 1, "{errors:?}");
    assert_eq!((errors.errors[0].field.as_str(), errors.errors[0].problem), ("spec", Problem::Invalid));
    assert!(
        errors.errors[0].detail.as_deref().unwrap().contains("unknown field `escalate_to`"),
        "{errors:?}"
    );
    let res = app
        .post_json_with(&admin, "admin/policies/save", json!({"is_new": true, "policy": technomarket}))
        .await;
    assert_eq!(problems(res).await, problem("code", Problem::Taken));
    let mut bad = express_policy();
    bad["at_risk_fraction"] = json!(1.5);
    bad["code"] = json!("Ex Press");
    let res = app.post_json_with(&admin, "admin/policies/save", json!({"is_new": true, "policy": bad})).await;
    assert_eq!(
        problems(res).await,
        [("code".to_string(), Problem::Invalid), ("at_risk_fraction".to_string(), Problem::OutOfRange)]
    );
    let mut ghost = express_policy();
    ghost["code"] = json!("nobody_here");
    let res =
        app.post_json_with(&admin, "admin/policies/save", json!({"is_new": false, "policy": ghost})).await;
    assert_eq!(res.status(), 404, "an update never creates a policy");
    assert_eq!(data(&app, &admin).await.policies, before, "refusals write nothing");

    let res = app
        .post_json_with(&admin, "admin/policies/save", json!({"is_new": true, "policy": express_policy()}))
        .await;

    assert_eq!(res.status(), 200);
    let saved: SlaPolicy = res.json().await.unwrap();
    assert_eq!(saved.at_risk_fraction, 0.25, "the default share");
    let after = data(&app, &admin).await.policies;
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(after.iter().find(|p| p.code == "express"), Some(&saved));
    // A contract can use the new policy, for the levels it covers only.
    let org = save(&app, &admin, "admin/organisations/save", json!({"name": "ООО «Экспресс»"})).await;
    let cal = calendar_id(&data(&app, &admin).await, "24/7");
    let mut body = contract_body(org, cal, ("partner", "standard"), "2026-01-01", "");
    body["policy_code"] = json!("express");
    let res = app.post_json_with(&admin, "admin/contracts/save", body.clone()).await;
    assert_eq!(problems(res).await, problem("support_level", Problem::LevelNotInPolicy));
    body["client_category"] = json!("commercial");
    save(&app, &admin, "admin/contracts/save", body).await;
    // Now a contract runs on commercial_standard: an edit that drops that
    // level would leave its tickets without an SLA, and is refused.
    let mut narrowed = express_policy();
    narrowed["levels"][0]["level"] = json!("partner_standard");
    let res =
        app.post_json_with(&admin, "admin/policies/save", json!({"is_new": false, "policy": narrowed})).await;
    let errors = form_errors(res).await;
    assert_eq!(errors.errors.len(), 1, "{errors:?}");
    assert_eq!(errors.errors[0].problem, Problem::LevelNotInPolicy);
    assert_eq!(errors.errors[0].detail.as_deref(), Some("commercial_standard"));
    let stored = data(&app, &admin).await.policies;
    assert_eq!(stored.iter().find(|p| p.code == "express"), Some(&saved), "the refused edit wrote nothing");
    app.cleanup().await;
}
on_both_backends!(policy_saves_are_checked_and_stored);

async fn department_saves_are_checked_and_stored(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let before = data(&app, &admin).await.departments;
    let security = |channels: Value, days: i64| json!({"name": "Служба безопасности", "deadline_days": days, "channels": channels});
    let email = |a: &str| json!({"kind": "email", "address": a});
    let hook = |a: &str| json!({"kind": "mattermost", "address": a});

    let res =
        app.post_json_with(&admin, "admin/departments/save", security(json!([email("security")]), 3)).await;
    assert_eq!(problems(res).await, problem("channels.0.address", Problem::Invalid));
    let res = app
        .post_json_with(&admin, "admin/departments/save", security(json!([email("sec@example.ru")]), 0))
        .await;
    let errors = form_errors(res).await;
    assert_eq!(
        errors.of("deadline_days").map(|e| (e.problem, e.limit)),
        Some((Problem::OutOfRange, Some(60)))
    );
    assert_eq!(errors.errors.len(), 1);
    // Each channel row is checked at its place: a mail address is no webhook.
    let rows = json!([email("sec@example.ru"), hook("sec@example.ru")]);
    let res = app.post_json_with(&admin, "admin/departments/save", security(rows, 3)).await;
    assert_eq!(problems(res).await, problem("channels.1.address", Problem::Invalid));
    let res = app.post_json_with(&admin, "admin/departments/save", security(json!([]), 3)).await;
    assert_eq!(problems(res).await, problem("channels", Problem::Required));
    // The shipped legal department has this name already.
    let mut legal = security(json!([email("other@example.ru")]), 2);
    legal["name"] = json!("Юридический отдел");
    let res = app.post_json_with(&admin, "admin/departments/save", legal).await;
    assert_eq!(problems(res).await, problem("name", Problem::Taken));
    assert_eq!(data(&app, &admin).await.departments, before, "refusals write nothing");

    let both = json!([hook("https://chat.example.ru/hooks/sec"), email(" Sec@Example.RU ")]);
    let id = save(&app, &admin, "admin/departments/save", security(both, 3)).await;
    let departments = data(&app, &admin).await.departments;
    assert_eq!(departments.len(), before.len() + 1);
    let saved = departments.iter().find(|d| d.id == id).unwrap();
    assert_eq!((saved.name.as_str(), saved.deadline_days), ("Служба безопасности", 3));
    let channels: Vec<(&str, &str)> =
        saved.channels.iter().map(|c| (c.kind.code(), c.address.as_str())).collect();
    assert_eq!(channels, [("mattermost", "https://chat.example.ru/hooks/sec"), ("email", "sec@example.ru")]);

    // A change replaces the list: one row removed, the deadline changed.
    let mut changed = security(json!([email("sec@example.ru")]), 5);
    changed["id"] = json!(id);
    assert_eq!(save(&app, &admin, "admin/departments/save", changed.clone()).await, id);
    let after = data(&app, &admin).await.departments;
    assert_eq!(after.len(), before.len() + 1, "a change adds no department");
    let saved = after.iter().find(|d| d.id == id).unwrap();
    assert_eq!((saved.deadline_days, saved.channels.len()), (5, 1));
    changed["id"] = json!(999_999);
    assert_eq!(app.post_json_with(&admin, "admin/departments/save", changed).await.status(), 404);
    app.cleanup().await;
}
on_both_backends!(department_saves_are_checked_and_stored);

async fn template_saves_are_checked_and_stored(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let before = data(&app, &admin).await.templates;
    let template = json!({
        "name": "Нужны скриншоты",
        "body_en": "Hello {client}, please send screenshots for {ticket}.",
        "body_ru": "Здравствуйте, {client}! Пришлите, пожалуйста, скриншоты по {ticket}.",
        "body_uk": "Вітаємо, {client}! Надішліть, будь ласка, знімки екрана щодо {ticket}.",
    });

    let mut typo = template.clone();
    typo["body_ru"] = json!("Здравствуйте, {clinet}!");
    let errors = form_errors(app.post_json_with(&admin, "admin/templates/save", typo).await).await;
    assert_eq!(errors.errors.len(), 1, "{errors:?}");
    let error = errors.of("body_ru").unwrap();
    assert_eq!((error.problem, error.detail.as_deref()), (Problem::UnknownPlaceholder, Some("clinet")));
    let mut empty = template.clone();
    empty["body_uk"] = json!("  ");
    let res = app.post_json_with(&admin, "admin/templates/save", empty).await;
    assert_eq!(problems(res).await, problem("body_uk", Problem::Required));
    // A name of the demo's templates.
    let mut taken = template.clone();
    taken["name"] = json!("Запрос логов");
    let res = app.post_json_with(&admin, "admin/templates/save", taken).await;
    assert_eq!(problems(res).await, problem("name", Problem::Taken));
    assert_eq!(data(&app, &admin).await.templates, before, "refusals write nothing");

    let id = save(&app, &admin, "admin/templates/save", template.clone()).await;

    let saved = data(&app, &admin).await.templates;
    assert_eq!(saved.len(), before.len() + 1);
    let ours = saved.iter().find(|t| t.id == id).unwrap();
    assert_eq!(ours.name, "Нужны скриншоты");
    let bodies = json!({"body_en": ours.body_en, "body_ru": ours.body_ru, "body_uk": ours.body_uk});
    for field in ["body_en", "body_ru", "body_uk"] {
        assert_eq!(bodies[field], template[field], "{field}");
    }
    let mut renamed = template;
    renamed["id"] = json!(id);
    renamed["name"] = json!("Скриншоты");
    assert_eq!(save(&app, &admin, "admin/templates/save", renamed.clone()).await, id);
    let after = data(&app, &admin).await.templates;
    assert_eq!(after.len(), before.len() + 1, "a rename adds no template");
    assert_eq!(after.iter().find(|t| t.id == id).unwrap().name, "Скриншоты");
    renamed["id"] = json!(999_999);
    renamed["name"] = json!("Другое");
    assert_eq!(app.post_json_with(&admin, "admin/templates/save", renamed).await.status(), 404);
    app.cleanup().await;
}
on_both_backends!(template_saves_are_checked_and_stored);

async fn agents_list_the_reply_templates_and_others_get_403(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let template = json!({"name": "Спасибо", "body_en": "Thank you, {client}.", "body_ru": "Спасибо, {client}.",
                          "body_uk": "Дякуємо, {client}."});
    let id = save(&app, &admin, "admin/templates/save", template).await;
    let expected = data(&app, &admin).await.templates;

    for (who, name) in
        [(OPERATOR, "Олег Петренко"), (CONSULTANT, "Мария Кузнецова"), (LEAD, "Сергей Лебедев")]
    {
        let (agent, _) = app.signed_in_client(who).await;
        let res = app.post_json_with(&agent, "templates/list", json!({})).await;
        assert_eq!(res.status(), 200, "{who}");
        let list: app::functions::admin::ReplyTemplates = res.json().await.unwrap();
        assert_eq!(list.agent, name, "the {{agent}} placeholder is the caller");
        assert_eq!(list.templates, expected, "{who}");
        assert!(list.templates.iter().any(|t| t.id == id));
    }
    for who in [CLIENT, ADMIN] {
        let (caller, _) = app.signed_in_client(who).await;
        let res = app.post_json_with(&caller, "templates/list", json!({})).await;
        assert_eq!(res.status(), 403, "{who}");
        assert!(crate::helpers::error_of(res).await["error"] == "forbidden", "{who}");
    }
    app.cleanup().await;
}
on_both_backends!(agents_list_the_reply_templates_and_others_get_403);

async fn an_admin_creates_a_client_who_can_sign_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let start = data(&app, &admin).await;
    let org = organisation_id(&start, CLIENT_ORG);
    let account = |email: &str, role: &str, org: Option<i64>, password: &str| {
        json!({"email": email, "name": "Ольга Петрова", "role": role, "organisation_id": org,
               "password": password})
    };

    let id = save(
        &app,
        &admin,
        "admin/accounts/save",
        account(" Olga@TechnoMarket.example ", "client", Some(org), GOOD_PASSWORD),
    )
    .await;

    let created = data(&app, &admin).await.accounts.into_iter().find(|a| a.id == id).unwrap();
    assert_eq!(created.email, "olga@technomarket.example", "normalised");
    assert_eq!((created.role, created.organisation_id), (Role::Client, Some(org)));
    assert!(created.has_password && !created.disabled);
    let raw = app.post_json_with(&admin, "admin/data", json!({})).await.text().await.unwrap();
    assert!(!raw.contains("$argon2"), "no password hash leaves the server");
    let olga = browser(Default::default());
    let res = app.login_with(&olga, "olga@technomarket.example", GOOD_PASSWORD).await;
    assert_eq!(res.status(), 200);
    let me: Value = res.json().await.unwrap();
    assert_eq!((me["role"].as_str(), &me["organisation"]["name"]), (Some("client"), &json!(CLIENT_ORG)));
    assert_eq!(app.post_json_with(&olga, "board", json!({})).await.status(), 200);

    let before = data(&app, &admin).await.accounts;
    let short = account("short@technomarket.example", "client", Some(org), "elevenchars");
    let errors = form_errors(app.post_json_with(&admin, "admin/accounts/save", short).await).await;
    assert_eq!(errors.of("password").map(|e| (e.problem, e.limit)), Some((Problem::TooShort, Some(12))));
    let res = app
        .post_json_with(&admin, "admin/accounts/save", account(CLIENT, "client", Some(org), GOOD_PASSWORD))
        .await;
    assert_eq!(problems(res).await, problem("email", Problem::Taken));
    let res = app
        .post_json_with(
            &admin,
            "admin/accounts/save",
            account("agent@slaboard.example", "operator", Some(org), GOOD_PASSWORD),
        )
        .await;
    assert_eq!(problems(res).await, problem("organisation_id", Problem::OrganisationMismatch));
    let res = app
        .post_json_with(
            &admin,
            "admin/accounts/save",
            account("nopass@technomarket.example", "client", Some(org), ""),
        )
        .await;
    assert_eq!(problems(res).await, problem("password", Problem::Required));
    // A change of an existing account never carries a password.
    let mut with_password = account("olga@technomarket.example", "client", Some(org), GOOD_PASSWORD);
    with_password["id"] = json!(id);
    let res = app.post_json_with(&admin, "admin/accounts/save", with_password).await;
    assert_eq!(problems(res).await, problem("password", Problem::Invalid));
    assert_eq!(data(&app, &admin).await.accounts, before, "refusals write nothing");

    // The admin makes her an operator: the organisation goes, her session follows.
    let promoted =
        json!({"id": id, "email": "olga@slaboard.example", "name": "Ольга Петрова", "role": "operator"});
    assert_eq!(save(&app, &admin, "admin/accounts/save", promoted).await, id);
    let me: Value = app.post_json_with(&olga, "auth/me", json!({})).await.json().await.unwrap();
    assert_eq!(
        (me["role"].as_str(), me["email"].as_str()),
        (Some("operator"), Some("olga@slaboard.example"))
    );
    assert!(me["organisation"].is_null());
    let ghost = json!({"id": 999_999, "email": "ghost@slaboard.example", "name": "Ghost", "role": "lead"});
    assert_eq!(app.post_json_with(&admin, "admin/accounts/save", ghost).await.status(), 404);
    app.cleanup().await;
}
on_both_backends!(an_admin_creates_a_client_who_can_sign_in);

async fn an_admin_cannot_demote_or_disable_themselves(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let start = data(&app, &admin).await;
    assert_eq!(start.me, account_id(&start, ADMIN));

    let demote = json!({"id": start.me, "email": ADMIN, "name": "Анна Admin", "role": "lead"});
    let res = app.post_json_with(&admin, "admin/accounts/save", demote).await;
    assert_eq!(problems(res).await, problem("role", Problem::OwnAccount));
    let res = app
        .post_json_with(&admin, "admin/accounts/disabled", json!({"id": start.me, "disabled": true}))
        .await;
    assert_eq!(problems(res).await, problem("disabled", Problem::OwnAccount));

    assert_eq!(data(&app, &admin).await, start, "still an active admin");
    // Renaming themselves is fine.
    let rename = json!({"id": start.me, "email": ADMIN, "name": "Анна Администратор", "role": "admin"});
    assert_eq!(save(&app, &admin, "admin/accounts/save", rename).await, start.me);
    let after = data(&app, &admin).await;
    let me = after.accounts.iter().find(|a| a.id == start.me).unwrap();
    assert_eq!((me.name.as_str(), me.role, me.disabled), ("Анна Администратор", Role::Admin, false));
    app.cleanup().await;
}
on_both_backends!(an_admin_cannot_demote_or_disable_themselves);

async fn disabling_an_account_ends_its_open_session(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let (consultant, _) = app.signed_in_client(CONSULTANT).await;
    assert_eq!(app.post_json_with(&consultant, "board", json!({})).await.status(), 200);
    let id = account_id(&data(&app, &admin).await, CONSULTANT);

    let res =
        app.post_json_with(&admin, "admin/accounts/disabled", json!({"id": id, "disabled": true})).await;

    assert_eq!(res.status(), 200);
    let res = app.post_json_with(&consultant, "board", json!({})).await;
    assert_eq!(res.status(), 401, "the open session stopped working");
    assert!(crate::helpers::error_of(res).await["error"] == "not_signed_in");
    let res = app.login_with(&app.client, CONSULTANT, DEMO_PASSWORD).await;
    assert_eq!(res.status(), 401);
    assert!(crate::helpers::error_of(res).await["error"] == "wrong_credentials");
    assert!(data(&app, &admin).await.accounts.iter().find(|a| a.id == id).unwrap().disabled);
    let res =
        app.post_json_with(&admin, "admin/accounts/disabled", json!({"id": id, "disabled": false})).await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.login_with(&app.client, CONSULTANT, DEMO_PASSWORD).await.status(), 200, "enabled again");
    let res =
        app.post_json_with(&admin, "admin/accounts/disabled", json!({"id": 999_999, "disabled": true})).await;
    assert_eq!(res.status(), 404);
    app.cleanup().await;
}
on_both_backends!(disabling_an_account_ends_its_open_session);

async fn a_password_reset_replaces_the_old_password(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let id = account_id(&data(&app, &admin).await, OPERATOR);
    let secrets = account_secrets(&app).await;

    let res =
        app.post_json_with(&admin, "admin/accounts/password", json!({"id": id, "password": "short"})).await;
    assert_eq!(problems(res).await, problem("password", Problem::TooShort));
    assert_eq!(account_secrets(&app).await, secrets, "a refused password changes nothing");
    let res = app
        .post_json_with(&admin, "admin/accounts/password", json!({"id": 999_999, "password": GOOD_PASSWORD}))
        .await;
    assert_eq!(res.status(), 404);

    let res = app
        .post_json_with(&admin, "admin/accounts/password", json!({"id": id, "password": GOOD_PASSWORD}))
        .await;

    assert_eq!(res.status(), 200);
    assert_eq!(app.post_json_with(&operator, "board", json!({})).await.status(), 401, "old sessions end");
    assert_eq!(app.login_with(&app.client, OPERATOR, DEMO_PASSWORD).await.status(), 401, "the old password");
    assert_eq!(app.login_with(&app.client, OPERATOR, GOOD_PASSWORD).await.status(), 200, "the new password");
    app.cleanup().await;
}
on_both_backends!(a_password_reset_replaces_the_old_password);

async fn non_admins_calling_admin_crud_get_403(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let before = (data(&app, &admin).await, account_secrets(&app).await);

    for who in [CLIENT, OPERATOR, CONSULTANT, LEAD] {
        let (caller, _) = app.signed_in_client(who).await;
        for (endpoint, body) in admin_calls() {
            let res = app.post_json_with(&caller, endpoint, body).await;

            assert_eq!(res.status(), 403, "{who} {endpoint}");
            assert!(crate::helpers::error_of(res).await["error"] == "forbidden", "{who} {endpoint}");
        }
    }

    assert_eq!((data(&app, &admin).await, account_secrets(&app).await), before, "nothing written");
    // The same bodies are valid: the admin's calls go through. Sending a
    // mail again needs a failed mail: the demo's first one, made to fail.
    let (client, _) = app.signed_in_client(CLIENT).await;
    let ticket = json!({"title": "Нужен отчёт", "category": "consultation", "priority": "normal"});
    assert_eq!(app.post_json_with(&client, "tickets/create", ticket).await.status(), 200);
    let mut first = None;
    for _ in 0..200 {
        first =
            sqlx::query_scalar::<_, i64>("SELECT MIN(id) FROM outbox").fetch_one(&app.store.pool).await.ok();
        if first.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(first, Some(1), "the acknowledgement is planned");
    sqlx::query("UPDATE outbox SET status = 'failed' WHERE id = 1").execute(&app.store.pool).await.unwrap();
    for (endpoint, body) in admin_calls() {
        let res = app.post_json_with(&admin, endpoint, body).await;
        let status = res.status();
        assert_eq!(status, 200, "admin {endpoint}: {}", res.text().await.unwrap());
    }
    assert_ne!(data(&app, &admin).await, before.0);
    app.cleanup().await;
}
on_both_backends!(non_admins_calling_admin_crud_get_403);

async fn mass_assignment_of_extra_fields_in_admin_saves_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let before = (data(&app, &admin).await, account_secrets(&app).await);
    let mut attempts: Vec<(&str, Value, &[&str])> = vec![
        (
            "admin/organisations/save",
            json!({"name": "X", "organisation_id": 1, "created_at": 0}),
            &["organisation_id", "created_at"],
        ),
        (
            "admin/accounts/save",
            json!({"email": "x@slaboard.example", "name": "X", "role": "lead", "password": GOOD_PASSWORD,
                   "password_hash": "$argon2id$forged"}),
            &["password_hash"],
        ),
        ("admin/accounts/disabled", json!({"id": 2, "disabled": false, "role": "admin"}), &["role"]),
    ];
    for (endpoint, mut body) in admin_calls() {
        body["created_at"] = json!(0);
        attempts.push((endpoint, body, &["created_at"]));
    }

    for (endpoint, body, fields) in attempts {
        let res = app.post_json_with(&admin, endpoint, body.clone()).await;

        assert_eq!(res.status(), 400, "{endpoint} {body}");
        let text = res.text().await.unwrap();
        assert!(fields.iter().any(|f| text.contains(&format!("unknown field `{f}`"))), "{endpoint}: {text}");
    }
    assert_eq!((data(&app, &admin).await, account_secrets(&app).await), before, "nothing written");
    app.cleanup().await;
}
on_both_backends!(mass_assignment_of_extra_fields_in_admin_saves_is_refused);
