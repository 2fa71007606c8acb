//! Business calendars as admins keep them: listed (the export), saved from
//! the calendar JSON (the import), and given holidays from an iCal file.

use crate::domain::sla::CalendarSpec;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// A stored calendar in the API's JSON shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredCalendar {
    pub id: i64,
    pub name: String,
    pub calendar: CalendarSpec,
}

/// The longest calendar name accepted.
pub const MAX_NAME_CHARS: usize = 100;

/// `POST /api/calendars/list`: every calendar, each in the exchange shape
/// (this is the export). Admins and leads.
#[server(prefix = "/api", endpoint = "calendars/list", input = Json, custom = crate::auth::StrictArgs)]
pub async fn list_calendars() -> Result<Vec<StoredCalendar>, crate::error::AppError> {
    use crate::domain::ticket::Permission;
    crate::auth::require_any(&[Permission::Administer, Permission::ManageSprints]).await?;
    let store = super::store()?;
    let rows = crate::store::calendars::list(&store).await.map_err(super::internal)?;
    rows.into_iter()
        .map(|(id, name, spec)| {
            // Stored calendars were validated on the way in; a bad one is
            // a server fault, not the caller's.
            let calendar = serde_json::from_str(&spec).map_err(super::internal)?;
            Ok(StoredCalendar { id, name, calendar })
        })
        .collect()
}

/// `POST /api/calendars/save`: creates (no `id`) or replaces a calendar from
/// its JSON (this is the import). Invalid calendars are refused with the
/// reason and never stored. Admins only.
#[server(prefix = "/api", endpoint = "calendars/save", input = Json, custom = crate::auth::StrictArgs)]
pub async fn save_calendar(
    #[server(default)] id: Option<i64>,
    name: String,
    calendar: serde_json::Value,
) -> Result<StoredCalendar, crate::error::AppError> {
    use crate::domain::ticket::Permission;
    use crate::store::calendars::SaveOutcome;
    crate::auth::require(Permission::Administer).await?;
    let name = crate::domain::text::required(&name, MAX_NAME_CHARS)
        .map_err(|p| crate::error::AppError::invalid_text("name", p, MAX_NAME_CHARS))?;
    let spec: CalendarSpec =
        serde_json::from_value(calendar).map_err(|e| super::invalid_value("calendar", e))?;
    // Parsing validates (zone, intervals, overlaps, some working time) and
    // normalises; what is stored is the normalised form.
    let calendar = spec.parse().map_err(|e| super::invalid_value("calendar", e))?.to_spec();
    let json = serde_json::to_string(&calendar).map_err(super::internal)?;
    let store = super::store()?;
    match crate::store::calendars::save(&store, id, &name, &json).await.map_err(super::internal)? {
        SaveOutcome::Saved(saved) => {
            // Tickets on a replaced calendar count working time anew.
            if id.is_some() {
                crate::service::sla::refresh_open(&store, None, chrono::Utc::now()).await?;
            }
            Ok(StoredCalendar { id: saved, name, calendar })
        }
        SaveOutcome::NameTaken => Err(crate::error::AppError::invalid_field("name", "taken")),
        SaveOutcome::Missing => Err(crate::error::AppError::NotFound),
    }
}

/// `POST /api/calendars/desk`: makes calendar `id` the desk's own, which
/// tickets without a valid contract count on (seed 004 §5.1); their
/// milestones are recomputed. Admins only; 404 for an unknown calendar.
#[server(prefix = "/api", endpoint = "calendars/desk", input = Json, custom = crate::auth::StrictArgs)]
pub async fn set_desk_calendar(id: i64) -> Result<(), crate::error::AppError> {
    use crate::domain::ticket::Permission;
    crate::auth::require(Permission::Administer).await?;
    let store = super::store()?;
    if !crate::store::calendars::set_desk_calendar(&store, id).await.map_err(super::internal)? {
        return Err(crate::error::AppError::NotFound);
    }
    crate::service::sla::refresh_open(&store, None, chrono::Utc::now()).await?;
    Ok(())
}

/// `POST /api/calendars/import_ics`: adds the dates of an iCalendar file's
/// events to a calendar's holidays. Dates the calendar already lists (as
/// holidays or with their own hours) keep their entry. Admins only.
#[server(prefix = "/api", endpoint = "calendars/import_ics", input = Json, custom = crate::auth::StrictArgs)]
pub async fn import_ics(id: i64, ics: String) -> Result<ImportedHolidays, crate::error::AppError> {
    use crate::domain::sla::ical::holidays_from_ics;
    use crate::domain::sla::BusinessCalendar;
    use crate::domain::ticket::Permission;
    use crate::store::calendars::SaveOutcome;
    crate::auth::require(Permission::Administer).await?;
    let dates = holidays_from_ics(&ics).map_err(|e| super::invalid_value("ics", e))?;
    let store = super::store()?;
    let not_found = || crate::error::AppError::NotFound;
    let (name, spec) =
        crate::store::calendars::get(&store, id).await.map_err(super::internal)?.ok_or_else(not_found)?;
    let before = BusinessCalendar::from_json(&spec).map_err(super::internal)?;
    let known = before.holidays().len();
    let after = before.with_holidays(&dates, &[], &[]);
    let added = after.holidays().len() - known;
    let calendar = after.to_spec();
    let json = serde_json::to_string(&calendar).map_err(super::internal)?;
    match crate::store::calendars::save(&store, Some(id), &name, &json).await.map_err(super::internal)? {
        SaveOutcome::Saved(_) => {
            crate::service::sla::refresh_open(&store, None, chrono::Utc::now()).await?;
            Ok(ImportedHolidays {
                added,
                in_file: dates.len(),
                calendar: StoredCalendar { id, name, calendar },
            })
        }
        SaveOutcome::Missing | SaveOutcome::NameTaken => Err(not_found()),
    }
}

/// What an iCal import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedHolidays {
    /// New holidays in the calendar.
    pub added: usize,
    /// Dates found in the file.
    pub in_file: usize,
    pub calendar: StoredCalendar,
}
