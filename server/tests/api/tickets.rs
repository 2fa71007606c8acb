use crate::helpers::{spawn_app, Backend, TestApp, LEAD};
use crate::on_both_backends;
use serde_json::{json, Value};

/// The first card of a column as the signed-in user's board shows it.
async fn first_card(app: &TestApp, client: &reqwest::Client, status: &str) -> Value {
    let board: Value = app.post_json_with(client, "board", json!({})).await.json().await.unwrap();
    board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] == status)
        .and_then(|c| c["cards"].as_array().unwrap().first().cloned())
        .unwrap_or_else(|| panic!("no card in {status}"))
}

async fn status_of(app: &TestApp, client: &reqwest::Client, id: i64) -> Option<String> {
    let board: Value = app.post_json_with(client, "board", json!({})).await.json().await.unwrap();
    board["columns"].as_array().unwrap().iter().find_map(|c| {
        c["cards"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k["id"] == id)
            .then(|| c["status"].as_str().unwrap().to_string())
    })
}

async fn a_lead_takes_a_ticket_into_the_sprint_and_history_records_it(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client("lead@slaboard.example").await;
    let card = first_card(&app, &lead, "backlog").await;
    let (id, version) = (card["id"].as_i64().unwrap(), card["version"].as_i64().unwrap());

    let res = app
        .post_json_with(&lead, "tickets/move", json!({"id": id, "to": "sprint", "version": version}))
        .await;

    assert_eq!(res.status(), 200);
    let moved: Value = res.json().await.unwrap();
    assert_eq!(moved, json!({"id": id, "status": "sprint", "version": version + 1}));
    assert_eq!(status_of(&app, &lead, id).await.as_deref(), Some("sprint"));
    // The demo's board tickets start without events. Into the Sprint
    // column is into the current sprint (issue 16): one change, the move
    // everybody sees and the planning only the desk sees.
    let events = app.events_of(id).await;
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(events[0].kind, "moved");
    assert_eq!(events[0].payload, json!({"kind": "moved", "from": "backlog", "to": "sprint"}));
    assert_eq!(events[0].actor_id, Some(app.user_id(LEAD).await));
    assert_eq!(events[0].visibility, "public");
    assert_eq!(events[1].payload, json!({"kind": "planned", "from": null, "to": "Спринт 48"}));
    assert_eq!(events[1].visibility, "internal");
    app.cleanup().await;
}
on_both_backends!(a_lead_takes_a_ticket_into_the_sprint_and_history_records_it);

async fn a_stale_version_is_refused_with_409_and_nothing_changes(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client("lead@slaboard.example").await;
    let (consultant, _) = app.signed_in_client("consultant@slaboard.example").await;
    let card = first_card(&app, &lead, "backlog").await;
    let (id, version) = (card["id"].as_i64().unwrap(), card["version"].as_i64().unwrap());
    // The consultant moves it first…
    let first = app
        .post_json_with(
            &consultant,
            "tickets/move",
            json!({"id": id, "to": "in_progress", "version": version}),
        )
        .await;
    assert_eq!(first.status(), 200);

    // …so the lead's move, made from the same old version, is stale.
    let res = app
        .post_json_with(&lead, "tickets/move", json!({"id": id, "to": "sprint", "version": version}))
        .await;

    assert_eq!(res.status(), 409);
    let error = crate::helpers::error_of(res).await;
    assert_eq!(error["error"], "stale", "{error}");
    assert!(error.get("code").is_none(), "{error}");
    assert_eq!(status_of(&app, &lead, id).await.as_deref(), Some("in_progress"));
    app.cleanup().await;
}
on_both_backends!(a_stale_version_is_refused_with_409_and_nothing_changes);

async fn refused_transitions_say_why_and_change_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let (operator, _) = app.signed_in_client("operator@slaboard.example").await;
    let backlog = first_card(&app, &operator, "backlog").await;
    let in_progress = first_card(&app, &operator, "in_progress").await;
    let cases = [
        // Leads plan sprints, not operators.
        (&backlog, "sprint", "role_not_allowed", "not allowed for operators"),
        // Not in the lifecycle table at all.
        (&backlog, "done", "no_such_move", "backlog"),
        // Finishing work is a consultant's.
        (&in_progress, "done", "role_not_allowed", "not allowed for operators"),
        // A rejection needs a reason.
        (&backlog, "archive", "reason_required", "reason"),
    ];
    for (card, to, code, expected) in cases {
        let id = card["id"].as_i64().unwrap();
        let res = app
            .post_json_with(
                &operator,
                "tickets/move",
                json!({"id": id, "to": to, "version": card["version"]}),
            )
            .await;
        let status = res.status();
        let error = crate::helpers::error_of(res).await;
        assert_eq!(status, 422, "{} → {to}: {error}", card["key"]);
        assert_eq!(
            (error["error"].as_str(), error["code"].as_str()),
            (Some("refused"), Some(code)),
            "{error}"
        );
        // The English reason stays for API users.
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(expected), "{} → {to}: {message:?} lacks {expected:?}", card["key"]);
        assert_eq!(status_of(&app, &operator, id).await.as_deref(), card_status(card).as_deref());
    }
    app.cleanup().await;
}
on_both_backends!(refused_transitions_say_why_and_change_nothing);

fn card_status(card: &Value) -> Option<String> {
    card["status"].as_str().map(str::to_string)
}

async fn a_rejection_with_a_reason_archives_the_ticket(backend: Backend) {
    let app = spawn_app(backend).await;
    let (operator, _) = app.signed_in_client("operator@slaboard.example").await;
    let card = first_card(&app, &operator, "backlog").await;
    let id = card["id"].as_i64().unwrap();

    let res = app
        .post_json_with(
            &operator,
            "tickets/move",
            json!({"id": id, "to": "archive", "version": card["version"], "reason": "Duplicate of SUP-1002"}),
        )
        .await;

    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert_eq!(status_of(&app, &operator, id).await, None, "an archived ticket leaves the board");
    let reason: (Option<String>,) = sqlx::query_as("SELECT rejection_reason FROM tickets WHERE id = $1")
        .bind(id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    assert_eq!(reason.0.as_deref(), Some("Duplicate of SUP-1002"));
    app.cleanup().await;
}
on_both_backends!(a_rejection_with_a_reason_archives_the_ticket);

async fn a_client_cannot_move_another_organisations_ticket_nor_learn_it_exists(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client("lead@slaboard.example").await;
    let (client, _) = app.signed_in_client("client@agro.example").await;
    let client_board: Value = app.post_json_with(&client, "board", json!({})).await.json().await.unwrap();
    let own: Vec<i64> = client_board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cards"].as_array().unwrap().iter().map(|k| k["id"].as_i64().unwrap()))
        .collect();
    let foreign = first_card(&app, &lead, "in_progress").await;
    let foreign_id = foreign["id"].as_i64().unwrap();
    assert!(!own.contains(&foreign_id), "the demo's first in-progress card belongs to another client");

    let res = app
        .post_json_with(
            &client,
            "tickets/move",
            json!({"id": foreign_id, "to": "done", "version": foreign["version"]}),
        )
        .await;
    let missing =
        app.post_json_with(&client, "tickets/move", json!({"id": 999_999, "to": "done", "version": 1})).await;

    assert_eq!(res.status(), 404);
    assert_eq!(missing.status(), 404);
    assert_eq!(res.text().await.unwrap(), missing.text().await.unwrap());
    app.cleanup().await;
}
on_both_backends!(a_client_cannot_move_another_organisations_ticket_nor_learn_it_exists);

async fn releases_nobody_answered_for_ten_days_are_archived_by_the_system(backend: Backend) {
    let app = spawn_app(backend).await;
    let pool = &app.store.pool;
    let released: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM tickets WHERE status = 'release' ORDER BY id")
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(released.len(), 2, "the demo has two releases");
    let now = chrono::Utc::now();
    let days_ago = |d: i64| (now - chrono::Duration::days(d)).timestamp();
    // One delivered 10 days and a minute ago, one 9 days ago.
    for (id, at) in [(released[0], days_ago(10) - 60), (released[1], days_ago(9))] {
        sqlx::query("UPDATE ticket_releases SET released_at = $1 WHERE ticket_id = $2")
            .bind(at)
            .bind(id)
            .execute(pool)
            .await
            .unwrap();
    }

    let archived = app::service::auto_archive::archive_unanswered_releases(&app.store, now).await.unwrap();

    // The server's own sweeper runs the same job and may have got there
    // first: either way the ticket is archived once.
    assert!(archived <= 1, "{archived}");
    let status = |id: i64| {
        sqlx::query_scalar::<_, String>("SELECT status FROM tickets WHERE id = $1").bind(id).fetch_one(pool)
    };
    assert_eq!(status(released[0]).await.unwrap(), "archive");
    assert_eq!(status(released[1]).await.unwrap(), "release", "9 days is not yet 10");
    let moves: Vec<_> = app.events_of(released[0]).await.into_iter().filter(|e| e.kind == "moved").collect();
    assert_eq!(moves.len(), 1, "once: {moves:?}");
    assert_eq!(moves[0].actor_id, None, "by the system");
    assert_eq!(moves[0].payload, json!({"kind": "moved", "from": "release", "to": "archive"}));
    // Running again finds nothing more to do.
    assert_eq!(app::service::auto_archive::archive_unanswered_releases(&app.store, now).await.unwrap(), 0);
    app.cleanup().await;
}
on_both_backends!(releases_nobody_answered_for_ten_days_are_archived_by_the_system);
