use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The server's clock, for the browser to correct its own (SPEC §4).
#[server(prefix = "/api", endpoint = "time", input = Json)]
pub async fn server_time() -> Result<DateTime<Utc>, ServerFnError> {
    Ok(Utc::now())
}
