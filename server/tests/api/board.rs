use crate::helpers::{spawn_app, Backend, LEAD};
use crate::on_both_backends;
use serde_json::Value;

async fn the_board_has_five_columns_of_demo_cards_with_every_sla_state(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(LEAD).await;

    let res = app.post_json("board", serde_json::json!({})).await;

    assert_eq!(res.status(), 200);
    let board: Value = res.json().await.unwrap();
    let columns = board["columns"].as_array().unwrap();
    let statuses: Vec<&str> = columns.iter().map(|c| c["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["backlog", "sprint", "in_progress", "done", "release"]);
    for c in columns {
        assert!(!c["cards"].as_array().unwrap().is_empty(), "column {} is empty", c["status"]);
    }
    // The states as the server reads them at its snapshot instant.
    let server_now: chrono::DateTime<chrono::Utc> = board["server_now"].as_str().unwrap().parse().unwrap();
    let mut states = std::collections::BTreeSet::new();
    for card in columns.iter().flat_map(|c| c["cards"].as_array().unwrap()) {
        let countdown: app::domain::sla::Countdown =
            serde_json::from_value(card["countdown"].clone()).unwrap();
        let state = match countdown.at(server_now).state {
            app::domain::sla::SlaState::OnTrack => "on_track",
            app::domain::sla::SlaState::AtRisk => "at_risk",
            app::domain::sla::SlaState::Breached => "breached",
            app::domain::sla::SlaState::Paused { .. } => "paused",
            app::domain::sla::SlaState::Met => "met",
        };
        states.insert(state);
        assert!(card["key"].as_str().unwrap().starts_with("SUP-"));
    }
    assert_eq!(states.into_iter().collect::<Vec<_>>(), ["at_risk", "breached", "met", "on_track", "paused"]);
    app.cleanup().await;
}
on_both_backends!(the_board_has_five_columns_of_demo_cards_with_every_sla_state);

async fn cards_are_ordered_by_priority_then_received_time(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(LEAD).await;

    let board: Value = app.post_json("board", serde_json::json!({})).await.json().await.unwrap();

    let rank = |p: &str| ["critical", "high", "normal", "low"].iter().position(|x| *x == p).unwrap();
    for column in board["columns"].as_array().unwrap() {
        let keys: Vec<(usize, String)> = column["cards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (rank(c["priority"].as_str().unwrap()), c["received_at"].as_str().unwrap().to_string()))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "column {} is out of order", column["status"]);
    }
    app.cleanup().await;
}
on_both_backends!(cards_are_ordered_by_priority_then_received_time);

async fn the_board_page_is_server_rendered(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(LEAD).await;

    let res = app.get("/").await;

    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    for heading in ["Backlog", "Sprint", "In progress", "Done", "Release"] {
        assert!(html.contains(&format!(">{heading}</h2>")), "no column {heading} in the HTML");
    }
    assert!(html.contains("class=\"sla-badge"), "no SLA badge in the HTML");
    assert!(html.contains("/pkg/slaboard.js"), "the hydration script is missing");
    app.cleanup().await;
}
on_both_backends!(the_board_page_is_server_rendered);

async fn the_server_tells_its_time(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(LEAD).await;
    let before = chrono::Utc::now();

    let t: chrono::DateTime<chrono::Utc> =
        app.post_json("time", serde_json::json!({})).await.json().await.unwrap();

    assert!(t >= before && t <= chrono::Utc::now());
    app.cleanup().await;
}
on_both_backends!(the_server_tells_its_time);

async fn the_board_page_streams_completely_under_parallel_loads(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(LEAD).await;

    // Many pages at once finish on different server threads; each must end
    // with the whole document. Two faults have cut pages short here: a value
    // tied to one thread aborted some streams, and working out the route
    // list (which switches resource loading off process-wide) while another
    // app in the process was rendering left that page waiting forever.
    let pages = spawn_all((0..40).map(|i| {
        let (client, address) = (app.client.clone(), app.address.clone());
        let query = if i % 2 == 0 { "?sla=breached&q=SUP" } else { "" };
        async move {
            let started = std::time::Instant::now();
            let mut res = client.get(format!("{address}/{query}")).send().await.expect("response head");
            let mut body = Vec::new();
            // A cut-off stream can leave the client waiting: bound every chunk
            // and say how far the page got.
            loop {
                match tokio::time::timeout(std::time::Duration::from_secs(30), res.chunk()).await {
                    Ok(Ok(Some(chunk))) => body.extend_from_slice(&chunk),
                    Ok(Ok(None)) => break,
                    Ok(Err(e)) => panic!("page {i} broke off: {e}"),
                    Err(_) => {
                        let text = String::from_utf8_lossy(&body);
                        let tail: String =
                            text.chars().rev().take(300).collect::<Vec<_>>().into_iter().rev().collect();
                        panic!(
                            "page {i} stalled after {} bytes, {:?}: …{tail}",
                            body.len(),
                            started.elapsed()
                        );
                    }
                }
            }
            String::from_utf8(body).expect("utf-8 page")
        }
    }))
    .await;

    for html in pages {
        // Leptos streams the resources' data after `</html>`; the last
        // script it writes closes the stream.
        assert!(
            html.contains("</html>") && html.contains("__INCOMPLETE_CHUNKS"),
            "a page stream was cut short"
        );
        assert!(html.contains("class=\"filter-bar\""));
    }
    app.cleanup().await;
}
on_both_backends!(the_board_page_streams_completely_under_parallel_loads);

/// Runs futures concurrently as tokio tasks, so they really land on several
/// worker threads.
async fn spawn_all<F, T>(futures: impl Iterator<Item = F>) -> Vec<T>
where
    F: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        out.push(h.await.expect("a page load panicked"));
    }
    out
}

async fn agents_see_wip_limits_and_clients_do_not(backend: Backend) {
    let app = crate::helpers::spawn_app_with(backend, |c| {
        c.wip_limits = "in_progress=1, done=50".parse().unwrap();
    })
    .await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let (client, _) = app.signed_in_client(crate::helpers::CLIENT).await;

    let board: Value = app.post_json_with(&lead, "board", serde_json::json!({})).await.json().await.unwrap();
    let limits: Vec<(String, Value)> = board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["status"].as_str().unwrap().to_string(), c["wip_limit"].clone()))
        .collect();
    assert_eq!(limits[2], ("in_progress".to_string(), Value::from(1)));
    assert_eq!(limits[3], ("done".to_string(), Value::from(50)));
    assert!(limits[0].1.is_null() && limits[1].1.is_null() && limits[4].1.is_null());
    // The demo has several tickets in progress: the page warns.
    let html = lead.get(format!("{}/", app.address)).send().await.unwrap().text().await.unwrap();
    assert_eq!(html.matches("class=\"wip-warning\"").count(), 1, "only In progress is over its limit");

    let theirs: Value =
        app.post_json_with(&client, "board", serde_json::json!({})).await.json().await.unwrap();
    assert!(theirs["columns"].as_array().unwrap().iter().all(|c| c["wip_limit"].is_null()));
    app.cleanup().await;
}
on_both_backends!(agents_see_wip_limits_and_clients_do_not);
