//! The admins' SLA sandbox.

use crate::domain::sla::Budget;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// A deadline and the working intervals counted toward it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub due: DateTime<Utc>,
    pub counted: Vec<(DateTime<Utc>, DateTime<Utc>)>,
}

/// `POST /api/sla/preview`: the deadline of `budget` from `start` on a
/// calendar (inline JSON or `{"id": N}` of a stored one), skipping `pauses`.
#[server(prefix = "/api", endpoint = "sla/preview", input = Json, custom = crate::auth::StrictArgs)]
pub async fn sla_preview(
    calendar: serde_json::Value,
    start: String,
    budget: Budget,
    #[server(default)] pauses: Vec<(String, String)>,
) -> Result<Preview, crate::error::AppError> {
    use crate::domain::sla::{explain, BusinessCalendar, CalendarSpec, Pause, PauseLedger};
    use crate::domain::ticket::{Permission, WaitingReason};

    // Admins configure SLAs; leads plan sprints against SLA deadlines.
    crate::auth::require_any(&[Permission::Administer, Permission::ManageSprints]).await?;
    let parse_instant = |what: &str, s: &str| {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| super::bad_request(format!("{what} \"{s}\" is not an RFC 3339 instant")))
    };
    let store = super::store()?;
    let cal = match calendar.as_object().and_then(|o| o.get("id").filter(|_| o.len() == 1)) {
        Some(id) => {
            let id = id.as_i64().ok_or_else(|| super::bad_request("calendar id must be an integer"))?;
            let (_, spec) = crate::store::calendars::get(&store, id)
                .await
                .map_err(super::internal)?
                .ok_or_else(|| super::bad_request(format!("there is no calendar with id {id}")))?;
            BusinessCalendar::from_json(&spec).map_err(super::internal)?
        }
        None => serde_json::from_value::<CalendarSpec>(calendar)
            .map_err(|e| super::bad_request(format!("invalid calendar: {e}")))?
            .parse()
            .map_err(|e| super::bad_request(format!("invalid calendar: {e}")))?,
    };
    let start = parse_instant("start", &start)?;
    let mut ledger = Vec::with_capacity(pauses.len());
    for (from, to) in &pauses {
        let (from, to) = (parse_instant("pause start", from)?, parse_instant("pause end", to)?);
        // The sandbox has no waiting reasons; the reason does not change the arithmetic.
        ledger.push(Pause { from, to: Some(to), reason: WaitingReason::ClientInfo });
    }
    let ledger =
        PauseLedger::from_pauses(ledger).map_err(|e| super::bad_request(format!("invalid pauses: {e}")))?;
    let explained = explain(&cal, start, budget, &ledger).map_err(|e| super::bad_request(e.to_string()))?;
    Ok(Preview { due: explained.due, counted: explained.counted })
}
