//! The attack suite (issue 5). Each test names the attack it stands for;
//! `docs/security.md` lists them.

use crate::helpers::{
    browser, spawn_app, spawn_app_with, Backend, ADMIN, CLIENT, CLIENT_ORG, CONSULTANT, DEMO_PASSWORD, LEAD,
    OPERATOR, SESSION_COOKIE,
};
use crate::on_both_backends;
use app::auth::throttle::{ACCOUNT_LIMIT, ADDRESS_LIMIT};
use reqwest::cookie::Jar;
use serde_json::{json, Value};
use std::sync::Arc;

/// A valid body for every server function except sign-in. A new server
/// function must be added here, or `every_server_function_is_listed` fails:
/// that is what keeps "unauthenticated calls get 401" true for all of them.
pub(crate) fn valid_calls() -> Vec<(&'static str, Value)> {
    vec![
        ("board", json!({})),
        ("board/card", json!({"id": 1})),
        ("time", json!({})),
        ("auth/me", json!({})),
        ("auth/logout", json!({})),
        (
            "sla/preview",
            json!({"calendar": {"id": 1}, "start": "2026-11-24T09:00:00+03:00", "budget": {"hours": 9}}),
        ),
        ("tickets/move", json!({"id": 1, "to": "in_progress", "version": 1})),
        ("archive", json!({"q": "", "page": 1})),
        ("sprints/list", json!({})),
        (
            "sprints/save",
            json!({"name": "Спринт 99", "goal": "", "starts_on": "2031-01-06", "length_days": 14, "capacity_hours": 80}),
        ),
        ("sprints/plan_view", json!({"id": 1})),
        ("sprints/plan", json!({"ticket": 1, "version": 1})),
        ("sprints/unplan", json!({"ticket": 1, "version": 1})),
        ("sprints/reorder", json!({"sprint": 1, "order": []})),
        ("sprints/close", json!({"sprint": 1, "decisions": []})),
        ("sprints/charts", json!({"id": 1, "locale": "en"})),
        ("tickets/edit", json!({"id": 1, "version": 1, "edit": {"field": "priority", "value": "high"}})),
        ("calendars/list", json!({})),
        (
            "calendars/save",
            json!({"name": "Z", "calendar": {"tz": "Europe/Moscow", "weekly": {"mon": [["09:00", "18:00"]]}}}),
        ),
        ("calendars/import_ics", json!({"id": 1, "ics": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"})),
        ("calendars/desk", json!({"id": 1})),
        ("tickets/create", json!({"title": "Hello", "category": "incident", "priority": "normal"})),
        ("tickets/new_form", json!({})),
        ("tickets/get", json!({"key": "SUP-1001"})),
        ("tickets/comment", json!({"id": 1, "body": "Hello", "internal": false})),
        ("tickets/presence", json!({"id": 1})),
        ("attachments/discard", json!({"id": 1})),
        ("templates/list", json!({})),
        ("admin/data", json!({})),
        ("admin/mail-in", json!({})),
        ("admin/outbox", json!({"status": null})),
        ("admin/outbox/retry", json!({"id": 1})),
        ("account/notifications", json!({})),
        ("account/notifications/save", json!({"language": null, "off": []})),
        ("tickets/sort", json!({"id": 1, "version": 1, "organisation_id": 1, "requester_id": 1})),
        ("tickets/rate", json!({"id": 1, "version": 1, "score": 5, "comment": "Спасибо"})),
        ("reports/get", json!({"filter": {"month": "2026-11"}, "locale": "ru"})),
        ("reports/available", json!({})),
        ("admin/quality_bands/save", json!({"good_from": 470, "normal_from": 400})),
        ("tickets/escalate", json!({"id": 1, "version": 1, "department_id": 1, "question": "Вопрос"})),
        ("tickets/escalations/answer", json!({"id": 1, "version": 1, "escalation_id": 1, "answer": "Ответ"})),
        ("tickets/escalations/withdraw", json!({"id": 1, "version": 1, "escalation_id": 1})),
        (
            "tickets/extension/propose",
            json!({"id": 1, "version": 1, "due": "2031-01-06T15:00:00Z", "reason": "Ждём поставщика"}),
        ),
        ("tickets/extension/answer", json!({"id": 1, "version": 1, "extension_id": 1, "agree": true})),
        ("tickets/extension/withdraw", json!({"id": 1, "version": 1, "extension_id": 1})),
        ("admin/organisations/save", json!({"name": "ООО «Новая»"})),
        (
            "admin/contracts/save",
            json!({"organisation_id": 1, "calendar_id": 1, "policy_code": "technomarket",
                   "client_category": "commercial", "support_level": "standard",
                   "valid_from": "2020-01-01", "valid_to": "2020-12-31", "curator_id": 2}),
        ),
        (
            "admin/policies/save",
            json!({"is_new": true, "policy": {"code": "express", "name": "Express", "levels": [
                {"level": "commercial_standard", "rules": [{"reaction": {"hours": 2}}]}]}}),
        ),
        (
            "admin/departments/save",
            json!({"name": "Служба безопасности", "deadline_days": 3,
                   "channels": [{"kind": "email", "address": "sec@example.com"}]}),
        ),
        (
            "admin/templates/save",
            json!({"name": "Need logs", "body_en": "Hello {client}", "body_ru": "Здравствуйте, {client}",
                   "body_uk": "Вітаємо, {client}"}),
        ),
        (
            "admin/accounts/save",
            json!({"email": "new.client@technomarket.example", "name": "New Client", "role": "client",
                   "organisation_id": 1, "password": "a-long-enough-password"}),
        ),
        ("admin/accounts/password", json!({"id": 2, "password": "a-long-enough-password"})),
        ("admin/accounts/disabled", json!({"id": 2, "disabled": true})),
    ]
}

#[test]
fn every_server_function_is_listed() {
    let listed: std::collections::BTreeSet<String> = valid_calls()
        .into_iter()
        .map(|(e, _)| format!("/api/{e}"))
        .chain(["/api/auth/login".into()])
        .collect();
    let registered: std::collections::BTreeSet<String> =
        leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string()).collect();
    assert_eq!(listed, registered, "list every server function in valid_calls()");
}

/// Whatever the body, a call without a session is answered 401 with the
/// JSON error before the body is read: a valid one, one that is not JSON,
/// one missing every argument, and one with a 70 KB field name.
async fn unauthenticated_calls_of_every_server_function_get_401(backend: Backend) {
    let app = spawn_app(backend).await;
    let huge_name = "x".repeat(70 * 1024);

    for (endpoint, body) in valid_calls() {
        let url = format!("{}/api/{endpoint}", app.address);
        let bodies: [(&str, String); 4] = [
            ("valid", body.to_string()),
            ("malformed", "{\"id\": ".to_string()),
            ("wrong shape", json!({"id": "not a number"}).to_string()),
            ("70 KB field name", json!({ huge_name.clone(): 1 }).to_string()),
        ];
        for (what, raw) in bodies {
            let res = post_raw(&app, &url, raw).await;

            assert_eq!(res.status(), 401, "{endpoint} with a {what} body");
            let error = crate::helpers::error_of(res).await;
            assert_eq!(error["error"], "not_signed_in", "{endpoint} with a {what} body: {error}");
            assert!(!error.to_string().contains("missing field"), "{endpoint}: {error}");
        }
    }
    app.cleanup().await;
}
on_both_backends!(unauthenticated_calls_of_every_server_function_get_401);

/// POSTs `raw` as a JSON body with the app's shared client.
async fn post_raw(app: &crate::helpers::TestApp, url: &str, raw: String) -> reqwest::Response {
    app.client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(raw)
        .send()
        .await
        .unwrap()
}

/// A signed-in caller's malformed body is their fault: 400 with the JSON
/// error, never a 500.
async fn malformed_bodies_of_signed_in_callers_get_400_with_the_json_error(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(LEAD).await;
    let huge_name = "x".repeat(70 * 1024);

    for (endpoint, _) in valid_calls().into_iter().filter(|(e, _)| *e != "auth/logout") {
        let url = format!("{}/api/{endpoint}", app.address);
        for (what, raw) in [
            ("not JSON", "{\"id\": ".to_string()),
            ("70 KB field name", json!({ huge_name.clone(): 1 }).to_string()),
        ] {
            let res = post_raw(&app, &url, raw).await;

            assert_eq!(res.status(), 400, "{endpoint} with a {what} body");
            let error = crate::helpers::error_of(res).await;
            assert_eq!(error["error"], "bad_request", "{endpoint} with a {what} body: {error}");
        }
    }
    app.cleanup().await;
}
on_both_backends!(malformed_bodies_of_signed_in_callers_get_400_with_the_json_error);

async fn only_leads_and_admins_may_preview_slas(backend: Backend) {
    let app = spawn_app(backend).await;
    let body = valid_calls().into_iter().find(|(e, _)| *e == "sla/preview").unwrap().1;

    for (who, expected) in [(CLIENT, 403), (OPERATOR, 403), (CONSULTANT, 403), (LEAD, 200), (ADMIN, 200)] {
        let (client, _) = app.signed_in_client(who).await;
        let res = app.post_json_with(&client, "sla/preview", body.clone()).await;

        assert_eq!(res.status(), expected, "{who}");
        if expected == 403 {
            assert!(crate::helpers::error_of(res).await["error"] == "forbidden", "{who}");
        }
    }
    app.cleanup().await;
}
on_both_backends!(only_leads_and_admins_may_preview_slas);

fn card_organisations(board: &Value) -> Vec<String> {
    board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cards"].as_array().unwrap())
        .map(|card| card["organisation"].as_str().unwrap().to_string())
        .collect()
}

async fn a_client_sees_only_their_own_organisation_on_the_board(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(CLIENT).await;
    let (lead, _) = app.signed_in_client(LEAD).await;

    let own: Value = app.post_json("board", json!({})).await.json().await.unwrap();
    let all: Value = app.post_json_with(&lead, "board", json!({})).await.json().await.unwrap();

    let own = card_organisations(&own);
    let all = card_organisations(&all);
    assert!(!own.is_empty());
    assert!(own.iter().all(|o| o == CLIENT_ORG), "{own:?}");
    assert_eq!(own.len(), all.iter().filter(|o| *o == CLIENT_ORG).count());
    assert!(all.iter().any(|o| o != CLIENT_ORG), "the lead sees other organisations too");
    app.cleanup().await;
}
on_both_backends!(a_client_sees_only_their_own_organisation_on_the_board);

async fn a_forged_organisation_id_in_the_board_request_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(CLIENT).await;

    for field in ["organisation_id", "organisation", "role"] {
        let res = app.post_json("board", json!({ field: 2 })).await;

        assert_eq!(res.status(), 400, "{field}");
        let error = crate::helpers::error_of(res).await;
        assert_eq!(error["error"], "bad_request", "{field}: {error}");
        assert!(
            error["message"].as_str().unwrap().contains(&format!("unknown field `{field}`")),
            "{field}: {error}"
        );
    }
    app.cleanup().await;
}
on_both_backends!(a_forged_organisation_id_in_the_board_request_is_refused);

async fn mass_assignment_of_extra_fields_at_sign_in_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;

    let res = app
        .post_json("auth/login", json!({"email": CLIENT, "password": DEMO_PASSWORD, "role": "admin"}))
        .await;

    assert_eq!(res.status(), 400);
    let error = crate::helpers::error_of(res).await;
    assert_eq!(error["error"], "bad_request", "{error}");
    assert!(error["message"].as_str().unwrap().contains("unknown field `role`"), "{error}");
    assert_eq!(app.post_json("auth/me", json!({})).await.status(), 401, "no session was opened");
    app.cleanup().await;
}
on_both_backends!(mass_assignment_of_extra_fields_at_sign_in_is_refused);

async fn sign_in_answers_the_user_from_the_database(backend: Backend) {
    let app = spawn_app(backend).await;

    let res = app.login_with(&app.client, "  Client@TechnoMarket.example ", DEMO_PASSWORD).await;

    assert_eq!(res.status(), 200);
    let user: Value = res.json().await.unwrap();
    assert_eq!(user["email"], CLIENT);
    assert_eq!(user["role"], "client");
    assert_eq!(user["organisation"]["name"], CLIENT_ORG);
    let me: Value = app.post_json("auth/me", json!({})).await.json().await.unwrap();
    assert_eq!(me, user);
    app.cleanup().await;
}
on_both_backends!(sign_in_answers_the_user_from_the_database);

async fn a_wrong_password_and_an_unknown_email_get_the_same_answer(backend: Backend) {
    let app = spawn_app(backend).await;

    let wrong_password = app.login_with(&app.client, LEAD, "not-the-password-at-all").await;
    let (status_a, text_a) = (wrong_password.status(), wrong_password.text().await.unwrap());
    let unknown = app.login_with(&app.client, "nobody@slaboard.example", DEMO_PASSWORD).await;
    let (status_b, text_b) = (unknown.status(), unknown.text().await.unwrap());

    assert_eq!(status_a, 401);
    assert_eq!((status_a, &text_a), (status_b, &text_b));
    assert_eq!(serde_json::from_str::<Value>(&text_a).unwrap()["error"], "wrong_credentials", "{text_a}");
    app.cleanup().await;
}
on_both_backends!(a_wrong_password_and_an_unknown_email_get_the_same_answer);

async fn the_session_cookie_is_http_only_and_same_site_lax(backend: Backend) {
    let app = spawn_app_with(backend, |c| c.session_idle_minutes = 90).await;

    let res = app.login_with(&app.client, LEAD, DEMO_PASSWORD).await;

    let cookie = res.headers().get(reqwest::header::SET_COOKIE).unwrap().to_str().unwrap().to_string();
    assert!(cookie.starts_with(&format!("{SESSION_COOKIE}=")), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Max-Age=5400"), "the idle timeout: {cookie}");
    assert!(!cookie.contains("Secure"), "plain HTTP without --secure-cookies: {cookie}");
    app.cleanup().await;
}
on_both_backends!(the_session_cookie_is_http_only_and_same_site_lax);

async fn secure_cookies_are_host_bound_and_secure(backend: Backend) {
    let app = spawn_app_with(backend, |c| c.secure_cookies = true).await;

    let res = app.login_with(&app.client, LEAD, DEMO_PASSWORD).await;

    assert_eq!(res.status(), 200);
    let hsts = res.headers().get(reqwest::header::STRICT_TRANSPORT_SECURITY).cloned();
    let cookie = res.headers().get(reqwest::header::SET_COOKIE).unwrap().to_str().unwrap().to_string();
    assert!(cookie.starts_with("__Host-slaboard_session="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(hsts.is_some(), "HTTPS deployments get HSTS");
    app.cleanup().await;
}
on_both_backends!(secure_cookies_are_host_bound_and_secure);

async fn session_fixation_the_session_id_changes_at_sign_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let url: reqwest::Url = app.address.parse().unwrap();
    // An attacker plants a session id of their choosing…
    let planted = "AAAAAAAAAAAAAAAAAAAAAA";
    app.jar.add_cookie_str(&format!("{SESSION_COOKIE}={planted}; Path=/"), &url);

    app.sign_in(CLIENT).await;
    let first = app.session_cookie(&app.jar).unwrap();
    // …or keeps one from an earlier sign-in on a shared computer.
    app.sign_in(LEAD).await;
    let second = app.session_cookie(&app.jar).unwrap();

    assert_ne!(first, planted);
    assert_ne!(second, first);
    assert_eq!(app.post_with_cookie("auth/me", planted, json!({})).await.status(), 401);
    assert_eq!(app.post_with_cookie("auth/me", &first, json!({})).await.status(), 401, "the old id is dead");
    let me: Value = app.post_with_cookie("auth/me", &second, json!({})).await.json().await.unwrap();
    assert_eq!(me["email"], LEAD);
    app.cleanup().await;
}
on_both_backends!(session_fixation_the_session_id_changes_at_sign_in);

async fn logout_then_reuse_of_the_old_cookie_gets_401(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(CONSULTANT).await;
    let stolen = app.session_cookie(&app.jar).unwrap();
    assert_eq!(app.post_with_cookie("board", &stolen, json!({})).await.status(), 200);

    let res = app.post_json("auth/logout", json!({})).await;

    assert_eq!(res.status(), 200);
    assert_eq!(app.session_cookie(&app.jar), None, "the browser is told to drop the cookie");
    for endpoint in ["auth/me", "board"] {
        let res = app.post_with_cookie(endpoint, &stolen, json!({})).await;
        assert_eq!(res.status(), 401, "{endpoint} with the old cookie");
    }
    app.cleanup().await;
}
on_both_backends!(logout_then_reuse_of_the_old_cookie_gets_401);

/// The header a test proxy puts the client address in.
const TEST_PROXY_HEADER: &str = "x-test-client-ip";

async fn a_parallel_wrong_password_burst_respects_the_account_throttle(backend: Backend) {
    let app =
        Arc::new(spawn_app_with(backend, |c| c.client_ip_header = Some(TEST_PROXY_HEADER.into())).await);

    // 30 guesses at once, each from its own address: only the account
    // counter can stop them.
    let statuses = burst(app.clone(), 30, |i| (LEAD.to_string(), format!("198.51.100.{i}"))).await;

    let checked = statuses.iter().filter(|s| **s == 401).count();
    let throttled = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(checked as i64, ACCOUNT_LIMIT, "real password checks: {statuses:?}");
    assert_eq!(checked + throttled, 30, "{statuses:?}");
    // The account stays locked for the window, even for the right password…
    let res = app.login_with(&app.client, LEAD, DEMO_PASSWORD).await;
    assert_eq!(res.status(), 429);
    // …while other accounts are not affected.
    app.sign_in(CONSULTANT).await;
    Arc::into_inner(app).unwrap().cleanup().await;
}
on_both_backends!(a_parallel_wrong_password_burst_respects_the_account_throttle);

async fn a_parallel_burst_over_many_emails_respects_the_address_throttle(backend: Backend) {
    let app =
        Arc::new(spawn_app_with(backend, |c| c.client_ip_header = Some(TEST_PROXY_HEADER.into())).await);

    let statuses =
        burst(app.clone(), 25, |i| (format!("guess{i}@slaboard.example"), "203.0.113.9".into())).await;

    let checked = statuses.iter().filter(|s| **s == 401).count();
    assert_eq!(checked as i64, ADDRESS_LIMIT, "real password checks: {statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 25 - checked);
    let from = |ip: &str| {
        app.client
            .post(format!("{}/api/auth/login", app.address))
            .header(TEST_PROXY_HEADER, ip)
            .json(&json!({"email": CONSULTANT, "password": DEMO_PASSWORD}))
            .send()
    };
    assert_eq!(
        from("203.0.113.9").await.unwrap().status(),
        429,
        "the address is throttled for every account"
    );
    assert_eq!(from("203.0.113.10").await.unwrap().status(), 200, "other addresses are not");
    Arc::into_inner(app).unwrap().cleanup().await;
}
on_both_backends!(a_parallel_burst_over_many_emails_respects_the_address_throttle);

/// Fires `n` wrong-password sign-in attempts at once, each from its own
/// client, with the email and address `attempt(i)` gives, and answers
/// their statuses.
async fn burst(
    app: Arc<crate::helpers::TestApp>,
    n: usize,
    attempt: impl Fn(usize) -> (String, String),
) -> Vec<u16> {
    let attempts = (0..n).map(|i| {
        let app = app.clone();
        let (email, ip) = attempt(i);
        async move {
            let res = browser(Arc::new(Jar::default()))
                .post(format!("{}/api/auth/login", app.address))
                .header(TEST_PROXY_HEADER, ip)
                .json(&json!({"email": email, "password": "wrong-password-guess"}))
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            (status, res.text().await.unwrap())
        }
    });
    let handles: Vec<_> = attempts.map(tokio::spawn).collect();
    let mut statuses = Vec::new();
    for handle in handles {
        let (status, text) = handle.await.unwrap();
        match status {
            429 => assert_eq!(
                serde_json::from_str::<Value>(&text).unwrap()["error"],
                "too_many_attempts",
                "{text}"
            ),
            401 => assert_eq!(
                serde_json::from_str::<Value>(&text).unwrap()["error"],
                "wrong_credentials",
                "{text}"
            ),
            other => panic!("unexpected {other}: {text}"),
        }
        statuses.push(status);
    }
    statuses
}

async fn a_successful_sign_in_gives_the_address_its_attempt_back(backend: Backend) {
    let app = spawn_app(backend).await;

    // More successful sign-ins from one address than its limit: an office
    // behind one NAT is not locked out by its own colleagues.
    for _ in 0..(ADDRESS_LIMIT + 5) {
        app.sign_in(LEAD).await;
    }
    app.cleanup().await;
}
on_both_backends!(a_successful_sign_in_gives_the_address_its_attempt_back);

async fn a_cross_site_post_with_a_valid_cookie_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(LEAD).await;
    let url = format!("{}/api/board", app.address);
    let host = app.address.trim_start_matches("http://").to_string();

    let foreign_origin =
        app.client.post(&url).header("Origin", "https://evil.example").json(&json!({})).send().await;
    let null_origin = app.client.post(&url).header("Origin", "null").json(&json!({})).send().await;
    let cross_site =
        app.client.post(&url).header("Sec-Fetch-Site", "cross-site").json(&json!({})).send().await;
    let same_origin = app
        .client
        .post(&url)
        .header("Origin", format!("http://{host}"))
        .header("Sec-Fetch-Site", "same-origin")
        .json(&json!({}))
        .send()
        .await;

    for (what, res) in
        [("foreign Origin", foreign_origin), ("Origin null", null_origin), ("Sec-Fetch-Site", cross_site)]
    {
        let res = res.unwrap();
        assert_eq!(res.status(), 403, "{what}");
        assert!(res.text().await.unwrap().contains(slaboard::security::CROSS_SITE_REFUSED), "{what}");
    }
    assert_eq!(same_origin.unwrap().status(), 200);
    // A cross-site sign-in (login CSRF) is refused as well.
    let res = app
        .client
        .post(format!("{}/api/auth/login", app.address))
        .header("Origin", "https://evil.example")
        .json(&json!({"email": CLIENT, "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    app.cleanup().await;
}
on_both_backends!(a_cross_site_post_with_a_valid_cookie_is_refused);

async fn every_response_carries_the_security_headers(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(LEAD).await;

    let page = app.get("/").await;
    let api = app.post_json("time", json!({})).await;
    let missing = app.get("/pkg/nothing-here.js").await;
    let refused = browser(Arc::new(Jar::default()))
        .post(format!("{}/api/board", app.address))
        .json(&json!({}))
        .send()
        .await
        .unwrap();

    for (what, res) in [("page", &page), ("api", &api), ("404", &missing), ("401", &refused)] {
        let h = res.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
        assert_eq!(h["referrer-policy"], "same-origin", "{what}");
        assert_eq!(h["x-frame-options"], "DENY", "{what}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"), "{what}: {csp}");
        let scripts = csp.split(';').find(|d| d.trim().starts_with("script-src")).unwrap();
        assert!(!scripts.contains("'unsafe-inline'"), "{what}: {scripts}");
    }
    // The page allows exactly the nonce its inline scripts carry.
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_string();
    let nonce =
        csp.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a nonce").to_string();
    let html = page.text().await.unwrap();
    let scripts: Vec<&str> =
        html.match_indices("<script").map(|(i, _)| &html[i..i + html[i..].find('>').unwrap()]).collect();
    assert!(!scripts.is_empty(), "the page has its hydration script");
    for script in scripts {
        assert!(script.contains(&format!("nonce=\"{nonce}\"")), "{script} lacks the nonce {nonce}");
    }
    app.cleanup().await;
}
on_both_backends!(every_response_carries_the_security_headers);

async fn an_organisation_name_with_markup_renders_as_text(backend: Backend) {
    let app = spawn_app(backend).await;
    let payload = "<img src=x onerror=alert(1)></script><script>alert(2)</script>";
    sqlx::query("UPDATE organisations SET name = $1 WHERE name = $2")
        .bind(payload)
        .bind(CLIENT_ORG)
        .execute(&app.store.pool)
        .await
        .unwrap();
    app.sign_in(CLIENT).await;

    let html = app.get("/").await.text().await.unwrap();
    let board: Value = app.post_json("board", json!({})).await.json().await.unwrap();

    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the name is shown, escaped");
    assert!(!html.contains("<img src=x"), "no live element from the name");
    assert!(!html.contains("</script><script>alert(2)"), "no way out of the inline data script");
    assert!(card_organisations(&board).iter().all(|o| o == payload), "the API returns the name as it is");
    app.cleanup().await;
}
on_both_backends!(an_organisation_name_with_markup_renders_as_text);

async fn sql_metacharacters_in_the_login_email_are_harmless(backend: Backend) {
    let app = spawn_app(backend).await;

    for email in [
        "' OR '1'='1",
        "lead@slaboard.example' --",
        "lead@slaboard.example\"; DROP TABLE users; --",
        "x' UNION SELECT id, email, name, role, organisation_id, NULL, password_hash, NULL FROM users --",
    ] {
        let res = app.login_with(&app.client, email, DEMO_PASSWORD).await;
        assert_eq!(res.status(), 401, "{email}");
        assert!(crate::helpers::error_of(res).await["error"] == "wrong_credentials", "{email}");
    }
    app.sign_in(LEAD).await;
    assert_eq!(app.post_json("board", json!({})).await.status(), 200, "the users table is intact");
    app.cleanup().await;
}
on_both_backends!(sql_metacharacters_in_the_login_email_are_harmless);

async fn an_admin_does_not_see_tickets(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(ADMIN).await;

    let res = app.post_json("board", json!({})).await;

    assert_eq!(res.status(), 403);
    app.cleanup().await;
}
on_both_backends!(an_admin_does_not_see_tickets);

async fn the_board_page_sends_strangers_to_the_sign_in_page(backend: Backend) {
    let app = spawn_app(backend).await;

    let res = app.client.get(format!("{}/", app.address)).header("Accept", "text/html").send().await.unwrap();

    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/login");
    let html = res.text().await.unwrap();
    assert!(!html.contains("SUP-1"), "no ticket reaches a stranger");
    app.cleanup().await;
}
on_both_backends!(the_board_page_sends_strangers_to_the_sign_in_page);

async fn a_ticket_link_from_a_mail_returns_to_the_ticket_after_signing_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let res = app
        .client
        .get(format!("{}/tickets/SUP-1001", app.address))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/login?next=/tickets/SUP-1001");
    app.cleanup().await;
}
on_both_backends!(a_ticket_link_from_a_mail_returns_to_the_ticket_after_signing_in);

async fn the_sign_in_page_is_server_rendered(backend: Backend) {
    let app = spawn_app(backend).await;

    let res = app.get("/login").await;

    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("class=\"login-form\""), "{html}");
    assert!(html.contains("type=\"password\"") && html.contains("autocomplete=\"current-password\""));
    assert!(html.contains("autocomplete=\"username\""));
    // Until the WASM has hydrated the form cannot submit, so nobody posts
    // a password into a page that would send it nowhere.
    assert!(html.contains("type=\"submit\" disabled"), "{html}");
    app.cleanup().await;
}
on_both_backends!(the_sign_in_page_is_server_rendered);
