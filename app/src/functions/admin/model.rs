//! What the admin area shows: every record in the shape its form edits.

use crate::domain::admin::department::ChannelDraft;
use crate::domain::sla::{CalendarSpec, ClientCategory, SlaLevel, SlaPolicy, SupportLevel};
use crate::domain::ticket::Role;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminData {
    /// The signed-in admin (who may not lock themselves out).
    pub me: i64,
    pub organisations: Vec<OrganisationItem>,
    pub contracts: Vec<ContractItem>,
    pub calendars: Vec<CalendarItem>,
    /// The calendar tickets without a valid contract count on.
    #[serde(default)]
    pub desk_calendar_id: Option<i64>,
    /// The monthly quality score's bands (issue 15).
    #[serde(default)]
    pub quality_bands: crate::domain::quality::QualityBands,
    /// Calendars in use with nothing entered for this or the coming year.
    #[serde(default)]
    pub calendar_gaps: Vec<CalendarGap>,
    pub policies: Vec<SlaPolicy>,
    pub departments: Vec<DepartmentItem>,
    pub accounts: Vec<AccountItem>,
    pub templates: Vec<TemplateItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationItem {
    pub id: i64,
    pub name: String,
    /// The domain its people write from; unknown addresses there open
    /// tickets for it (mail in).
    pub mail_domain: Option<String>,
    /// The sorting queue of unknown senders' mail.
    pub mail_queue: bool,
    pub clients: i64,
    pub open_tickets: i64,
    /// Its clients may read its own report (issue 15).
    #[serde(default)]
    pub reports_visible: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractItem {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation: String,
    pub calendar_id: i64,
    pub calendar: String,
    pub policy_code: String,
    pub level: SlaLevel,
    /// For contract levels (all the form creates); `None` for the levels
    /// outside the grid an older contract may carry.
    pub client_category: Option<ClientCategory>,
    pub support_level: Option<SupportLevel>,
    /// First and last day (inclusive), `YYYY-MM-DD`, in the calendar's zone.
    pub valid_from: String,
    pub valid_to: Option<String>,
    /// The stored instants `[from, to)`.
    pub from_instant: i64,
    pub to_instant: Option<i64>,
    pub curator_id: Option<i64>,
    pub curator: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarItem {
    pub id: i64,
    pub name: String,
    pub calendar: CalendarSpec,
}

/// A calendar in use (a current or future contract's, or the desk's) with
/// no holiday or date of its own entered for `year`: its public holidays
/// would count as working days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarGap {
    pub calendar_id: i64,
    pub name: String,
    pub year: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentItem {
    pub id: i64,
    pub name: String,
    pub deadline_days: i64,
    /// In the admin's order; none for a shipped department nobody set up.
    pub channels: Vec<ChannelDraft>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountItem {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organisation_id: Option<i64>,
    pub organisation: Option<String>,
    pub disabled: bool,
    /// False for an account that cannot sign in until a password is set.
    pub has_password: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateItem {
    pub id: i64,
    pub name: String,
    pub body_en: String,
    pub body_ru: String,
    pub body_uk: String,
}

impl TemplateItem {
    /// The text in `locale`.
    pub fn body(&self, locale: crate::i18n::Locale) -> &str {
        use crate::i18n::Locale;
        match locale {
            Locale::En => &self.body_en,
            Locale::Ru => &self.body_ru,
            Locale::Uk => &self.body_uk,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::store::admin::TemplateRow> for TemplateItem {
    fn from(t: crate::store::admin::TemplateRow) -> TemplateItem {
        TemplateItem {
            id: t.id,
            name: t.template.name,
            body_en: t.template.body_en,
            body_ru: t.template.body_ru,
            body_uk: t.template.body_uk,
        }
    }
}

#[cfg(feature = "ssr")]
pub(super) async fn load(
    store: &crate::store::Store,
    me: i64,
) -> Result<AdminData, crate::store::StoreError> {
    use crate::domain::admin::ContractPeriod;
    use crate::domain::sla::BusinessCalendar;
    use crate::store::{admin, calendars, StoreError};

    let corrupt = |what: &str, e: &dyn std::fmt::Display| StoreError::Corrupt(format!("{what}: {e}"));
    let organisations = admin::organisations(store)
        .await?
        .into_iter()
        .map(|o| OrganisationItem {
            id: o.id,
            name: o.name,
            mail_domain: o.mail_domain,
            mail_queue: o.mail_queue,
            clients: o.clients,
            open_tickets: o.open_tickets,
            reports_visible: o.reports_visible,
        })
        .collect();
    let contracts = admin::contracts(store)
        .await?
        .into_iter()
        .map(|c| {
            let tz = BusinessCalendar::from_json(&c.calendar_spec).map_err(|e| corrupt("calendar", &e))?.tz();
            let level: SlaLevel = c.level.parse().map_err(|e| corrupt("contract level", &e))?;
            let (from, to) = ContractPeriod { from: c.valid_from, to: c.valid_to }.days(tz);
            Ok(ContractItem {
                id: c.id,
                organisation_id: c.organisation_id,
                organisation: c.organisation,
                calendar_id: c.calendar_id,
                calendar: c.calendar,
                policy_code: c.policy_code,
                level,
                client_category: level.parts().map(|p| p.0),
                support_level: level.parts().map(|p| p.1),
                valid_from: from.format("%Y-%m-%d").to_string(),
                valid_to: to.map(|d| d.format("%Y-%m-%d").to_string()),
                from_instant: c.valid_from,
                to_instant: c.valid_to,
                curator_id: c.curator_id,
                curator: c.curator,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    let calendars: Vec<CalendarItem> = calendars::list(store)
        .await?
        .into_iter()
        .map(|(id, name, spec)| {
            let calendar = serde_json::from_str(&spec).map_err(|e| corrupt("calendar", &e))?;
            Ok(CalendarItem { id, name, calendar })
        })
        .collect::<Result<_, StoreError>>()?;
    let departments = admin::departments(store)
        .await?
        .into_iter()
        .map(|d| {
            let channels = d
                .channels
                .into_iter()
                .map(|(kind, address)| {
                    let kind = crate::domain::admin::DepartmentChannel::parse(&kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("department channel {kind}")))?;
                    Ok(ChannelDraft { kind, address })
                })
                .collect::<Result<_, StoreError>>()?;
            Ok(DepartmentItem { id: d.id, name: d.name, deadline_days: d.deadline_days, channels })
        })
        .collect::<Result<_, StoreError>>()?;
    let accounts = admin::accounts(store)
        .await?
        .into_iter()
        .map(|u| AccountItem {
            id: u.id,
            email: u.email,
            name: u.name,
            role: u.role,
            organisation_id: u.organisation_id,
            organisation: u.organisation_name,
            disabled: u.disabled,
            has_password: u.password_hash.is_some(),
        })
        .collect();
    let templates = admin::templates(store).await?.into_iter().map(TemplateItem::from).collect();
    let now = chrono::Utc::now();
    let in_use = calendars::in_use(store, now.timestamp()).await?;
    let calendar_gaps = calendar_gaps(&calendars, &in_use, chrono::Datelike::year(&now));
    Ok(AdminData {
        me,
        organisations,
        contracts,
        calendars,
        desk_calendar_id: calendars::desk_calendar(store).await?,
        quality_bands: {
            let (good, normal) = crate::store::reports::quality_bands(store).await?;
            crate::domain::quality::QualityBands::new(good as u16, normal as u16).unwrap_or_default()
        },
        calendar_gaps,
        policies: admin::policies(store).await?,
        departments,
        accounts,
        templates,
    })
}

/// The gaps the admin area warns about: for each calendar in `in_use`, this
/// year and the coming one when nothing is entered for them. Server only:
/// reading a calendar's zone needs the time-zone database.
#[cfg(feature = "ssr")]
pub fn calendar_gaps(calendars: &[CalendarItem], in_use: &[i64], this_year: i32) -> Vec<CalendarGap> {
    calendars
        .iter()
        .filter(|c| in_use.contains(&c.id))
        .filter_map(|c| c.calendar.clone().parse().ok().map(|cal| (c, cal)))
        .flat_map(|(c, cal)| {
            [this_year, this_year + 1]
                .into_iter()
                .filter(move |y| cal.lacks_entries_for(*y))
                .map(|year| CalendarGap { calendar_id: c.id, name: c.name.clone(), year })
        })
        .collect()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::domain::contract::shipped_calendars;

    #[test]
    fn only_calendars_in_use_without_entries_for_the_year_are_gaps() {
        let items: Vec<CalendarItem> = shipped_calendars()
            .into_iter()
            .enumerate()
            .map(|(i, (name, cal))| CalendarItem {
                id: i as i64 + 1,
                name: name.into(),
                calendar: cal.to_spec(),
            })
            .collect();
        // Shipped data covers 2026 and 2027.
        assert!(calendar_gaps(&items, &[1, 2, 3, 4, 5], 2026).is_empty());
        // In 2027 the coming year 2028 is missing — for the calendars in use
        // only, and never for 24/7.
        let gaps = calendar_gaps(&items, &[1, 4, 5], 2027);
        let named: Vec<(i64, i32)> = gaps.iter().map(|g| (g.calendar_id, g.year)).collect();
        assert_eq!(named, [(1, 2028), (4, 2028)]);
    }
}
