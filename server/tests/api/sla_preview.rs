use crate::helpers::{spawn_app, Backend, LEAD};
use crate::on_both_backends;
use serde_json::{json, Value};

fn moscow_nine_to_six(holidays: &[&str]) -> Value {
    let day = json!([["09:00", "18:00"]]);
    json!({
        "tz": "Europe/Moscow",
        "weekly": {"mon": day, "tue": day, "wed": day, "thu": day, "fri": day, "sat": [], "sun": []},
        "holidays": holidays,
        "overrides": {},
        "always": false
    })
}

async fn twelve_business_hours_from_friday_evening_skip_a_monday_holiday(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(LEAD).await;

    // Commercial operative (12 bh), received Friday 17:00 before a Monday
    // holiday: 1 h Friday, 9 h Tuesday, 2 h Wednesday → Wednesday 11:00 MSK.
    let res = app
        .post_json(
            "sla/preview",
            json!({
                "calendar": moscow_nine_to_six(&["2026-11-23"]),
                "start": "2026-11-20T17:00:00+03:00",
                "budget": {"hours": 12}
            }),
        )
        .await;

    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["due"], "2026-11-25T08:00:00Z");
    assert_eq!(
        body["counted"],
        json!([
            ["2026-11-20T14:00:00Z", "2026-11-20T15:00:00Z"],
            ["2026-11-24T06:00:00Z", "2026-11-24T15:00:00Z"],
            ["2026-11-25T06:00:00Z", "2026-11-25T08:00:00Z"]
        ])
    );
    app.cleanup().await;
}
on_both_backends!(twelve_business_hours_from_friday_evening_skip_a_monday_holiday);

async fn pauses_push_the_deadline_and_stored_calendars_work(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(LEAD).await;

    // Calendar 1 is the demo's Moscow 09–18 with the Russian holidays.
    let res = app
        .post_json(
            "sla/preview",
            json!({
                "calendar": {"id": 1},
                "start": "2026-11-24T09:00:00+03:00",
                "budget": {"hours": 9},
                "pauses": [["2026-11-24T10:00:00+03:00", "2026-11-24T12:00:00+03:00"]]
            }),
        )
        .await;

    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    // 9 h with 2 h paused: 7 h on Tuesday, 2 h on Wednesday → 11:00 MSK.
    assert_eq!(body["due"], "2026-11-25T08:00:00Z");
    app.cleanup().await;
}
on_both_backends!(pauses_push_the_deadline_and_stored_calendars_work);

async fn bad_input_gets_a_4xx_with_a_readable_message(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(LEAD).await;
    let start = "2026-11-20T17:00:00Z";
    let cases = [
        (
            json!({"calendar": {"tz": "Mars/Base", "weekly": {}}, "start": start, "budget": {"hours": 1}}),
            "unknown time zone",
        ),
        (
            json!({"calendar": {"tz": "Europe/Moscow", "weekly": {"mon": [["18:00", "09:00"]]}}, "start": start, "budget": {"hours": 1}}),
            "mon",
        ),
        (
            json!({"calendar": {"tz": "Europe/Moscow", "weekly": {}}, "start": start, "budget": {"hours": 1}}),
            "no working time",
        ),
        (
            json!({"calendar": moscow_nine_to_six(&[]), "start": "yesterday", "budget": {"hours": 1}}),
            "RFC 3339",
        ),
        (json!({"calendar": {"id": 999}, "start": start, "budget": {"hours": 1}}), "no calendar with id 999"),
        (
            json!({"calendar": moscow_nine_to_six(&[]), "start": start, "budget": {"weeks": 1}}),
            "unknown variant `weeks`",
        ),
        (
            json!({"calendar": moscow_nine_to_six(&[]), "start": start, "budget": {"working_days": 2000}}),
            "two years",
        ),
    ];
    for (body, expected) in cases {
        let res = app.post_json("sla/preview", body.clone()).await;
        let status = res.status();
        let text = res.text().await.unwrap();
        assert_eq!(status, 400, "{body} answered {status}: {text}");
        assert!(text.contains(expected), "{body}: message {text:?} does not mention {expected:?}");
    }
    app.cleanup().await;
}
on_both_backends!(bad_input_gets_a_4xx_with_a_readable_message);
