//! The leads' monthly report (issue 15): SLA compliance per organisation,
//! agent and level, the breaches with how late they were, reopens, the
//! first-response distribution and the quality score, with a 12-month
//! trend. Read from stored outcomes with indexed queries
//! (`store::reports`); the domain (`domain::report`, `domain::quality`)
//! says what the counts mean.

use super::chart_svg::{bar_chart, line_chart, ChartWords, LineChart};
use crate::api::reports::{
    score, AgentQuality, Breach, Choice, ComplianceLine, ExtensionLine, ReportData, ReportFilter, TrendMonth,
    BREACH_LIST_LIMIT,
};
use crate::auth::CurrentUser;
use crate::domain::quality::{Quality, QualityBands};
use crate::domain::report::{late_secs, response_distribution, roll_up, ClockCompliance, Month};
use crate::domain::sla::SlaLevel;
use crate::domain::ticket::{ticket_key, Permission};
use crate::i18n::{Locale, Msg};
use crate::service::sla::desk_calendar;
use crate::service::{reader_scope, ServiceError};
use crate::store::reports::{self as facts, Period, Scope};
use crate::store::{ratings, Store};
use chrono::{DateTime, Utc};

/// How many months the trend and the month choice reach back.
const TREND_MONTHS: u32 = 12;
const MONTH_CHOICES: u32 = 24;

/// Who reads the report, and of which organisation: leads every
/// organisation's (narrowed by the filter), a client only their own and
/// only when the admin allowed it; everyone else is refused.
async fn reader(store: &Store, user: &CurrentUser) -> Result<Option<i64>, ServiceError> {
    match reader_scope(user)? {
        None if user.can(Permission::SeeReports) => Ok(None),
        None => Err(ServiceError::Forbidden),
        Some(org) if facts::visible_to_clients(store, org).await? => Ok(Some(org)),
        Some(_) => Err(ServiceError::Forbidden),
    }
}

/// Whether `user` may open the reports at all (the navigation asks).
pub async fn available(store: &Store, user: &CurrentUser) -> Result<bool, ServiceError> {
    match reader(store, user).await {
        Ok(_) => Ok(true),
        Err(ServiceError::Forbidden) => Ok(false),
        Err(e) => Err(e),
    }
}

fn month_label(m: Month) -> String {
    format!("{:02}.{:02}", m.month, m.year % 100)
}

/// The report for `user` with `filter`, drawn in `locale`, at `now`.
pub async fn report(
    store: &Store,
    user: &CurrentUser,
    filter: ReportFilter,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<ReportData, ServiceError> {
    let own = reader(store, user).await?;
    let client_view = own.is_some();
    let tz = desk_calendar(store).await?.tz();
    let current = Month::of(now, tz);
    let month = match filter.month.as_deref() {
        None | Some("") => current,
        Some(code) => Month::parse(code).ok_or_else(|| {
            ServiceError::Refused(crate::error::Reason::new("invalid_month", "a month is YYYY-MM, 2000–2999"))
        })?,
    };
    // A client's report is their organisation's, whatever the URL says, and
    // never per agent.
    let organisation = own.or(filter.organisation);
    let agent = if client_view { None } else { filter.agent };
    let level_code = filter.level.map(SlaLevel::code);
    let scope = Scope { organisation, agent, level: level_code };
    let at = now.timestamp();
    let period = |m: Month| {
        let (from, to) = m.range(tz);
        Period { from: from.timestamp(), to: to.timestamp(), now: at }
    };
    let this = period(month);

    let organisations_all = facts::organisations(store).await?;
    let agents_all = if client_view { Vec::new() } else { facts::agents(store).await? };
    let name_of = |list: &[(i64, String)], id: Option<i64>| {
        id.and_then(|id| list.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone())).unwrap_or_default()
    };

    let counts = facts::outcome_counts(store, this, scope).await?;
    let compliance = roll_up(&counts, |_| ()).remove(&()).unwrap_or_default();
    let line = |name: String, compliance: ClockCompliance| ComplianceLine { name, compliance };
    let mut by_organisation: Vec<ComplianceLine> = roll_up(&counts, |c| c.organisation)
        .into_iter()
        .map(|(id, c)| line(name_of(&organisations_all, Some(id)), c))
        .collect();
    by_organisation.sort_by(|a, b| a.name.cmp(&b.name));
    let mut by_agent: Vec<ComplianceLine> = if client_view {
        Vec::new()
    } else {
        roll_up(&counts, |c| c.agent).into_iter().map(|(id, c)| line(name_of(&agents_all, id), c)).collect()
    };
    by_agent.sort_by(|a, b| (a.name.is_empty(), &a.name).cmp(&(b.name.is_empty(), &b.name)));
    let by_level: Vec<ComplianceLine> = roll_up(&counts, |c| c.level)
        .into_iter()
        .map(|(l, c)| line(l.map(|l| l.code().to_string()).unwrap_or_default(), c))
        .collect();

    // An instant on the desk calendar's wall clock, as every list shows it.
    let wall = |t: i64| {
        DateTime::from_timestamp(t, 0)
            .unwrap_or_default()
            .with_timezone(&tz)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    let breach_rows = facts::breaches(store, this, scope, BREACH_LIST_LIMIT as i64).await?;
    let breaches = breach_rows
        .into_iter()
        .map(|b| Breach {
            key: ticket_key(b.number),
            title: b.title,
            organisation: b.organisation,
            agent: b.agent,
            level: b.level,
            clock: b.clock,
            due: DateTime::from_timestamp(b.due_at, 0).unwrap_or_default(),
            due_local: wall(b.due_at),
            late_secs: b.used_secs.zip(b.budget_secs).map(|(used, budget)| late_secs(used, budget)),
        })
        .collect();
    let breach_count = compliance.reaction.breached() + compliance.resolution.breached();
    let extensions = crate::store::extensions::agreed_in(
        store,
        this.from,
        this.to,
        (organisation, agent, level_code),
        BREACH_LIST_LIMIT as i64,
    )
    .await?
    .into_iter()
    .map(|x| ExtensionLine {
        key: ticket_key(x.number),
        title: x.title,
        organisation: x.organisation,
        agent: if client_view { None } else { x.agent },
        old_due_local: wall(x.old_due),
        new_due_local: wall(x.new_due),
        agreed_local: wall(x.answered_at),
        by_mail: x.via == "mail",
    })
    .collect();

    let reopens_by_organisation = facts::reopens(store, this, scope).await?;
    let reopens = reopens_by_organisation.iter().map(|r| r.1).sum();
    let first_response = response_distribution(facts::response_times(store, this, scope).await?);

    let (good, normal) = facts::quality_bands(store).await?;
    let bands = QualityBands::new(good as u16, normal as u16).unwrap_or_default();
    let quality_rows = ratings::quality_by_agent(store, this.from, this.to, organisation, level_code).await?;
    let quality_rows: Vec<_> =
        quality_rows.into_iter().filter(|(a, _)| agent.is_none() || *a == agent).collect();
    let mut quality = Quality::default();
    for (_, q) in &quality_rows {
        quality.add(*q);
    }
    let mut quality_by_agent: Vec<AgentQuality> = if client_view {
        Vec::new()
    } else {
        quality_rows
            .iter()
            .map(|(id, q)| AgentQuality {
                name: name_of(&agents_all, *id),
                quality: *q,
                average: q.average(),
                band: q.band(bands),
            })
            .collect()
    };
    quality_by_agent.sort_by(|a, b| (a.name.is_empty(), &a.name).cmp(&(b.name.is_empty(), &b.name)));

    let mut trend = Vec::with_capacity(TREND_MONTHS as usize);
    for m in month.trailing(TREND_MONTHS) {
        let p = period(m);
        let c =
            roll_up(&facts::outcome_counts(store, p, scope).await?, |_| ()).remove(&()).unwrap_or_default();
        let mut q = Quality::default();
        for (a, x) in ratings::quality_by_agent(store, p.from, p.to, organisation, level_code).await? {
            if agent.is_none() || a == agent {
                q.add(x);
            }
        }
        trend.push(TrendMonth { month: m.code(), compliance: c, quality: q });
    }

    let (compliance_svg, quality_svg, response_svg) = charts(&trend, &first_response, bands, locale);
    let organisations = organisations_all
        .into_iter()
        .filter(|(id, _)| own.is_none_or(|o| o == *id))
        .map(|(id, name)| Choice { id, name })
        .collect();
    let agents = agents_all.into_iter().map(|(id, name)| Choice { id, name }).collect();
    Ok(ReportData {
        month: month.code(),
        months: current.trailing(MONTH_CHOICES).into_iter().rev().map(Month::code).collect(),
        zone: tz.name().to_string(),
        filter: ReportFilter { month: Some(month.code()), organisation, agent, level: filter.level },
        organisations,
        agents,
        levels: SlaLevel::ALL.to_vec(),
        client_view,
        compliance,
        by_organisation,
        by_agent,
        by_level,
        breaches,
        breach_count,
        extensions,
        reopens,
        reopens_by_organisation,
        first_response,
        quality,
        quality_average: quality.average(),
        quality_band: quality.band(bands),
        bands,
        quality_by_agent,
        trend,
        compliance_svg,
        quality_svg,
        response_svg,
    })
}

fn charts(
    trend: &[TrendMonth],
    responses: &[u32],
    bands: QualityBands,
    locale: Locale,
) -> (String, String, String) {
    let labels: Vec<String> =
        trend.iter().map(|t| Month::parse(&t.month).map(month_label).unwrap_or_default()).collect();
    let share = |c: crate::domain::report::Compliance| c.share_permille().map(|p| f64::from(p) / 10.0);
    let compliance = line_chart(
        &LineChart {
            id: "compliance",
            labels: labels.clone(),
            series: vec![
                (
                    Msg::ReportReaction.text(locale),
                    "chart-actual",
                    trend.iter().map(|t| share(t.compliance.reaction)).collect(),
                ),
                (
                    Msg::ReportResolution.text(locale),
                    "chart-second",
                    trend.iter().map(|t| share(t.compliance.resolution)).collect(),
                ),
            ],
            low: 0.0,
            high: 100.0,
            ticks: vec![0.0, 50.0, 100.0],
            marks: Vec::new(),
        },
        &ChartWords { title: Msg::ChartCompliance.text(locale), series: "", ideal: "", unit: "%", start: "" },
    );
    let mark =
        |value: u16, msg: Msg| (f64::from(value) / 100.0, format!("{} ≥ {}", msg.text(locale), score(value)));
    let quality = line_chart(
        &LineChart {
            id: "quality",
            labels,
            series: vec![(
                Msg::ReportAverage.text(locale),
                "chart-actual",
                trend.iter().map(|t| t.quality.average().map(|a| f64::from(a) / 100.0)).collect(),
            )],
            low: 1.0,
            high: 5.0,
            ticks: vec![1.0, 2.0, 3.0, 4.0, 5.0],
            marks: vec![mark(bands.good_from, Msg::BandGood), mark(bands.normal_from, Msg::BandNormal)],
        },
        &ChartWords { title: Msg::ChartQuality.text(locale), series: "", ideal: "", unit: "", start: "" },
    );
    let bucket_labels = crate::labels::response_buckets(locale);
    let items: Vec<(String, i64)> =
        responses.iter().zip(bucket_labels).map(|(n, l)| (l.to_string(), i64::from(*n))).collect();
    let response = bar_chart(
        "responses",
        &items,
        &ChartWords {
            title: Msg::ChartResponses.text(locale),
            series: Msg::ReportFirstResponses.text(locale),
            ideal: "",
            unit: Msg::ReportTicketsUnit.text(locale),
            start: "",
        },
    );
    (compliance, quality, response)
}
