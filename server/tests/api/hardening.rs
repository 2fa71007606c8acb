//! Hardening (issue 11): no input makes the server answer 5xx or quote
//! megabytes back, every text has a limit, both databases answer alike,
//! and the rules around sessions, origins and caches. Each test runs on
//! SQLite and on PostgreSQL; `docs/security.md` lists them.

use crate::helpers::{browser, error_of, spawn_app, spawn_app_with, Backend, TestApp, ADMIN, CLIENT, LEAD};
use crate::on_both_backends;
use crate::security::valid_calls;
use reqwest::cookie::Jar;
use serde_json::{json, Value};
use slaboard::request_body::{API_BODY_LIMIT, ICS_BODY_LIMIT};
use std::sync::Arc;

/// The longest `message` an error may carry (a parser's complaint is cut
/// to `app::error::MAX_MESSAGE_CHARS`).
const MAX_ERROR_CHARS: usize = app::error::MAX_MESSAGE_CHARS + 1;

/// Who calls an endpoint in the generated test: admins configure, the lead
/// does everything else (leads may call every ticket and sprint function).
fn caller_of(endpoint: &str) -> &'static str {
    if endpoint.starts_with("admin/") || endpoint.starts_with("calendars/") {
        ADMIN
    } else {
        LEAD
    }
}

/// Values no field takes as they are: huge, with a NUL, of every other JSON
/// type, and numbers no field holds.
fn bad_values() -> Vec<(&'static str, Value)> {
    vec![
        ("100 KB string", Value::String("ж".repeat(50 * 1024))),
        ("NUL in a string", json!("a\u{0}b")),
        ("control characters", json!("\u{1b}[31m\u{7}")),
        ("null", Value::Null),
        ("true", json!(true)),
        ("negative", json!(-1)),
        ("huge integer", serde_json::from_str("123456789012345678901234567890").unwrap()),
        ("float", json!(1e300)),
        ("empty array", json!([])),
        ("object", json!({"x": {"y": [1, "\u{0}"]}})),
        ("date out of range", json!("+12026-01-01")),
    ]
}

/// Every field of `body`, by path, with each nested object's fields too.
fn field_paths(body: &Value, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    if let Value::Object(map) = body {
        for (k, v) in map {
            let mut path = prefix.clone();
            path.push(k.clone());
            field_paths(v, path.clone(), out);
            out.push(path);
        }
    }
}

fn with_value(body: &Value, path: &[String], value: Value) -> Value {
    let mut body = body.clone();
    let mut at = &mut body;
    for key in path {
        at = &mut at[key.as_str()];
    }
    *at = value;
    body
}

/// An error answer: 4xx, the API's JSON error, and a short message.
async fn assert_short_json_error(res: reqwest::Response, what: &str) -> Value {
    let status = res.status().as_u16();
    assert!((400..500).contains(&status), "{what}: {status} {}", res.text().await.unwrap_or_default());
    let error = error_of(res).await;
    let message = error["message"].as_str().unwrap();
    assert!(message.chars().count() <= MAX_ERROR_CHARS, "{what}: a {} character message", message.len());
    let details = error.to_string();
    assert!(details.len() < 4096, "{what}: an error body of {} bytes", details.len());
    error
}

/// Walks every server function and every field of its arguments (nested
/// ones too), sending values no field takes; plus a huge unknown field
/// name and a huge body. Every answer is a 4xx with a short JSON error, or
/// (where the value happens to be acceptable) a success — never a 5xx.
async fn every_field_of_every_endpoint_refuses_bad_values_with_a_4xx(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let mut calls = valid_calls();
    calls.retain(|(e, _)| *e != "auth/logout");
    // Changing accounts last: nothing before depends on them.
    calls.sort_by_key(|(e, _)| e.starts_with("admin/accounts"));
    calls.push(("auth/login", json!({"email": "nobody@example.com", "password": "wrong password"})));

    for (endpoint, body) in calls {
        let client = if caller_of(endpoint) == ADMIN { &admin } else { &lead };
        let mut paths = Vec::new();
        field_paths(&body, Vec::new(), &mut paths);
        for path in &paths {
            for (what, value) in bad_values() {
                let sent = with_value(&body, path, value);
                let res = app.post_json_with(client, endpoint, sent).await;
                let status = res.status().as_u16();
                let context = format!("{endpoint} with {what} in {}", path.join("."));
                if status >= 300 {
                    assert_short_json_error(res, &context).await;
                }
            }
        }
        let huge_name = "f".repeat(100 * 1024);
        let mut unknown = body.clone();
        unknown[huge_name.as_str()] = json!(1);
        let res = app.post_json_with(client, endpoint, unknown).await;
        let error = assert_short_json_error(res, &format!("{endpoint} with a 100 KB field name")).await;
        assert_eq!(error["error"], "bad_request", "{endpoint}: {error}");

        let res = app.post_json_with(client, endpoint, json!({"x": "y".repeat(API_BODY_LIMIT)})).await;
        let context = format!("{endpoint} with a body over the limit");
        let error = if endpoint == "calendars/import_ics" {
            assert_short_json_error(res, &context).await
        } else {
            assert_eq!(res.status(), 413, "{context}");
            assert_short_json_error(res, &context).await
        };
        assert!(error["error"] == "too_large" || endpoint == "calendars/import_ics", "{context}: {error}");
    }
    app.cleanup().await;
}
on_both_backends!(every_field_of_every_endpoint_refuses_bad_values_with_a_4xx);

/// A body over the limit is refused with 413 before it is parsed, whether
/// it declares its length or streams it; a caller without a session is
/// told 401 first whatever they send.
async fn bodies_over_the_limit_get_413_before_parsing(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(LEAD).await;
    let url = format!("{}/api/tickets/move", app.address);
    let mib = format!("{{\"id\": 1, \"version\": 1, \"to\": \"{}\"}}", "x".repeat(1024 * 1024));

    let declared = app.client.post(&url).header("content-type", "application/json").body(mib.clone());
    let res = declared.send().await.unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(error_of(res).await["error"], "too_large");

    // Without a Content-Length (chunked): read up to the limit, then refused.
    let cookie = app.session_cookie(&app.jar).unwrap();
    let status = chunked_post(&app, "/api/tickets/move", &cookie, mib.as_bytes()).await;
    assert_eq!(status, 413);

    // An iCalendar file may be larger than other bodies, up to its own limit.
    let admin_jar = Arc::new(Jar::default());
    let admin = browser(admin_jar);
    app.login_with(&admin, ADMIN, app::auth::DEMO_PASSWORD).await;
    let ics = format!("BEGIN:VCALENDAR\r\nX-FILLER:{}\r\nEND:VCALENDAR\r\n", "x".repeat(API_BODY_LIMIT));
    let res = app.post_json_with(&admin, "calendars/import_ics", json!({"id": 1, "ics": ics})).await;
    assert_ne!(res.status(), 413, "under the iCalendar limit");
    assert!(res.status().as_u16() < 500);
    let ics = "x".repeat(ICS_BODY_LIMIT);
    let res = app.post_json_with(&admin, "calendars/import_ics", json!({"id": 1, "ics": ics})).await;
    assert_eq!(res.status(), 413);

    // No session: 401, not 413 and not a parser's complaint.
    let stranger = reqwest::Client::new();
    let res = stranger.post(&url).header("content-type", "application/json").body(mib).send().await.unwrap();
    assert_eq!(res.status(), 401);
    app.cleanup().await;
}
on_both_backends!(bodies_over_the_limit_get_413_before_parsing);

/// POSTs `body` in chunks, without a Content-Length, over a raw
/// connection; the answer's status.
async fn chunked_post(app: &TestApp, path: &str, cookie: &str, body: &[u8]) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = app.address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
         Cookie: {}={cookie}\r\nTransfer-Encoding: chunked\r\n\r\n",
        crate::helpers::SESSION_COOKIE
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    for chunk in body.chunks(64 * 1024) {
        // The server may answer and close before the last chunk.
        let framed = [format!("{:x}\r\n", chunk.len()).as_bytes(), chunk, b"\r\n"].concat();
        if stream.write_all(&framed).await.is_err() {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut answer = vec![0u8; 12];
    stream.read_exact(&mut answer).await.unwrap();
    String::from_utf8_lossy(&answer[9..12]).parse().unwrap()
}

/// Over-long values in typed fields (an enum, an id, a page) and an
/// over-long unknown field name: 400 with the parser's reason, cut short.
async fn over_long_values_in_typed_fields_get_a_short_400(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let long = "z".repeat(200 * 1024);
    let cases = [
        (&lead, "tickets/move", json!({"id": 1, "to": long, "version": 1})),
        (&lead, "tickets/move", json!({"id": long, "to": "in_progress", "version": 1})),
        (&lead, "tickets/edit", json!({"id": 1, "version": 1, "edit": {"field": long, "value": "high"}})),
        (&lead, "tickets/create", json!({"title": "x", "category": long, "priority": "normal"})),
        (&lead, "archive", json!({"q": "", "page": long})),
        (
            &admin,
            "admin/accounts/save",
            json!({"email": "a@b.example", "name": "A", "role": long, "password": "a-long-enough-password"}),
        ),
        (&lead, "board", json!({ long.clone(): 1 })),
    ];
    for (client, endpoint, body) in cases {
        let res = app.post_json_with(client, endpoint, body).await;
        assert_eq!(res.status(), 400, "{endpoint}");
        let error = assert_short_json_error(res, endpoint).await;
        assert_eq!(error["error"], "bad_request");
        assert!(error["message"].as_str().unwrap().ends_with('…'), "{endpoint}: cut short: {error}");
    }
    app.cleanup().await;
}
on_both_backends!(over_long_values_in_typed_fields_get_a_short_400);

/// The `fields` of an `invalid` answer, which must be a 422.
async fn invalid_fields(res: reqwest::Response) -> Value {
    assert_eq!(res.status(), 422);
    let error = error_of(res).await;
    assert_eq!(error["error"], "invalid", "{error}");
    error["fields"].clone()
}

/// Every text field has a limit: past it, 422 naming the field, nothing
/// stored.
async fn every_text_field_has_a_limit_named_in_a_422(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let long = |n: usize| "ы".repeat(n + 1);
    let cases = [
        (
            &lead,
            "tickets/create",
            json!({"title": long(200), "category": "incident", "priority": "normal"}),
            "title",
        ),
        (
            &lead,
            "tickets/create",
            json!({"title": "t", "description": long(20_000), "category": "incident", "priority": "normal"}),
            "description",
        ),
        (
            &lead,
            "tickets/create",
            json!({"title": "t", "steps_to_reproduce": long(20_000), "category": "incident", "priority": "normal"}),
            "steps_to_reproduce",
        ),
        (&lead, "tickets/comment", json!({"id": 1, "body": long(20_000)}), "body"),
        (
            &lead,
            "tickets/move",
            json!({"id": 1, "to": "archive", "version": 1, "reason": long(2000)}),
            "reason",
        ),
        (&lead, "archive", json!({"q": long(200)}), "q"),
        (
            &lead,
            "sprints/save",
            json!({"name": long(100), "goal": "", "starts_on": "2031-01-06", "length_days": 14, "capacity_hours": 80}),
            "name",
        ),
        (
            &lead,
            "sprints/save",
            json!({"name": "S", "goal": long(1000), "starts_on": "2031-01-06", "length_days": 14, "capacity_hours": 80}),
            "goal",
        ),
        (&admin, "admin/organisations/save", json!({"name": long(200)}), "name"),
        (
            &admin,
            "admin/templates/save",
            json!({"name": "T", "body_en": long(5000), "body_ru": "р", "body_uk": "у"}),
            "body_en",
        ),
    ];
    let events = app.change_events().await;
    for (client, endpoint, body, field) in cases {
        let fields = invalid_fields(app.post_json_with(client, endpoint, body).await).await;
        assert_eq!(fields[field], "too_long", "{endpoint}: {fields}");
    }
    assert_eq!(app.change_events().await, events, "nothing was written");
    app.cleanup().await;
}
on_both_backends!(every_text_field_has_a_limit_named_in_a_422);

/// A NUL character gets the same 422 naming the field on both databases,
/// wherever it is; a 3,000-character email at sign-in is a wrong
/// credential, not a database failure.
async fn nul_characters_and_huge_emails_get_the_same_answer_on_both_databases(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let nul = "before\u{0}after";
    let cases = [
        (
            &lead,
            "tickets/create",
            json!({"title": nul, "category": "incident", "priority": "normal"}),
            "title",
        ),
        (
            &lead,
            "tickets/create",
            json!({"title": "t", "description": nul, "category": "incident", "priority": "normal"}),
            "description",
        ),
        (&lead, "tickets/comment", json!({"id": 1, "body": nul}), "body"),
        (&lead, "tickets/move", json!({"id": 1, "to": "archive", "version": 1, "reason": nul}), "reason"),
        (&lead, "archive", json!({"q": nul}), "q"),
        (
            &lead,
            "sprints/save",
            json!({"name": nul, "goal": "", "starts_on": "2031-01-06", "length_days": 14, "capacity_hours": 80}),
            "name",
        ),
        (&admin, "admin/organisations/save", json!({"name": nul}), "name"),
        (
            &admin,
            "admin/accounts/save",
            json!({"email": "a\u{0}@b.example", "name": "A", "role": "client", "organisation_id": 1,
                   "password": "a-long-enough-password"}),
            "email",
        ),
    ];
    let events = app.change_events().await;
    for (client, endpoint, body, field) in cases {
        let fields = invalid_fields(app.post_json_with(client, endpoint, body).await).await;
        assert_eq!(fields[field], "invalid", "{endpoint}: {fields}");
    }
    assert_eq!(app.change_events().await, events, "nothing was written");

    // Sign-in: a NUL is refused like any other; an email no account can
    // have is a wrong credential, without touching the throttle table.
    let stranger = browser(Arc::new(Jar::default()));
    let res = app.login_with(&stranger, "client\u{0}@technomarket.example", "whatever").await;
    assert_eq!(invalid_fields(res).await["email"], "invalid");
    let huge = format!("{}@example.com", "a".repeat(3000));
    let res = app.login_with(&stranger, &huge, "whatever").await;
    assert_eq!(res.status(), 401);
    assert_eq!(error_of(res).await["error"], "wrong_credentials");
    let res = app.login_with(&stranger, CLIENT, &"p".repeat(5000)).await;
    assert_eq!(res.status(), 401, "a password longer than any account's");
    app.cleanup().await;
}
on_both_backends!(nul_characters_and_huge_emails_get_the_same_answer_on_both_databases);

/// Sprint days outside 2000–2999, or not written `YYYY-MM-DD`, are refused
/// with 422 naming `starts_on`.
async fn sprint_days_outside_the_supported_years_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(LEAD).await;
    for (day, code) in [
        ("-0001-01-01", "invalid"),
        ("+12026-01-01", "invalid"),
        ("2026-1-1", "invalid"),
        ("9999-12-25", "out_of_range"),
        ("2999-12-25", "out_of_range"),
        ("1999-01-01", "out_of_range"),
    ] {
        let body =
            json!({"name": "S", "goal": "", "starts_on": day, "length_days": 14, "capacity_hours": 80});
        let fields = invalid_fields(app.post_json("sprints/save", body).await).await;
        assert_eq!(fields["starts_on"], code, "{day}");
    }
    let body =
        json!({"name": "S", "goal": "", "starts_on": "2999-12-18", "length_days": 14, "capacity_hours": 80});
    assert_eq!(app.post_json("sprints/save", body).await.status(), 200, "the last sprint ends on 2999-12-31");
    app.cleanup().await;
}
on_both_backends!(sprint_days_outside_the_supported_years_are_refused);

/// The origin check compares the scheme too: a plain-HTTP server refuses
/// `https://` on its own host and port, and a server behind HTTPS
/// (`--secure-cookies`) refuses `http://`.
async fn an_origin_with_another_scheme_is_cross_site(backend: Backend) {
    for secure in [false, true] {
        let app = spawn_app_with(backend, |c| c.secure_cookies = secure).await;
        let host = app.address.trim_start_matches("http://").to_string();
        let (own, other) = if secure { ("https", "http") } else { ("http", "https") };
        let url = format!("{}/api/auth/login", app.address);
        let body = json!({"email": "nobody@example.com", "password": "wrong password"});
        let post =
            |origin: String| reqwest::Client::new().post(&url).header("Origin", origin).json(&body).send();

        let res = post(format!("{other}://{host}")).await.unwrap();
        assert_eq!(res.status(), 403, "{other} origin, secure={secure}");
        let res = post(format!("{own}://{host}")).await.unwrap();
        assert_eq!(res.status(), 401, "own origin passes to the sign-in, secure={secure}");
        app.cleanup().await;
    }
}
on_both_backends!(an_origin_with_another_scheme_is_cross_site);

/// Disabling an account ends its sessions, and enabling it again does not
/// bring them back; through the admin API and the command line alike.
async fn a_disabled_then_enabled_account_does_not_get_its_old_sessions_back(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let client_id = app.user_id(CLIENT).await;
    let (client, client_jar) = app.signed_in_client(CLIENT).await;
    let old_cookie = app.session_cookie(&client_jar).unwrap();
    assert_eq!(app.post_json_with(&client, "auth/me", json!({})).await.status(), 200);

    for disabled in [true, false] {
        let res = app
            .post_json_with(&admin, "admin/accounts/disabled", json!({"id": client_id, "disabled": disabled}))
            .await;
        assert_eq!(res.status(), 200);
        assert_eq!(app.post_with_cookie("auth/me", &old_cookie, json!({})).await.status(), 401);
    }
    let (again, jar) = app.signed_in_client(CLIENT).await;
    assert_eq!(app.post_json_with(&again, "auth/me", json!({})).await.status(), 200);

    // The command line ends them the same way.
    let cookie = app.session_cookie(&jar).unwrap();
    for command in ["disable", "enable"] {
        assert!(app.slaboard(&["user", command, "--email", CLIENT]).status.success());
        assert_eq!(app.post_with_cookie("auth/me", &cookie, json!({})).await.status(), 401, "{command}");
    }
    app.cleanup().await;
}
on_both_backends!(a_disabled_then_enabled_account_does_not_get_its_old_sessions_back);

/// API answers and pages carry `Cache-Control: no-store`; static files do not.
async fn api_answers_and_pages_are_not_kept_by_caches(backend: Backend) {
    // One directory per backend: both variants run at once, and each
    // removes its own at the end.
    let site = std::env::temp_dir().join(format!("slaboard_site_{}_{backend:?}", std::process::id()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(site.join("pkg/app.css"), "body {}").unwrap();
    let app = spawn_app_with(backend, |c| c.site_root = site.clone()).await;
    app.sign_in(CLIENT).await;

    let no_store = |res: &reqwest::Response| {
        res.headers().get("cache-control").and_then(|v| v.to_str().ok()).map(str::to_string)
    };
    let api = app.post_json("auth/me", json!({})).await;
    assert_eq!(no_store(&api).as_deref(), Some("no-store"), "API answer");
    let error = browser(Arc::new(Jar::default())).post(format!("{}/api/board", app.address)).json(&json!({}));
    let error = error.send().await.unwrap();
    assert_eq!(no_store(&error).as_deref(), Some("no-store"), "API error");
    for page in ["/", "/archive", "/login"] {
        let res = app.get(page).await;
        assert_eq!(no_store(&res).as_deref(), Some("no-store"), "{page}");
    }
    let asset = app.get("/pkg/app.css").await;
    assert_eq!(asset.status(), 200);
    assert_ne!(no_store(&asset).as_deref(), Some("no-store"), "static files may be cached");
    app.cleanup().await;
    let _ = std::fs::remove_dir_all(site);
}
on_both_backends!(api_answers_and_pages_are_not_kept_by_caches);
