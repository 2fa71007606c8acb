use crate::helpers::{spawn_app, Backend, ADMIN, CLIENT, LEAD};
use crate::on_both_backends;
use serde_json::{json, Value};

fn nine_to_six() -> Value {
    let day = json!([["09:00", "18:00"]]);
    json!({"tz": "Europe/Moscow", "weekly": {"mon": day, "tue": day, "wed": day, "thu": day, "fri": day}})
}

async fn calendar_count(app: &crate::helpers::TestApp) -> i64 {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM calendars").fetch_one(&app.store.pool).await.unwrap();
    n
}

async fn an_admin_imports_exports_and_adds_ical_holidays(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;

    let saved = app
        .post_json_with(&admin, "calendars/save", json!({"name": "Офис Казань", "calendar": nine_to_six()}))
        .await;
    assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());
    let saved: Value = saved.json().await.unwrap();
    let id = saved["id"].as_i64().unwrap();
    // The stored form is the normalised exchange shape: every weekday named.
    assert_eq!(saved["calendar"]["weekly"]["sat"], json!([]));

    // A holiday on Monday 23 Nov 2026, from an iCal file (folded lines, CRLF).
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20261123\r\nSUMMARY:Ре\r\n гиональный праздник\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let imported = app.post_json_with(&admin, "calendars/import_ics", json!({"id": id, "ics": ics})).await;
    assert_eq!(imported.status(), 200, "{}", imported.text().await.unwrap());
    let imported: Value = imported.json().await.unwrap();
    assert_eq!((imported["added"].as_u64(), imported["in_file"].as_u64()), (Some(1), Some(1)));
    assert_eq!(imported["calendar"]["calendar"]["holidays"], json!(["2026-11-23"]));

    // The export lists it in the same shape, and deadlines now skip the holiday.
    let list: Value = app.post_json_with(&admin, "calendars/list", json!({})).await.json().await.unwrap();
    let exported = list.as_array().unwrap().iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(exported["calendar"]["holidays"], json!(["2026-11-23"]));
    let preview: Value = app
        .post_json_with(
            &admin,
            "sla/preview",
            json!({"calendar": {"id": id}, "start": "2026-11-20T17:00:00+03:00", "budget": {"hours": 12}}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(preview["due"], "2026-11-25T08:00:00Z");
    app.cleanup().await;
}
on_both_backends!(an_admin_imports_exports_and_adds_ical_holidays);

async fn invalid_calendars_are_explained_and_never_stored(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let before = calendar_count(&app).await;
    let cases = [
        (json!({"name": "X", "calendar": {"tz": "Europe/Mordor", "weekly": {}}}), "unknown time zone"),
        (
            json!({"name": "X", "calendar": {"tz": "Europe/Moscow", "weekly": {"mon": [["18:00", "09:00"]]}}}),
            "mon",
        ),
        (
            json!({"name": "X", "calendar": {"tz": "Europe/Moscow", "weekly": {"mon": [["09:00", "13:00"], ["12:00", "18:00"]]}}}),
            "overlap",
        ),
        (
            json!({"name": "X", "calendar": {"tz": "Europe/Moscow", "weekly": {"mon": [["09:00", "25:00"]]}}}),
            "25:00",
        ),
        (json!({"name": "X", "calendar": {"tz": "Europe/Moscow", "weekly": {}}}), "no working time"),
    ];
    for (body, expected) in cases {
        let res = app.post_json_with(&admin, "calendars/save", body.clone()).await;
        assert_eq!(res.status(), 422, "{body}");
        let error = crate::helpers::error_of(res).await;
        assert_eq!(error["fields"]["calendar"], "invalid", "{body}: {error}");
        let detail = error["problems"][0]["detail"].as_str().unwrap_or_default().to_lowercase();
        assert!(detail.contains(expected), "{body}: {error} lacks {expected:?}");
    }
    let named = [
        (json!({"name": "  ", "calendar": nine_to_six()}), "required"),
        // A name the demo already uses.
        (json!({"name": "Mon–Fri 09:00–18:00 Moscow", "calendar": nine_to_six()}), "taken"),
    ];
    for (body, expected) in named {
        let res = app.post_json_with(&admin, "calendars/save", body.clone()).await;
        assert_eq!(res.status(), 422, "{body}");
        let error = crate::helpers::error_of(res).await;
        assert_eq!(error["fields"]["name"], expected, "{body}: {error}");
    }
    let bad_ics =
        app.post_json_with(&admin, "calendars/import_ics", json!({"id": 1, "ics": "not a calendar"})).await;
    assert_eq!(bad_ics.status(), 422);
    assert_eq!(calendar_count(&app).await, before, "nothing was stored");
    app.cleanup().await;
}
on_both_backends!(invalid_calendars_are_explained_and_never_stored);

async fn only_admins_change_calendars(backend: Backend) {
    let app = spawn_app(backend).await;
    for who in [LEAD, CLIENT] {
        let (c, _) = app.signed_in_client(who).await;
        let res =
            app.post_json_with(&c, "calendars/save", json!({"name": "Y", "calendar": nine_to_six()})).await;
        assert_eq!(res.status(), 403, "{who} saved a calendar");
        let res = app.post_json_with(&c, "calendars/import_ics", json!({"id": 1, "ics": ""})).await;
        assert_eq!(res.status(), 403, "{who} imported holidays");
    }
    let (client, _) = app.signed_in_client(CLIENT).await;
    assert_eq!(app.post_json_with(&client, "calendars/list", json!({})).await.status(), 403);
    let (lead, _) = app.signed_in_client(LEAD).await;
    assert_eq!(app.post_json_with(&lead, "calendars/list", json!({})).await.status(), 200);
    app.cleanup().await;
}
on_both_backends!(only_admins_change_calendars);
