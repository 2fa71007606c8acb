//! The Archive (`archive` and `/archive`): closed tickets, searched and paged.

use crate::helpers::{spawn_app, Backend, CLIENT, LEAD};
use crate::on_both_backends;
use serde_json::{json, Value};

const AGRO_CLIENT: &str = "client@agro.example";
/// Archived demo tickets: one of Техномаркет's, one rejected of АгроХолдинг's.
const TECHNOMARKET_CLOSED: &str = "Подключить второй фискальный регистратор";
const AGRO_REJECTED: &str = "Сделайте интерфейс красивее";

fn titles(listing: &Value) -> Vec<String> {
    listing["tickets"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap().to_string()).collect()
}

async fn agents_see_every_closed_ticket_newest_first_and_none_of_the_board(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(LEAD).await;

    let res = app.post_json("archive", json!({})).await;

    assert_eq!(res.status(), 200);
    let listing: Value = res.json().await.unwrap();
    assert_eq!(
        (listing["total"].as_u64(), listing["page"].as_u64(), listing["pages"].as_u64()),
        (Some(5), Some(1), Some(1))
    );
    let closed: Vec<&str> =
        listing["tickets"].as_array().unwrap().iter().map(|t| t["closed_at"].as_str().unwrap()).collect();
    let mut sorted = closed.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(closed, sorted, "most recently closed first");
    let rejected =
        listing["tickets"].as_array().unwrap().iter().find(|t| t["title"] == AGRO_REJECTED).unwrap();
    assert_eq!(rejected["rejected"], true);
    assert!(
        !titles(&listing).iter().any(|t| t == "Отчёт по остаткам считает резерв дважды"),
        "open tickets stay on the board"
    );
    app.cleanup().await;
}
on_both_backends!(agents_see_every_closed_ticket_newest_first_and_none_of_the_board);

async fn a_client_searches_only_their_own_archive(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (agro, _) = app.signed_in_client(AGRO_CLIENT).await;

    let own: Value = app.post_json_with(&client, "archive", json!({})).await.json().await.unwrap();
    assert_eq!(own["total"], 2);
    assert!(!titles(&own).iter().any(|t| t == AGRO_REJECTED));
    // Any letter case, Cyrillic included, on both databases.
    let found: Value =
        app.post_json_with(&client, "archive", json!({"q": "ФИСКАЛЬНЫЙ"})).await.json().await.unwrap();
    assert_eq!(titles(&found), [TECHNOMARKET_CLOSED]);
    let key = found["tickets"][0]["key"].as_str().unwrap().to_string();
    let by_key: Value =
        app.post_json_with(&client, "archive", json!({"q": key.to_lowercase()})).await.json().await.unwrap();
    assert_eq!(titles(&by_key), [TECHNOMARKET_CLOSED]);
    // Another organisation's closed ticket is not found by its words either.
    let foreign: Value =
        app.post_json_with(&client, "archive", json!({"q": "интерфейс"})).await.json().await.unwrap();
    assert_eq!((foreign["total"].as_u64(), foreign["pages"].as_u64()), (Some(0), Some(1)));
    let theirs: Value =
        app.post_json_with(&agro, "archive", json!({"q": "интерфейс"})).await.json().await.unwrap();
    assert_eq!(titles(&theirs), [AGRO_REJECTED]);
    app.cleanup().await;
}
on_both_backends!(a_client_searches_only_their_own_archive);

async fn bad_archive_requests_are_refused_or_clamped(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(LEAD).await;

    let past_the_end: Value = app.post_json("archive", json!({"page": 99})).await.json().await.unwrap();
    assert_eq!((past_the_end["page"].as_u64(), titles(&past_the_end).len()), (Some(1), 5));
    let long = app.post_json("archive", json!({"q": "я".repeat(201)})).await;
    assert_eq!(long.status(), 422);
    let error = crate::helpers::error_of(long).await;
    assert_eq!(
        (&error["fields"]["q"], &error["problems"][0]["limit"]),
        (&json!("too_long"), &json!(200)),
        "{error}"
    );
    for bad in [json!({"page": -1}), json!({"q": 5}), json!({"organisation_id": 2})] {
        let res = app.post_json("archive", bad.clone()).await;
        assert_eq!(res.status(), 400, "{bad}");
    }
    // SQL in the search is only text.
    let sql: Value = app.post_json("archive", json!({"q": "' OR 1=1 --"})).await.json().await.unwrap();
    assert_eq!(sql["total"], 0);
    app.cleanup().await;
}
on_both_backends!(bad_archive_requests_are_refused_or_clamped);

async fn the_archive_page_is_server_rendered_with_search_and_pager(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;

    let res = client
        .get(format!("{}/archive?q=%D1%84%D0%B8%D1%81%D0%BA%D0%B0%D0%BB%D1%8C", app.address))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains(TECHNOMARKET_CLOSED), "the match is in the HTML");
    assert!(!html.contains("Не открывается кассовая смена"), "the other closed ticket does not match");
    assert!(html.contains(r#"value="фискаль""#), "the search box shows the search");
    assert!(html.contains(r#"aria-current="page""#) && html.contains(r#"href="/archive""#));
    app.cleanup().await;
}
on_both_backends!(the_archive_page_is_server_rendered_with_search_and_pager);
