//! Ratings and the leads' reports (issue 15): a client rates an accepted
//! release once per cycle, never an agent; the report counts the stored
//! outcomes and ratings; who may read it.

use crate::helpers::{
    error_of, id_version, spawn_app, ticket_page as page, Backend, TestApp, ADMIN, CLIENT, CLIENT_ORG,
    CONSULTANT, LEAD, OPERATOR,
};
use crate::on_both_backends;
use serde_json::{json, Value};

const OTHER_CLIENT: &str = "client@agro.example";

async fn move_to(app: &TestApp, who: &reqwest::Client, key: &str, to: &str) {
    let t = page(app, who, key).await;
    let (id, version) = id_version(&t);
    let res = app.post_json_with(who, "tickets/move", json!({"id": id, "to": to, "version": version})).await;
    assert_eq!(res.status(), 200, "move to {to}: {}", res.text().await.unwrap());
}

async fn rate(app: &TestApp, who: &reqwest::Client, key: &str, score: Value) -> reqwest::Response {
    let t = page(app, who, key).await;
    let (id, version) = id_version(&t);
    app.post_json_with(
        who,
        "tickets/rate",
        json!({"id": id, "version": version, "score": score, "comment": " Быстро и понятно, спасибо! "}),
    )
    .await
}

async fn report(app: &TestApp, who: &reqwest::Client, filter: Value) -> reqwest::Response {
    app.post_json_with(who, "reports/get", json!({ "filter": filter, "locale": "ru" })).await
}

/// A client's consultation answered and released by the consultant: the
/// reaction and the resolution met. Returns its key.
async fn released_consultation(
    app: &TestApp,
    client: &reqwest::Client,
    consultant: &reqwest::Client,
) -> String {
    let created: Value = app
        .post_json_with(
            client,
            "tickets/create",
            json!({"title": "Как выгрузить остатки в Excel?", "description": "Нужна инструкция.",
                   "category": "consultation", "priority": "normal"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let key = created["key"].as_str().unwrap().to_string();
    let id = created["id"].as_i64().unwrap();
    move_to(app, consultant, &key, "in_progress").await;
    let me = app.user_id(CONSULTANT).await;
    let t = page(app, consultant, &key).await;
    let (_, version) = id_version(&t);
    let res = app
        .post_json_with(
            consultant,
            "tickets/edit",
            json!({"id": id, "version": version, "edit": {"field": "assignee", "value": me}}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .post_json_with(
            consultant,
            "tickets/comment",
            json!({"id": id, "body": "Отчёты → Остатки → Экспорт."}),
        )
        .await;
    assert_eq!(res.status(), 200);
    move_to(app, consultant, &key, "release").await;
    key
}

async fn a_client_rates_an_accepted_release_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (consultant, _) = app.signed_in_client(CONSULTANT).await;
    let key = released_consultation(&app, &client, &consultant).await;

    // In Release: accept first.
    assert!(!page(&app, &client, &key).await["actions"]["can_rate"].as_bool().unwrap());
    let res = rate(&app, &client, &key, json!(5)).await;
    assert_eq!(res.status(), 422);
    assert_eq!(error_of(res).await["code"], "not_accepted");

    move_to(&app, &client, &key, "archive").await;
    let t = page(&app, &client, &key).await;
    assert!(t["actions"]["can_rate"].as_bool().unwrap(), "the client may rate the accepted release");
    assert!(!page(&app, &consultant, &key).await["actions"]["can_rate"].as_bool().unwrap());

    // Never an agent; never another organisation (who cannot know it).
    let res = rate(&app, &consultant, &key, json!(5)).await;
    assert_eq!(res.status(), 403);
    assert_eq!(error_of(res).await["code"], "not_client");
    let (other, _) = app.signed_in_client(OTHER_CLIENT).await;
    let (id, version) = id_version(&t);
    let res =
        app.post_json_with(&other, "tickets/rate", json!({"id": id, "version": version, "score": 5})).await;
    assert_eq!(res.status(), 404);
    // Out of 1–5: malformed.
    let res =
        app.post_json_with(&client, "tickets/rate", json!({"id": id, "version": version, "score": 6})).await;
    assert_eq!(res.status(), 400);
    let res = app
        .post_json_with(
            &client,
            "tickets/rate",
            json!({"id": id, "version": version, "score": 4, "comment": "я".repeat(2001)}),
        )
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM ticket_ratings")
            .fetch_one(&app.store.pool)
            .await
            .unwrap(),
        0,
        "nothing refused was stored"
    );

    let res = rate(&app, &client, &key, json!(5)).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let t = page(&app, &client, &key).await;
    assert!(!t["actions"]["can_rate"].as_bool().unwrap());
    assert_eq!(t["ratings"][0]["score"], 5);
    assert_eq!(t["ratings"][0]["comment"], "Быстро и понятно, спасибо!");
    let line = t["history"].as_array().unwrap().iter().find(|h| h["field"] == "rating").cloned().unwrap();
    assert_eq!(
        (line["after"].as_str(), line["question"].as_str()),
        (Some("5"), Some("Быстро и понятно, спасибо!"))
    );
    let events = app.events_of(id).await;
    let rated = events.last().unwrap();
    assert_eq!((rated.kind.as_str(), rated.visibility.as_str()), ("rated", "public"));
    assert_eq!(rated.payload["score"], 5);
    // The rating counts for the agent who did the work.
    let (agent, score): (Option<i64>, i64) =
        sqlx::query_as("SELECT agent_id, score FROM ticket_ratings WHERE ticket_id = $1")
            .bind(id)
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
    assert_eq!((agent, score), (Some(app.user_id(CONSULTANT).await), 5));

    // Once per cycle.
    let res = rate(&app, &client, &key, json!(4)).await;
    assert_eq!(res.status(), 422);
    assert_eq!(error_of(res).await["code"], "already_rated");
    app.cleanup().await;
}
on_both_backends!(a_client_rates_an_accepted_release_once);

async fn the_report_counts_stored_outcomes_and_ratings(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (consultant, _) = app.signed_in_client(CONSULTANT).await;
    let me = app.user_id(CONSULTANT).await;
    let mine = json!({ "agent": me });

    let before: Value = report(&app, &lead, mine.clone()).await.json().await.unwrap();
    // A level no demo ticket of the consultant's ran at (the filter's other side).
    let elsewhere = json!({ "agent": me, "level": "partner_emergency" });
    let elsewhere_before: Value = report(&app, &lead, elsewhere.clone()).await.json().await.unwrap();
    let key = released_consultation(&app, &client, &consultant).await;
    move_to(&app, &client, &key, "archive").await;
    assert_eq!(rate(&app, &client, &key, json!(5)).await.status(), 200);
    let res = report(&app, &lead, mine).await;
    assert_eq!(res.status(), 200);
    let after: Value = res.json().await.unwrap();

    // One more reaction and one more resolution in time, this month.
    let met = |r: &Value, clock: &str| r["compliance"][clock]["met"].as_u64().unwrap();
    assert_eq!(met(&after, "reaction"), met(&before, "reaction") + 1);
    assert_eq!(met(&after, "resolution"), met(&before, "resolution") + 1);
    let quality =
        |r: &Value| (r["quality"]["count"].as_u64().unwrap(), r["quality"]["sum"].as_u64().unwrap());
    assert_eq!(quality(&after), (quality(&before).0 + 1, quality(&before).1 + 5));
    // The level filter takes ratings (and reopens) of tickets that ran at
    // the level: this one's counts under its own, not under another.
    let number: i64 = key.trim_start_matches("SUP-").parse().unwrap();
    let level: String = sqlx::query_scalar(
        "SELECT s.level FROM ticket_sla s JOIN tickets t ON t.id = s.ticket_id
         WHERE t.number = $1 AND s.clock = 'resolution'",
    )
    .bind(number)
    .fetch_one(&app.store.pool)
    .await
    .unwrap();
    assert_ne!(level, "partner_emergency", "a commercial client's consultation");
    let own: Value = report(&app, &lead, json!({"agent": me, "level": level})).await.json().await.unwrap();
    assert!(own["quality"]["count"].as_u64().unwrap() >= 1);
    let elsewhere_after: Value = report(&app, &lead, elsewhere).await.json().await.unwrap();
    assert_eq!(quality(&elsewhere_after), quality(&elsewhere_before), "not counted at another level");
    let name: String = sqlx::query_scalar("SELECT name FROM users WHERE email = $1")
        .bind(CONSULTANT)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    let agent =
        after["quality_by_agent"].as_array().unwrap().iter().find(|a| a["name"] == name.as_str()).cloned();
    let agent = agent.expect("the consultant's quality line");
    assert!(agent["quality"]["count"].as_u64().unwrap() >= 1);
    assert!(agent["band"].is_string());
    assert_eq!(after["trend"].as_array().unwrap().len(), 12);
    assert_eq!(after["trend"][11]["month"], after["month"]);
    assert_eq!(after["first_response"].as_array().unwrap().len(), 7);
    assert!(after["compliance_svg"].as_str().unwrap().starts_with("<svg"));
    assert!(after["quality_svg"].as_str().unwrap().contains("хорошо ≥ 4.70"), "bands drawn in Russian");
    let by_org = after["by_organisation"].as_array().unwrap();
    assert!(by_org.iter().any(|o| o["name"] == CLIENT_ORG));

    // A month that does not parse; an empty past month.
    let res = report(&app, &lead, json!({"month": "2026-13"})).await;
    assert_eq!(res.status(), 422);
    assert_eq!(error_of(res).await["code"], "invalid_month");
    let old: Value = report(&app, &lead, json!({"month": "2001-01"})).await.json().await.unwrap();
    assert_eq!(old["compliance"]["reaction"]["total"], 0);
    assert_eq!(old["quality"]["count"], 0);
    app.cleanup().await;
}
on_both_backends!(the_report_counts_stored_outcomes_and_ratings);

async fn who_may_read_reports(backend: Backend) {
    let app = spawn_app(backend).await;
    for who in [OPERATOR, CONSULTANT, ADMIN, CLIENT] {
        let (c, _) = app.signed_in_client(who).await;
        assert_eq!(report(&app, &c, json!({})).await.status(), 403, "{who}");
        let res = app.post_json_with(&c, "reports/available", json!({})).await;
        assert!(!res.json::<bool>().await.unwrap(), "{who}");
    }
    let (lead, _) = app.signed_in_client(LEAD).await;
    assert!(app.post_json_with(&lead, "reports/available", json!({})).await.json::<bool>().await.unwrap());

    // The admin lets the client's organisation read its own report.
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let (org, domain): (i64, Option<String>) =
        sqlx::query_as("SELECT id, mail_domain FROM organisations WHERE name = $1")
            .bind(CLIENT_ORG)
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
    let res = app
        .post_json_with(
            &admin,
            "admin/organisations/save",
            json!({"id": org, "name": CLIENT_ORG, "mail_domain": domain.unwrap_or_default(), "reports_visible": true}),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let (client, _) = app.signed_in_client(CLIENT).await;
    assert!(app.post_json_with(&client, "reports/available", json!({})).await.json::<bool>().await.unwrap());
    let other: i64 = sqlx::query_scalar("SELECT id FROM organisations WHERE name <> $1 ORDER BY id LIMIT 1")
        .bind(CLIENT_ORG)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    let agent = app.user_id(CONSULTANT).await;
    // Whatever the URL asks, their own organisation and no agents.
    let res = report(&app, &client, json!({"organisation": other, "agent": agent})).await;
    assert_eq!(res.status(), 200);
    let r: Value = res.json().await.unwrap();
    assert_eq!(r["client_view"], true);
    assert_eq!(r["filter"]["organisation"], org);
    assert_eq!(r["filter"]["agent"], Value::Null);
    assert_eq!(r["organisations"], json!([{"id": org, "name": CLIENT_ORG}]));
    assert_eq!(r["agents"], json!([]));
    assert_eq!(r["by_agent"], json!([]));
    assert_eq!(r["quality_by_agent"], json!([]));
    for line in r["by_organisation"].as_array().unwrap() {
        assert_eq!(line["name"], CLIENT_ORG);
    }
    // The bands are the admin's: checked, stored, read by the report.
    let res = app
        .post_json_with(&admin, "admin/quality_bands/save", json!({"good_from": 400, "normal_from": 450}))
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(error_of(res).await["fields"]["good_from"], "invalid");
    let res = app
        .post_json_with(&client, "admin/quality_bands/save", json!({"good_from": 480, "normal_from": 450}))
        .await;
    assert_eq!(res.status(), 403);
    let res = app
        .post_json_with(&admin, "admin/quality_bands/save", json!({"good_from": 480, "normal_from": 450}))
        .await;
    assert_eq!(res.status(), 200);
    let r: Value = report(&app, &client, json!({})).await.json().await.unwrap();
    assert_eq!(r["bands"], json!({"good_from": 480, "normal_from": 450}));
    // Another organisation's client still may not.
    let (other_client, _) = app.signed_in_client(OTHER_CLIENT).await;
    assert_eq!(report(&app, &other_client, json!({})).await.status(), 403);
    app.cleanup().await;
}
on_both_backends!(who_may_read_reports);
