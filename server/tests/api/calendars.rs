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

async fn a_fresh_install_has_the_seed_calendars_with_their_holidays_and_the_desks(backend: Backend) {
    use slaboard::config::Secret;
    let app = crate::helpers::spawn_app_with(backend, |c| {
        c.demo = false;
        c.admin_email = Some("root@desk.example".into());
        c.admin_password = Some(Secret("first-admin-password".into()));
    })
    .await;
    let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, name, spec FROM calendars ORDER BY id")
        .fetch_all(&app.store.pool)
        .await
        .unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(
        names,
        [
            "Mon–Fri 09:00–18:00 Moscow",
            "Mon–Fri 10:00–19:00 Moscow",
            "Mon–Fri 05:00–14:00 Moscow",
            "Mon–Fri 09:00–18:00 Kyiv",
            "24/7"
        ]
    );
    let spec = |i: usize| serde_json::from_str::<Value>(&rows[i].2).unwrap();
    let moscow = spec(0);
    let holidays: Vec<&str> =
        moscow["holidays"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    // Russia 2026 and 2027: holidays and transferred days off…
    for day in ["2026-01-09", "2026-03-09", "2026-05-11", "2026-12-31", "2027-02-22", "2027-11-05"] {
        assert!(holidays.contains(&day), "{day}");
    }
    // …a transferred working Saturday (itself shortened: the 22–23 Feb days
    // off follow it) and shortened pre-holiday days.
    assert_eq!(moscow["overrides"]["2027-02-20"], json!([["09:00", "17:00"]]));
    assert_eq!(moscow["overrides"]["2026-04-30"], json!([["09:00", "17:00"]]));
    assert_eq!(spec(1)["overrides"]["2026-11-03"], json!([["10:00", "18:00"]]));
    // Kyiv works Independence Day under martial law.
    let kyiv = spec(3);
    assert_eq!(kyiv["tz"], "Europe/Kyiv");
    assert!(kyiv["holidays"].as_array().is_none_or(|h| h.is_empty()));
    assert_eq!(kyiv["overrides"]["2026-08-24"], json!([["09:00", "18:00"]]));
    assert_eq!(spec(4)["always"], true);
    let desk: Option<i64> = sqlx::query_scalar("SELECT calendar_id FROM desk_settings WHERE id = 1")
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    assert_eq!(desk, Some(rows[0].0), "the desk counts on Moscow 09:00–18:00 until an admin chooses");

    // The admin area: the desk's calendar, and no gap for the years shipped
    // (2026 and 2027; later years are the admin's to enter).
    let res = app.login_with(&app.client, "root@desk.example", "first-admin-password").await;
    assert_eq!(res.status(), 200);
    let data: Value = app.post_json("admin/data", json!({})).await.json().await.unwrap();
    assert_eq!(data["desk_calendar_id"], rows[0].0);
    assert!(
        data["calendar_gaps"].as_array().unwrap().iter().all(|g| g["year"].as_i64() > Some(2027)),
        "{data}"
    );

    // A calendar renamed by the admin does not come back at the next start.
    sqlx::query("UPDATE calendars SET name = 'Офис Москва' WHERE id = $1")
        .bind(rows[0].0)
        .execute(&app.store.pool)
        .await
        .unwrap();
    let again = crate::helpers::spawn_app_on_with(&app.database_url, |c| c.demo = false).await;
    assert_eq!(calendar_count(&again).await, 5);
    app.cleanup().await;
}
on_both_backends!(a_fresh_install_has_the_seed_calendars_with_their_holidays_and_the_desks);

async fn a_calendar_in_use_without_next_years_holidays_is_warned_about(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let next_year = chrono::Datelike::year(&chrono::Utc::now()) + 1;
    // The desk's calendar with every entry of next year taken out.
    let (id, spec): (i64, String) =
        sqlx::query_as("SELECT c.id, c.spec FROM calendars c JOIN desk_settings d ON d.calendar_id = c.id")
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
    let mut spec: Value = serde_json::from_str(&spec).unwrap();
    let prefix = format!("{next_year}-");
    spec["holidays"].as_array_mut().unwrap().retain(|d| !d.as_str().unwrap().starts_with(&prefix));
    spec["overrides"].as_object_mut().unwrap().retain(|d, _| !d.starts_with(&prefix));
    let name = "Mon–Fri 09:00–18:00 Moscow";
    let res =
        app.post_json_with(&admin, "calendars/save", json!({"id": id, "name": name, "calendar": spec})).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    // A calendar nobody uses is not warned about.
    let unused = json!({"tz": "Europe/Moscow", "weekly": {"mon": [["09:00", "18:00"]]}});
    let res =
        app.post_json_with(&admin, "calendars/save", json!({"name": "Черновик", "calendar": unused})).await;
    assert_eq!(res.status(), 200);
    let data: Value = app.post_json_with(&admin, "admin/data", json!({})).await.json().await.unwrap();
    let gaps = data["calendar_gaps"].as_array().unwrap();
    assert!(gaps.contains(&json!({"calendar_id": id, "name": name, "year": next_year})), "{gaps:?}");
    assert!(gaps.iter().all(|g| g["name"] != "Черновик"), "{gaps:?}");
    // The other calendars in use have the shipped years entered.
    assert!(gaps.iter().all(|g| g["calendar_id"] == id || g["year"].as_i64() > Some(2027)), "{gaps:?}");
    app.cleanup().await;
}
on_both_backends!(a_calendar_in_use_without_next_years_holidays_is_warned_about);
