//! How answers travel (issue 14): compressed when the client accepts it,
//! the app's static files precompressed and revalidated, and a signed-in
//! read that writes no session.

use crate::helpers::*;
use crate::on_both_backends;
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, IF_MODIFIED_SINCE, LAST_MODIFIED};
use serde_json::json;

/// The stored sessions: how many, and the expiry of each (as text, in id order).
async fn sessions(app: &TestApp, backend: Backend) -> Vec<String> {
    let sql = match backend {
        Backend::Sqlite => "SELECT CAST(expiry_date AS TEXT) FROM tower_sessions ORDER BY id",
        Backend::Postgres => "SELECT expiry_date::text FROM tower_sessions.session ORDER BY id",
    };
    sqlx::query_scalar(sql).fetch_all(&app.store.pool).await.unwrap()
}

async fn a_read_writes_no_session(backend: Backend) {
    let app = spawn_app(backend).await;
    // Anonymous requests leave nothing behind.
    for _ in 0..3 {
        let res = app.get("/login").await;
        assert_eq!(res.status(), 200);
        assert!(res.headers().get("set-cookie").is_none(), "no session for an anonymous caller");
    }
    assert!(sessions(&app, backend).await.is_empty());

    let (lead, _) = app.signed_in_client(LEAD).await;
    assert_eq!(sessions(&app, backend).await.len(), 1, "signing in stores one session");
    // The first request after signing in notes when the session was renewed.
    assert_eq!(app.post_json_with(&lead, "time", json!({})).await.status(), 200);
    let after_sign_in = sessions(&app, backend).await;
    // Reads within the minute: the session is neither written nor re-sent.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    for _ in 0..5 {
        let res = app.post_json_with(&lead, "time", json!({})).await;
        assert_eq!(res.status(), 200);
        assert!(res.headers().get("set-cookie").is_none(), "a read does not renew the cookie");
        let res = app.post_json_with(&lead, "board", json!({})).await;
        assert_eq!(res.status(), 200);
    }
    assert_eq!(sessions(&app, backend).await, after_sign_in, "a read writes no session");
    app.cleanup().await;
}
on_both_backends!(a_read_writes_no_session);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_are_compressed_for_clients_that_accept_it() {
    let app = spawn_app(Backend::Sqlite).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let board = |encoding: Option<&'static str>| {
        let mut req = lead.post(format!("{}/api/board", app.address)).json(&json!({}));
        if let Some(e) = encoding {
            req = req.header(ACCEPT_ENCODING, e);
        }
        req.send()
    };
    let plain = board(None).await.unwrap();
    assert!(plain.headers().get(CONTENT_ENCODING).is_none());
    let plain_len = plain.bytes().await.unwrap().len();
    for (accept, expected) in [("br, gzip", "br"), ("gzip", "gzip")] {
        let res = board(Some(accept)).await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers().get(CONTENT_ENCODING).unwrap(), expected, "{accept}");
        let len = res.bytes().await.unwrap().len();
        assert!(len * 3 < plain_len, "{expected}: {len} B of {plain_len} B");
    }
    let page = lead.get(format!("{}/", app.address)).header(ACCEPT_ENCODING, "br").send().await.unwrap();
    assert_eq!(page.headers().get(CONTENT_ENCODING).unwrap(), "br", "pages too");
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn static_files_go_out_precompressed_and_are_revalidated() {
    let site = std::env::temp_dir().join(format!("slaboard-site-{}", std::process::id()));
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let css = "body { color: #1d2330; }\n".repeat(200);
    std::fs::write(pkg.join("slaboard.css"), &css).unwrap();
    // Stand-ins for what scripts/precompress.sh writes: the server sends
    // the copy as it is, so its bytes show which one went out.
    std::fs::write(pkg.join("slaboard.css.br"), b"brotli bytes").unwrap();
    std::fs::write(pkg.join("slaboard.css.gz"), b"gzip bytes").unwrap();
    let app = spawn_app_with(Backend::Sqlite, |c| c.site_root = site.clone()).await;
    let url = format!("{}/pkg/slaboard.css", app.address);
    let client = reqwest::Client::new();

    let res = client.get(&url).header(ACCEPT_ENCODING, "gzip, br").send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers().get(CONTENT_ENCODING).unwrap(), "br");
    assert_eq!(res.headers().get(CACHE_CONTROL).unwrap(), "no-cache");
    let modified = res.headers().get(LAST_MODIFIED).cloned().expect("Last-Modified");
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"brotli bytes");

    let res = client.get(&url).header(ACCEPT_ENCODING, "gzip").send().await.unwrap();
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"gzip bytes");
    let res = client.get(&url).send().await.unwrap();
    assert!(res.headers().get(CONTENT_ENCODING).is_none());
    assert_eq!(res.text().await.unwrap(), css);

    let res = client.get(&url).header(IF_MODIFIED_SINCE, modified).send().await.unwrap();
    assert_eq!(res.status(), 304, "unchanged: revalidated without the body");
    app.cleanup().await;
    std::fs::remove_dir_all(&site).unwrap();
}
