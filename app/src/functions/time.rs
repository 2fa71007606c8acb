use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The server's clock, for the browser to correct its own (SPEC §4).
#[server(prefix = "/api", endpoint = "time", input = Json, custom = crate::auth::StrictArgs)]
pub async fn server_time() -> Result<DateTime<Utc>, crate::error::AppError> {
    crate::auth::require_user().await?;
    Ok(Utc::now())
}
