//! Attachments (issue 13): uploads decided by content, served with exactly
//! the ticket's authorisation and safe headers, events through the one
//! write path, nothing left behind by a refusal, the sweep, the mail
//! intake's entry point, and S3-compatible storage against a real local
//! S3 server (moto).

use crate::helpers::{
    error_of, spawn_app, spawn_app_with, Backend, TestApp, CLIENT, LEAD, OPERATOR, SESSION_COOKIE,
};
use crate::on_both_backends;
use serde_json::{json, Value};
use std::path::Path;

const AGRO_CLIENT: &str = "client@agro.example";
/// A Техномаркет backlog ticket (the demo client's organisation).
const TECHNOMARKET_TICKET: &str = "Отчёт по остаткам считает резерв дважды";
const MAX: usize = 20 * 1024 * 1024;

/// A real PNG of `width` × `height` with a gradient (so it compresses like a
/// picture, not like a blank).
pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(width, height, |x, y| {
        image::Rgba([(x * 7 % 256) as u8, (y * 3 % 256) as u8, ((x + y) % 256) as u8, 255])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

const SVG_WITH_SCRIPT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>"#;
const HTML: &str = "<!DOCTYPE html>\n<html><body><script>fetch('/api/board')</script></body></html>";

async fn upload(app: &TestApp, client: &reqwest::Client, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let url = reqwest::Url::parse_with_params(
        &format!("{}/api/attachments/upload", app.address),
        &[("name", name)],
    )
    .unwrap();
    client.post(url).header("content-type", "application/octet-stream").body(bytes).send().await.unwrap()
}

/// Uploads a file that must be accepted; its answer.
async fn uploaded(app: &TestApp, client: &reqwest::Client, name: &str, bytes: Vec<u8>) -> Value {
    let res = upload(app, client, name, bytes).await;
    assert_eq!(res.status(), 200, "{name}");
    res.json().await.unwrap()
}

async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> reqwest::Response {
    client.get(format!("{}{path}", app.address)).send().await.unwrap()
}

/// The id of the demo ticket called `title`.
async fn ticket_id(app: &TestApp, title: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM tickets WHERE title = $1")
        .bind(title)
        .fetch_one(&app.store.pool)
        .await
        .unwrap()
}

async fn ticket_key(app: &TestApp, id: i64) -> String {
    let number: i64 = sqlx::query_scalar("SELECT number FROM tickets WHERE id = $1")
        .bind(id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    format!("SUP-{number}")
}

async fn comment(
    app: &TestApp,
    client: &reqwest::Client,
    id: i64,
    body: &str,
    internal: bool,
    attachments: &[i64],
) -> (u16, Value) {
    let res = app
        .post_json_with(
            client,
            "tickets/comment",
            json!({"id": id, "body": body, "internal": internal, "attachments": attachments}),
        )
        .await;
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

async fn attachment_rows(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM attachments").fetch_one(&app.store.pool).await.unwrap()
}

/// Every file under the attachment directory (spool files included).
fn stored_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return found };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(stored_files(&path));
        } else {
            found.push(path.display().to_string());
        }
    }
    found
}

async fn a_png_is_accepted_and_served_back_byte_identical_with_safe_headers(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let id = ticket_id(&app, TECHNOMARKET_TICKET).await;
    let picture = png(1280, 800);
    let events_before = app.events_of(id).await.len();

    let info = uploaded(&app, &client, "Скриншот ошибки.png", picture.clone()).await;
    let file = info["id"].as_i64().unwrap();
    assert_eq!(info["name"], "Скриншот ошибки.png");
    assert_eq!((info["kind"].as_str(), info["size"].as_u64()), (Some("png"), Some(picture.len() as u64)));
    assert_eq!(
        (info["width"].as_u64(), info["height"].as_u64(), info["thumbnail"].as_bool()),
        (Some(1280), Some(800), Some(true))
    );
    assert_eq!(app.events_of(id).await.len(), events_before, "an upload alone changes no ticket");
    // Its uploader may look at it before sending; nobody else may.
    assert_eq!(get(&app, &client, &format!("/api/attachments/{file}/thumbnail")).await.status(), 200);
    let (lead, _) = app.signed_in_client(LEAD).await;
    assert_eq!(get(&app, &lead, &format!("/api/attachments/{file}")).await.status(), 404, "pending");

    let (status, posted) = comment(&app, &client, id, "Вот скриншот", false, &[file]).await;
    assert_eq!(status, 200, "{posted}");

    for reader in [&client, &lead] {
        let res = get(&app, reader, &format!("/api/attachments/{file}")).await;
        assert_eq!(res.status(), 200);
        let h = res.headers().clone();
        assert_eq!(h["content-type"], "image/png");
        assert_eq!(h["content-length"], picture.len().to_string().as_str());
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["content-security-policy"], "sandbox; default-src 'none'");
        assert_eq!(h["cache-control"], "private, no-store");
        assert_eq!(h["cross-origin-resource-policy"], "same-origin");
        let disposition = h["content-disposition"].to_str().unwrap();
        assert!(disposition.starts_with("inline; filename=\""), "{disposition}");
        assert!(
            disposition.ends_with("filename*=UTF-8''%D0%A1%D0%BA%D1%80%D0%B8%D0%BD%D1%88%D0%BE%D1%82%20%D0%BE%D1%88%D0%B8%D0%B1%D0%BA%D0%B8.png"),
            "{disposition}"
        );
        assert_eq!(res.bytes().await.unwrap().as_ref(), picture.as_slice(), "byte for byte");
    }
    let thumb = get(&app, &client, &format!("/api/attachments/{file}/thumbnail")).await;
    assert_eq!(
        (thumb.status().as_u16(), thumb.headers()["content-type"].to_str().unwrap()),
        (200, "image/png")
    );
    assert_eq!(thumb.headers()["content-security-policy"], "sandbox; default-src 'none'");
    let thumb = image::load_from_memory(&thumb.bytes().await.unwrap()).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (320, 200));

    // The comment's change carries the file's event, public like the reply.
    let events = app.events_of(id).await;
    let attached = events.iter().find(|e| e.kind == "attached").expect("an attached event");
    assert_eq!(attached.payload["attachment_id"], file);
    assert_eq!(attached.payload["comment_id"], posted["id"]);
    assert_eq!(
        (attached.payload["internal"].as_bool(), attached.visibility.as_str()),
        (Some(false), "public")
    );
    assert_eq!(attached.actor_id, Some(app.user_id(CLIENT).await));
    // And the page lists it on the comment, and in the history.
    let key = ticket_key(&app, id).await;
    let page: Value =
        app.post_json_with(&client, "tickets/get", json!({"key": key})).await.json().await.unwrap();
    let last = page["comments"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["attachments"][0]["id"], file, "{last}");
    assert_eq!(last["attachments"][0]["thumbnail"], true);
    assert!(page["history"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["field"] == "attachment" && h["after"] == "Скриншот ошибки.png"));
    assert_eq!(page["max_attachment_bytes"], MAX);
    // An id that is not a number, or no attachment, is simply not found.
    for path in ["/api/attachments/x", "/api/attachments/999999", "/api/attachments/-1/thumbnail"] {
        let res = get(&app, &client, path).await;
        assert_eq!(res.status(), 404, "{path}");
        assert_eq!(error_of(res).await["error"], "not_found");
    }
    app.cleanup().await;
}
on_both_backends!(a_png_is_accepted_and_served_back_byte_identical_with_safe_headers);

/// The refusal of a file: its status and JSON error.
async fn refused(app: &TestApp, client: &reqwest::Client, name: &str, bytes: Vec<u8>) -> (u16, Value) {
    let res = upload(app, client, name, bytes).await;
    let status = res.status().as_u16();
    (status, error_of(res).await)
}

async fn svg_html_and_oversized_files_are_refused_clearly_and_leave_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, jar) = app.signed_in_client(CLIENT).await;
    let events_before = app.change_events().await;
    let dir = app.data_dir.join("attachments");

    let (status, e) = refused(&app, &client, "logo.svg", SVG_WITH_SCRIPT.into()).await;
    assert_eq!((status, e["error"].as_str(), e["code"].as_str()), (422, Some("refused"), Some("file_svg")));
    assert!(e["message"].as_str().unwrap().contains("SVG images are not accepted"), "{e}");

    let (status, e) = refused(&app, &client, "screenshot.png", HTML.into()).await;
    assert_eq!((status, e["code"].as_str()), (422, Some("file_html")), "HTML named .png: {e}");
    assert!(e["message"].as_str().unwrap().contains("HTML documents are not accepted, whatever their name"));

    let (status, e) = refused(&app, &client, "empty.txt", Vec::new()).await;
    assert_eq!((status, e["code"].as_str()), (422, Some("file_empty")));
    let (status, e) =
        refused(&app, &client, "setup.exe", b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff".to_vec()).await;
    assert_eq!((status, e["code"].as_str()), (422, Some("file_type")));
    assert!(e["message"].as_str().unwrap().contains("PNG, JPEG, GIF, WEBP, PDF"), "{e}");
    let mut broken = png(64, 64);
    broken.truncate(broken.len() / 2);
    let (status, e) = refused(&app, &client, "broken.png", broken).await;
    assert_eq!((status, e["code"].as_str()), (422, Some("file_damaged")));

    // One byte over the limit, declared: refused before it is read.
    let cookie = app.session_cookie(&jar).unwrap();
    let over = vec![b'a'; MAX + 1];
    let (status, body) = declared_upload(&app, &cookie, &over).await;
    assert_eq!(status, 413, "{body}");
    let e: Value = serde_json::from_str(&body).unwrap();
    assert_eq!((e["error"].as_str(), e["limit"].as_u64()), (Some("too_large"), Some(MAX as u64)));
    assert_eq!(e["message"], format!("The file is larger than the limit of 20 MB ({MAX} bytes)."));
    // Streamed without a length: refused at the limit.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        over.chunks(256 * 1024).map(|c| Ok(c.to_vec())).collect();
    let res = client
        .post(format!("{}/api/attachments/upload?name=big.log", app.address))
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(chunks)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(error_of(res).await["limit"], MAX);
    // Exactly at the limit is fine.
    let at_limit = uploaded(&app, &client, "big.log", vec![b'a'; MAX]).await;
    assert_eq!((at_limit["kind"].as_str(), at_limit["size"].as_u64()), (Some("text"), Some(MAX as u64)));
    let res = app.post_json_with(&client, "attachments/discard", json!({"id": at_limit["id"]})).await;
    assert_eq!(res.status(), 200);

    assert_eq!(attachment_rows(&app).await, 0, "no row for a refused file");
    assert_eq!(stored_files(&dir), Vec::<String>::new(), "no file, no spool left");
    assert_eq!(app.change_events().await, events_before, "no event");
    app.cleanup().await;
}
on_both_backends!(svg_html_and_oversized_files_are_refused_clearly_and_leave_nothing);

/// Uploads `body` with its `Content-Length` over a raw connection with the
/// session `cookie`, reading the answer while the body is still being sent
/// (the server answers before it has read it); the status and body.
async fn declared_upload(app: &TestApp, cookie: &str, body: &[u8]) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = app.address.trim_start_matches("http://");
    let stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let head = format!(
        "POST /api/attachments/upload?name=big.log HTTP/1.1\r\nHost: {host}\r\n\
         Content-Type: application/octet-stream\r\nCookie: {SESSION_COOKIE}={cookie}\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    let body = [head.as_bytes(), body].concat();
    let sender = tokio::spawn(async move {
        for chunk in body.chunks(256 * 1024) {
            if writer.write_all(chunk).await.is_err() {
                return;
            }
        }
    });
    let mut answer = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    // Up to the end of the JSON body: the answer is small.
    let read = tokio::time::timeout(std::time::Duration::from_secs(30), async {
        loop {
            match reader.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buf[..n]),
            }
            let text = String::from_utf8_lossy(&answer);
            if let Some((head, rest)) = text.split_once("\r\n\r\n") {
                let length = head.lines().find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length: ")
                        .and_then(|v| v.trim().parse::<usize>().ok())
                });
                if length.is_some_and(|n| rest.len() >= n) {
                    break;
                }
            }
        }
    })
    .await;
    assert!(read.is_ok(), "no answer within 30 s");
    sender.abort();
    let text = String::from_utf8_lossy(&answer).to_string();
    let status =
        text.get(9..12).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no HTTP answer: {text:?}"));
    (status, text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default())
}

async fn another_organisations_client_gets_404_and_strangers_401(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let id = ticket_id(&app, TECHNOMARKET_TICKET).await;
    let file = uploaded(&app, &client, "shot.png", png(40, 30)).await["id"].as_i64().unwrap();
    assert_eq!(comment(&app, &client, id, "See the picture", false, &[file]).await.0, 200);

    let (agro, _) = app.signed_in_client(AGRO_CLIENT).await;
    for path in [format!("/api/attachments/{file}"), format!("/api/attachments/{file}/thumbnail")] {
        let res = get(&app, &agro, &path).await;
        assert_eq!(res.status(), 404, "{path}");
        assert_eq!(error_of(res).await["error"], "not_found", "exactly like a missing one");
        let res = reqwest::Client::new().get(format!("{}{path}", app.address)).send().await.unwrap();
        assert_eq!(res.status(), 401, "{path} without a session");
        assert_eq!(error_of(res).await["error"], "not_signed_in");
    }
    // Nor may they attach it, nor discard it.
    let agro_ticket: i64 = sqlx::query_scalar(
        "SELECT t.id FROM tickets t JOIN organisations o ON o.id = t.organisation_id
         WHERE o.name = 'АО «АгроХолдинг Кубань»' AND t.status <> 'archive' ORDER BY t.id LIMIT 1",
    )
    .fetch_one(&app.store.pool)
    .await
    .unwrap();
    let (status, e) = comment(&app, &agro, agro_ticket, "mine now", false, &[file]).await;
    assert_eq!((status, e["code"].as_str()), (422, Some("attachment_unavailable")), "{e}");
    let res = app.post_json_with(&agro, "attachments/discard", json!({"id": file})).await;
    assert_eq!(res.status(), 404);
    // An admin works no tickets.
    let (admin, _) = app.signed_in_client(crate::helpers::ADMIN).await;
    assert_eq!(get(&app, &admin, &format!("/api/attachments/{file}")).await.status(), 403);
    let res = upload(&app, &admin, "a.png", png(4, 4)).await;
    assert_eq!(res.status(), 403);
    // A stranger cannot upload.
    let res = upload(&app, &reqwest::Client::new(), "a.png", png(4, 4)).await;
    assert_eq!(res.status(), 401);
    assert_eq!(error_of(res).await["error"], "not_signed_in");
    // Cross-site uploads are refused like any other API call.
    let res = client
        .post(format!("{}/api/attachments/upload?name=a.png", app.address))
        .header("origin", "https://evil.example")
        .body(png(4, 4))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    app.cleanup().await;
}
on_both_backends!(another_organisations_client_gets_404_and_strangers_401);

async fn an_internal_notes_file_is_hidden_from_the_client_and_seen_by_agents(backend: Backend) {
    let app = spawn_app(backend).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let id = ticket_id(&app, TECHNOMARKET_TICKET).await;
    let log = b"2026-11-22 10:15:30 ERROR stock report: reserve counted twice\n".to_vec();
    let file = uploaded(&app, &operator, "trace.log", log.clone()).await["id"].as_i64().unwrap();

    let (status, note) = comment(&app, &operator, id, "Internal: see the trace", true, &[file]).await;
    assert_eq!(status, 200, "{note}");

    let (client, _) = app.signed_in_client(CLIENT).await;
    let res = get(&app, &client, &format!("/api/attachments/{file}")).await;
    assert_eq!(res.status(), 404, "an internal note's file is internal");
    let key = ticket_key(&app, id).await;
    let page = app.post_json_with(&client, "tickets/get", json!({"key": key})).await.text().await.unwrap();
    assert!(!page.contains("trace.log"), "neither the file nor its history line: {page}");

    let (lead, _) = app.signed_in_client(LEAD).await;
    let res = get(&app, &lead, &format!("/api/attachments/{file}")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/plain; charset=utf-8");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename=\"trace.log\""));
    assert_eq!(res.bytes().await.unwrap().as_ref(), log.as_slice());
    let page: Value =
        app.post_json_with(&lead, "tickets/get", json!({"key": key})).await.json().await.unwrap();
    let note = page["comments"].as_array().unwrap().iter().find(|c| c["id"] == note["id"]).unwrap().clone();
    assert_eq!(note["attachments"][0]["name"], "trace.log");
    let event = app.events_of(id).await.into_iter().find(|e| e.kind == "attached").unwrap();
    assert_eq!((event.visibility.as_str(), event.payload["internal"].as_bool()), ("internal", Some(true)));
    app.cleanup().await;
}
on_both_backends!(an_internal_notes_file_is_hidden_from_the_client_and_seen_by_agents);

async fn files_go_with_a_new_ticket_once_and_only_for_their_uploader(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec();
    let file = uploaded(&app, &client, "invoice.png", pdf.clone()).await;
    assert_eq!((file["name"].as_str(), file["kind"].as_str()), (Some("invoice.png.pdf"), Some("pdf")));
    let file = file["id"].as_i64().unwrap();

    // Someone else naming the upload is refused, and nothing is written.
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let id = ticket_id(&app, TECHNOMARKET_TICKET).await;
    let events = app.change_events().await;
    let (status, e) = comment(&app, &operator, id, "taking it", false, &[file]).await;
    assert_eq!((status, e["code"].as_str()), (422, Some("attachment_unavailable")));
    assert_eq!(app.change_events().await, events, "the comment was not posted either");

    let res = app
        .post_json_with(
            &client,
            "tickets/create",
            json!({"title": "Счёт не открывается", "category": "incident", "priority": "normal", "attachments": [file]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let created: Value = res.json().await.unwrap();
    let kinds: Vec<String> =
        app.events_of(created["id"].as_i64().unwrap()).await.into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, ["created", "attached"]);
    let page: Value = app
        .post_json_with(&client, "tickets/get", json!({"key": created["key"]}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["attachments"][0]["id"], file, "the ticket's own files");
    let res = get(&app, &client, &format!("/api/attachments/{file}")).await;
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(
        res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"),
        "never inline"
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), pdf.as_slice());

    // Attached once: it cannot go with a second comment, nor be discarded.
    let (status, e) = comment(&app, &client, id, "again", false, &[file]).await;
    assert_eq!((status, e["code"].as_str()), (422, Some("attachment_unavailable")));
    let res = app.post_json_with(&client, "attachments/discard", json!({"id": file})).await;
    assert_eq!(res.status(), 404);
    // Eleven files are too many for one comment.
    let mut ids = Vec::new();
    for i in 0..11 {
        ids.push(
            uploaded(&app, &client, &format!("{i}.txt"), format!("note {i}").into_bytes()).await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let (status, e) = comment(&app, &client, id, "all of them", false, &ids).await;
    assert_eq!((status, e["code"].as_str()), (422, Some("too_many_files")));
    app.cleanup().await;
}
on_both_backends!(files_go_with_a_new_ticket_once_and_only_for_their_uploader);

async fn the_sweep_removes_uploads_nobody_sent_with_their_files(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let id = ticket_id(&app, TECHNOMARKET_TICKET).await;
    let sent = uploaded(&app, &client, "sent.png", png(400, 300)).await["id"].as_i64().unwrap();
    assert_eq!(comment(&app, &client, id, "with a file", false, &[sent]).await.0, 200);
    let forgotten = uploaded(&app, &client, "forgotten.png", png(400, 300)).await["id"].as_i64().unwrap();
    let dir = app.data_dir.join("attachments");
    assert_eq!(stored_files(&dir).len(), 4, "two files, two thumbnails");
    // A spool file an interrupted upload left, two hours old.
    let spool = dir.join("incoming").join("0123456789abcdef01234567.part");
    std::fs::write(&spool, b"half an upload").unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options().write(true).open(&spool).unwrap().set_modified(old).unwrap();

    let now = chrono::Utc::now();
    let swept = app::service::attachments::sweep(&app.store, &app.files, now).await.unwrap();
    assert_eq!((swept.expired, swept.spooled), (0, 1), "a fresh upload waits");
    let swept = app::service::attachments::sweep(&app.store, &app.files, now + chrono::Duration::hours(25))
        .await
        .unwrap();

    assert_eq!(swept.expired, 1);
    let left: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM attachments").fetch_all(&app.store.pool).await.unwrap();
    assert_eq!(left, [sent]);
    assert_eq!(stored_files(&dir).len(), 2, "the sent file and its thumbnail");
    assert_eq!(get(&app, &client, &format!("/api/attachments/{forgotten}/thumbnail")).await.status(), 404);
    assert_eq!(get(&app, &client, &format!("/api/attachments/{sent}")).await.status(), 200);
    app.cleanup().await;
}
on_both_backends!(the_sweep_removes_uploads_nobody_sent_with_their_files);

/// The entry point of the mail intake: a mail's parts, with the browser's
/// checks, each one change of the ticket with its event.
async fn mail_parts_are_attached_with_the_same_checks(backend: Backend) {
    use app::service::attachments::{attach, Uploader};
    use app::service::ServiceError;
    let app = spawn_app(backend).await;
    let id = ticket_id(&app, TECHNOMARKET_TICKET).await;
    let now = chrono::Utc::now();
    let version: i64 = sqlx::query_scalar("SELECT version FROM tickets WHERE id = $1")
        .bind(id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();

    let attached =
        attach(&app.store, &app.files, Uploader::System, id, None, "photo.jpg", png(64, 48).into(), now)
            .await
            .unwrap();

    let event = app.events_of(id).await.pop().unwrap();
    assert_eq!(
        (event.kind.as_str(), event.actor_id, event.visibility.as_str()),
        ("attached", None, "public")
    );
    assert_eq!(event.payload["attachment_id"], attached.0);
    assert_eq!(event.payload["name"], "photo.jpg.png", "named by what it is");
    let now_version: i64 = sqlx::query_scalar("SELECT version FROM tickets WHERE id = $1")
        .bind(id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    assert_eq!(now_version, version + 1, "a change of the ticket");

    let events = app.change_events().await;
    let rows = attachment_rows(&app).await;
    let refused =
        attach(&app.store, &app.files, Uploader::System, id, None, "logo.png", SVG_WITH_SCRIPT.into(), now)
            .await;
    assert!(matches!(&refused, Err(ServiceError::Refused(r)) if r.code == "file_svg"), "{refused:?}");
    let too_big =
        attach(&app.store, &app.files, Uploader::System, id, None, "a.log", vec![b'a'; MAX + 1].into(), now)
            .await;
    assert!(matches!(too_big, Err(ServiceError::FileTooLarge(n)) if n == MAX as u64));
    let missing =
        attach(&app.store, &app.files, Uploader::System, 999_999, None, "a.txt", "x".into(), now).await;
    assert!(matches!(missing, Err(ServiceError::NotFound)));
    assert_eq!(
        (app.change_events().await, attachment_rows(&app).await),
        (events, rows),
        "nothing left by refusals"
    );
    assert_eq!(stored_files(&app.data_dir.join("attachments")).len(), 2, "the photo and its thumbnail only");

    // A person's part: their own comment, with the comment's visibility.
    let operator = app::auth::CurrentUser {
        id: app.user_id(OPERATOR).await,
        email: OPERATOR.into(),
        name: "Operator".into(),
        role: app::domain::ticket::Role::Operator,
        organisation: None,
    };
    let body = app::domain::ticket::CommentBody::parse("internal with a log").unwrap();
    let note =
        app::service::comments::post_comment(&app.store, &operator, id, &body, true, now).await.unwrap();
    attach(
        &app.store,
        &app.files,
        Uploader::User(&operator),
        id,
        Some(note.comment_id),
        "x.log",
        "log".into(),
        now,
    )
    .await
    .unwrap();
    let event = app.events_of(id).await.pop().unwrap();
    assert_eq!(
        (event.visibility.as_str(), event.payload["comment_id"].as_i64()),
        ("internal", Some(note.comment_id))
    );
    app.cleanup().await;
}
on_both_backends!(mail_parts_are_attached_with_the_same_checks);

/// A local S3-compatible server (moto, from PyPI) on a free port, stopped
/// when dropped. `scripts/test.sh` installs it and sets
/// `SLABOARD_MOTO_SERVER`; `moto_server` on the PATH does too.
struct Moto {
    child: std::process::Child,
    endpoint: String,
}

impl Moto {
    async fn start() -> Moto {
        let program = std::env::var("SLABOARD_MOTO_SERVER").ok().filter(|p| !p.is_empty()).unwrap_or_else(|| {
            let on_path = std::env::var_os("PATH")
                .map(|paths| std::env::split_paths(&paths).map(|d| d.join("moto_server")).any(|p| p.is_file()))
                .unwrap_or(false);
            assert!(
                on_path,
                "moto_server not found: run the tests with scripts/test.sh (which installs moto[server] from PyPI), \
                 or `pip install 'moto[server]'` and put moto_server on the PATH, or set SLABOARD_MOTO_SERVER"
            );
            "moto_server".into()
        });
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = std::process::Command::new(&program)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
        let endpoint = format!("http://127.0.0.1:{port}");
        let moto = Moto { child, endpoint };
        for _ in 0..150 {
            if reqwest::get(&moto.endpoint).await.is_ok() {
                return moto;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("moto_server did not answer on {} within 15 s", moto.endpoint);
    }

    /// The keys in `bucket`, listed by the S3 API itself.
    async fn keys(&self, bucket: &str) -> Vec<String> {
        let xml = reqwest::get(format!("{}/{bucket}?list-type=2", self.endpoint))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        xml.split("<Key>").skip(1).filter_map(|s| s.split("</Key>").next()).map(str::to_string).collect()
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn files_round_trip_through_s3_compatible_storage(backend: Backend) {
    let moto = Moto::start().await;
    let bucket = "slaboard-attachments";
    let res = reqwest::Client::new().put(format!("{}/{bucket}", moto.endpoint)).send().await.unwrap();
    assert!(res.status().is_success(), "bucket: {}", res.text().await.unwrap());
    let endpoint = moto.endpoint.clone();
    let app = spawn_app_with(backend, |config| {
        config.attachment_storage = slaboard::config::StorageKind::S3;
        config.s3 = slaboard::config::S3Config {
            endpoint: Some(endpoint),
            bucket: Some(bucket.into()),
            region: "us-east-1".into(),
            access_key_id: Some("testing".into()),
            secret_access_key: Some(slaboard::config::Secret("testing-secret".into())),
        };
        // Large enough for a file that goes up in parts (8 MiB each).
        config.attachment_max_mb = 20;
    })
    .await;
    assert!(app.files.blobs.describe().contains(bucket), "{}", app.files.blobs.describe());
    let (client, _) = app.signed_in_client(CLIENT).await;
    let id = ticket_id(&app, TECHNOMARKET_TICKET).await;
    let picture = png(900, 600);
    let large: Vec<u8> = (0..19 * 1024 * 1024u32).map(|i| b"0123456789abcdef\n"[(i % 17) as usize]).collect();

    let shot = uploaded(&app, &client, "shot.png", picture.clone()).await["id"].as_i64().unwrap();
    let log = uploaded(&app, &client, "big.log", large.clone()).await["id"].as_i64().unwrap();
    assert_eq!(comment(&app, &client, id, "files in S3", false, &[shot, log]).await.0, 200);

    let mut keys = moto.keys(bucket).await;
    keys.sort();
    let stored: Vec<String> = sqlx::query_scalar(
        "SELECT storage_key FROM attachments UNION ALL SELECT thumbnail_key FROM attachments WHERE thumbnail_key IS NOT NULL",
    )
    .fetch_all(&app.store.pool)
    .await
    .unwrap();
    let mut stored = stored;
    stored.sort();
    assert_eq!(keys, stored, "the bucket holds exactly the rows' files");
    assert_eq!(keys.len(), 3);
    let res = get(&app, &client, &format!("/api/attachments/{shot}")).await;
    assert_eq!(res.bytes().await.unwrap().as_ref(), picture.as_slice());
    let res = get(&app, &client, &format!("/api/attachments/{log}")).await;
    assert_eq!(res.headers()["content-length"], large.len().to_string().as_str());
    assert!(res.bytes().await.unwrap().as_ref() == large.as_slice(), "19 MiB back byte for byte");
    assert_eq!(get(&app, &client, &format!("/api/attachments/{shot}/thumbnail")).await.status(), 200);

    // Discarding and the sweep delete from the bucket too.
    let gone = uploaded(&app, &client, "gone.png", png(10, 10)).await["id"].as_i64().unwrap();
    assert_eq!(moto.keys(bucket).await.len(), 5);
    let res = app.post_json_with(&client, "attachments/discard", json!({"id": gone})).await;
    assert_eq!(res.status(), 200);
    assert_eq!(moto.keys(bucket).await.len(), 3);
    uploaded(&app, &client, "late.txt", b"never sent".to_vec()).await;
    app::service::attachments::sweep(
        &app.store,
        &app.files,
        chrono::Utc::now() + chrono::Duration::hours(25),
    )
    .await
    .unwrap();
    assert_eq!(moto.keys(bucket).await.len(), 3);
    assert!(stored_files(&app.data_dir.join("attachments")).is_empty(), "nothing on the local disk");
    app.cleanup().await;
}
on_both_backends!(files_round_trip_through_s3_compatible_storage);

/// (process)
#[tokio::test]
async fn a_wrong_s3_configuration_stops_the_start_without_printing_the_secret() {
    let moto = Moto::start().await;
    let endpoint = moto.endpoint.clone();
    let data_dir = std::env::temp_dir().join(format!("slaboard-s3-start-{}", std::process::id()));
    let out = crate::helpers::slaboard_command()
        .args([
            "--data-dir",
            data_dir.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
            "--attachment-storage",
            "s3",
        ])
        .args(["--s3-endpoint", &endpoint, "--s3-bucket", "no-such-bucket", "--s3-access-key-id", "testing"])
        .env("SLABOARD_S3_SECRET_ACCESS_KEY", "super-secret-value-3")
        .env("DATABASE_URL", format!("sqlite://{}/db.sqlite", data_dir.display()))
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&data_dir);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("attachment storage") && err.contains("no-such-bucket"), "{err}");
    assert!(
        !err.contains("super-secret-value-3")
            && !String::from_utf8_lossy(&out.stdout).contains("super-secret-value-3")
    );
}
