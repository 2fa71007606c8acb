//! The leads' reports (issue 15): leads read every organisation's; a
//! client reads their own organisation's only when the admin allows it;
//! everyone else gets 403.

use crate::api::reports::{ReportData, ReportFilter};
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// `POST /api/reports/get`: the month's report (`filter.month`, `YYYY-MM`
/// on the desk's calendar; none: this month) narrowed to an organisation,
/// agent or level, with its charts worded in `locale`. A month that does
/// not parse is 422 `invalid_month`.
#[server(prefix = "/api", endpoint = "reports/get", input = Json, custom = crate::auth::StrictArgs)]
pub async fn load_report(
    #[server(default)] filter: ReportFilter,
    #[server(default)] locale: Locale,
) -> Result<ReportData, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    Ok(crate::service::read::reports::report(&store, &user, filter, locale, chrono::Utc::now()).await?)
}

/// `POST /api/reports/available`: whether the caller may open the reports
/// (the navigation shows the link only then).
#[server(prefix = "/api", endpoint = "reports/available", input = Json, custom = crate::auth::StrictArgs)]
pub async fn reports_available() -> Result<bool, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    Ok(crate::service::read::reports::available(&store, &user).await?)
}
