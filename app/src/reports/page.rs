//! The report page: `/reports?month=2026-11&org=3&agent=7&level=partner_standard`.
//! The filters are a plain GET form, so the URL is the report's address
//! and the page works before it hydrates.

use super::csv::data_url;
use crate::api::reports::{percent, score, ComplianceLine, ReportData, ReportFilter};
use crate::domain::quality::Band;
use crate::domain::report::{ClockCompliance, Compliance, Month};
use crate::domain::sla::SlaLevel;
use crate::functions::reports::load_report;
use crate::i18n::{month_year, working_duration, Locale, Msg};
use crate::labels;
use crate::locale::use_locale;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The filter in the current URL.
fn filter_of(get: impl Fn(&str) -> Option<String>) -> ReportFilter {
    let id = |k: &str| get(k).and_then(|v| v.parse::<i64>().ok());
    ReportFilter {
        month: get("month").filter(|m| !m.is_empty()),
        organisation: id("org"),
        agent: id("agent"),
        level: get("level").and_then(|l| l.parse::<SlaLevel>().ok()),
    }
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| filter_of(|k| q.get(k))));
    let report = Resource::new(move || (filter.get(), locale.get()), |(f, l)| load_report(f, l));
    view! {
        <section class="reports-page" aria-labelledby="reports-title">
            <div class="page-head">
                <h1 id="reports-title">{locale.text(Msg::NavReports)}</h1>
            </div>
            <Transition fallback=move || view! { <p class="notice">{locale.text(Msg::ReportLoading)}</p> }>
                {move || Suspend::new(async move {
                    match report.await {
                        Ok(data) => view! { <ReportView data/> }.into_any(),
                        Err(e) => {
                            view! {
                                <p class="error" role="alert">
                                    {move || format!("{}: {}", Msg::ReportLoadFailed.text(locale.get()), labels::app_error_text(locale.get(), &e))}
                                </p>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
    .into_any()
}

fn month_title(locale: Locale, code: &str) -> String {
    Month::parse(code)
        .and_then(|m| {
            chrono::Month::try_from(m.month as u8).ok().map(|name| month_year(locale, m.year, name))
        })
        .unwrap_or_else(|| code.to_string())
}

fn band_msg(band: Band) -> Msg {
    match band {
        Band::Good => Msg::BandGood,
        Band::Normal => Msg::BandNormal,
        Band::Unacceptable => Msg::BandUnacceptable,
    }
}

fn share(c: Compliance) -> String {
    percent(c).unwrap_or_else(|| "—".to_string())
}

/// The columns of every compliance table after its first.
fn compliance_cells(c: ClockCompliance) -> Vec<String> {
    vec![
        c.reaction.met.to_string(),
        c.reaction.total.to_string(),
        share(c.reaction),
        c.resolution.met.to_string(),
        c.resolution.total.to_string(),
        share(c.resolution),
    ]
}

fn compliance_header(locale: Locale, first: Msg) -> Vec<String> {
    [first, Msg::ReportReactionsMet, Msg::ReportReactions, Msg::ReportReactionShare]
        .into_iter()
        .chain([Msg::ReportResolutionsMet, Msg::ReportResolutions, Msg::ReportResolutionShare])
        .map(|m| m.text(locale).to_string())
        .collect()
}

/// A table with its caption and a CSV download of exactly its rows.
#[component]
fn ReportTable(
    id: &'static str,
    caption: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    file: String,
) -> impl IntoView {
    let locale = use_locale();
    if rows.is_empty() {
        return view! {
            <h3 id=id>{caption}</h3>
            <p class="muted">{locale.text(Msg::ReportNothing)}</p>
        }
        .into_any();
    }
    let mut all = vec![header.clone()];
    all.extend(rows.iter().cloned());
    let href = data_url(&all);
    let head = header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view();
    let body = rows
        .into_iter()
        .map(|r| {
            let mut cells = r.into_iter();
            let first = cells.next().unwrap_or_default();
            let rest = cells.map(|c| view! { <td>{c}</td> }).collect_view();
            view! {
                <tr>
                    <th scope="row">{first}</th>
                    {rest}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="report-table">
            <div class="report-table-head">
                <h3 id=id>{caption}</h3>
                <a class="csv-link" href=href download=file>
                    {locale.text(Msg::ReportCsv)}
                </a>
            </div>
            <div class="admin-table-wrap">
                <table aria-labelledby=id>
                    <thead>
                        <tr>{head}</tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </div>
    }
    .into_any()
}

#[component]
fn Filters(data: ReportData) -> impl IntoView {
    let locale = use_locale();
    let l = locale.0.get_untracked();
    let f = data.filter.clone();
    let months = data
        .months
        .iter()
        .map(|m| {
            let selected = Some(m) == f.month.as_ref();
            view! { <option value=m.clone() selected=selected>{month_title(l, m)}</option> }
        })
        .collect_view();
    let organisations = data
        .organisations
        .iter()
        .map(|o| view! { <option value=o.id.to_string() selected=f.organisation == Some(o.id)>{o.name.clone()}</option> })
        .collect_view();
    let agents = (!data.client_view).then(|| {
        let options = data
            .agents
            .iter()
            .map(|a| view! { <option value=a.id.to_string() selected=f.agent == Some(a.id)>{a.name.clone()}</option> })
            .collect_view();
        view! {
            <label>
                <span>{locale.text(Msg::Assignee)}</span>
                <select name="agent" id="report-agent">
                    <option value="">{locale.text(Msg::ReportEveryone)}</option>
                    {options}
                </select>
            </label>
        }
    });
    let levels = data
        .levels
        .iter()
        .map(|lv| {
            view! { <option value=lv.code() selected=f.level == Some(*lv)>{labels::sla_level(l, *lv)}</option> }
        })
        .collect_view();
    let every_org =
        (!data.client_view).then(|| view! { <option value="">{locale.text(Msg::ReportEveryone)}</option> });
    view! {
        <form class="report-filters" method="get" action="/reports" role="search">
            <label>
                <span>{locale.text(Msg::ReportMonth)}</span>
                <select name="month" id="report-month">{months}</select>
            </label>
            <label>
                <span>{locale.text(Msg::Organisation)}</span>
                <select name="org" id="report-org">
                    {every_org}
                    {organisations}
                </select>
            </label>
            {agents}
            <label>
                <span>{locale.text(Msg::ReportLevel)}</span>
                <select name="level" id="report-level">
                    <option value="">{locale.text(Msg::ReportEveryLevel)}</option>
                    {levels}
                </select>
            </label>
            <button type="submit">{locale.text(Msg::ReportShow)}</button>
        </form>
    }
}

#[component]
fn ReportView(data: ReportData) -> impl IntoView {
    let locale = use_locale();
    let l = locale.0.get_untracked();
    let month = data.month.clone();
    let file = move |name: &str| format!("{name}-{month}.csv");
    let title = month_title(l, &data.month);
    let quality_text = match (data.quality_average, data.quality_band) {
        (Some(avg), Some(band)) => format!("{} · {}", score(avg), band_msg(band).text(l)),
        _ => Msg::ReportNoRatings.text(l).to_string(),
    };
    let band_class = data.quality_band.map_or("band-none", |b| match b {
        Band::Good => "band-good",
        Band::Normal => "band-normal",
        Band::Unacceptable => "band-unacceptable",
    });
    let lines = |lines: &[ComplianceLine], unnamed: &str| -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|x| {
                let name = if x.name.is_empty() { unnamed.to_string() } else { x.name.clone() };
                std::iter::once(name).chain(compliance_cells(x.compliance)).collect()
            })
            .collect()
    };
    let by_org = lines(&data.by_organisation, "—");
    let by_agent = lines(&data.by_agent, Msg::Unassigned.text(l));
    let by_level: Vec<Vec<String>> = data
        .by_level
        .iter()
        .map(|x| {
            let name =
                x.name.parse::<SlaLevel>().map(|lv| labels::sla_level(l, lv)).unwrap_or_else(|_| "—".into());
            std::iter::once(name).chain(compliance_cells(x.compliance)).collect()
        })
        .collect();
    let breaches: Vec<Vec<String>> = data
        .breaches
        .iter()
        .map(|b| {
            vec![
                b.key.clone(),
                b.title.clone(),
                b.organisation.clone(),
                b.agent.clone().unwrap_or_default(),
                b.level.map(|lv| labels::sla_level(l, lv)).unwrap_or_default(),
                labels::clock_kind(b.clock).text(l).to_string(),
                b.due_local.clone(),
                b.late_secs
                    .map(|s| working_duration(l, s))
                    .unwrap_or_else(|| Msg::ReportStillOpen.text(l).to_string()),
            ]
        })
        .collect();
    let breach_header: Vec<String> = [
        Msg::ReportTicket,
        Msg::Title,
        Msg::Organisation,
        Msg::Assignee,
        Msg::ReportLevel,
        Msg::ReportClock,
        Msg::ReportDeadline,
        Msg::ReportLateBy,
    ]
    .into_iter()
    .map(|m| m.text(l).to_string())
    .collect();
    let extensions: Vec<Vec<String>> = data
        .extensions
        .iter()
        .map(|x| {
            let mut row = vec![x.key.clone(), x.title.clone(), x.organisation.clone()];
            if !data.client_view {
                row.push(x.agent.clone().unwrap_or_default());
            }
            let via = if x.by_mail { Msg::ExtensionViaMail } else { Msg::ExtensionViaWeb };
            row.extend([
                x.old_due_local.clone(),
                x.new_due_local.clone(),
                x.agreed_local.clone(),
                via.text(l).to_string(),
            ]);
            row
        })
        .collect();
    let extension_header: Vec<String> = [Msg::ReportTicket, Msg::Title, Msg::Organisation]
        .into_iter()
        .chain((!data.client_view).then_some(Msg::Assignee))
        .chain([Msg::ReportOldDue, Msg::ReportNewDue, Msg::ReportAgreedAt, Msg::ReportAgreedVia])
        .map(|m| m.text(l).to_string())
        .collect();
    let more = (data.breach_count as usize > data.breaches.len()).then(|| {
        view! { <p class="muted">{format!("{} {}", Msg::ReportBreachesShown.text(l), data.breaches.len())}</p> }
    });
    let reopens: Vec<Vec<String>> =
        data.reopens_by_organisation.iter().map(|(name, n)| vec![name.clone(), n.to_string()]).collect();
    let buckets = labels::response_buckets(l);
    let responses: Vec<Vec<String>> =
        data.first_response.iter().zip(buckets).map(|(n, b)| vec![b.to_string(), n.to_string()]).collect();
    let quality_rows: Vec<Vec<String>> = data
        .quality_by_agent
        .iter()
        .map(|q| {
            vec![
                if q.name.is_empty() { Msg::Unassigned.text(l).to_string() } else { q.name.clone() },
                q.quality.count.to_string(),
                q.average.map(score).unwrap_or_default(),
                q.band.map(|b| band_msg(b).text(l).to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    let trend: Vec<Vec<String>> = data
        .trend
        .iter()
        .rev()
        .map(|t| {
            vec![
                month_title(l, &t.month),
                share(t.compliance.reaction),
                share(t.compliance.resolution),
                t.quality.count.to_string(),
                t.quality.average().map(score).unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    let header = |msgs: &[Msg]| -> Vec<String> { msgs.iter().map(|m| m.text(l).to_string()).collect() };
    let agent_tables = (!data.client_view).then(|| {
        view! {
            <ReportTable
                id="report-by-agent"
                caption=Msg::ReportByAgent.text(l).to_string()
                header=compliance_header(l, Msg::Assignee)
                rows=by_agent
                file=file("compliance-by-agent")
            />
        }
    });
    let quality_table = (!data.client_view).then(|| {
        view! {
            <ReportTable
                id="report-quality-by-agent"
                caption=Msg::ReportQualityByAgent.text(l).to_string()
                header=header(&[Msg::Assignee, Msg::ReportRatings, Msg::ReportAverage, Msg::ReportBand])
                rows=quality_rows
                file=file("quality-by-agent")
            />
        }
    });
    let bands_note = format!(
        "{} ≥ {} · {} ≥ {} · {} < {}",
        Msg::BandGood.text(l),
        score(data.bands.good_from),
        Msg::BandNormal.text(l),
        score(data.bands.normal_from),
        Msg::BandUnacceptable.text(l),
        score(data.bands.normal_from)
    );
    view! {
        <Filters data=data.clone()/>
        <p class="muted report-zone">{format!("{title} · {}", data.zone)}</p>
        <dl class="report-summary" aria-label=Msg::ReportSummary.text(l)>
            <div>
                <dt>{locale.text(Msg::ReportReactionShare)}</dt>
                <dd id="summary-reaction">{share(data.compliance.reaction)}</dd>
                <dd class="muted">{format!("{} / {}", data.compliance.reaction.met, data.compliance.reaction.total)}</dd>
            </div>
            <div>
                <dt>{locale.text(Msg::ReportResolutionShare)}</dt>
                <dd id="summary-resolution">{share(data.compliance.resolution)}</dd>
                <dd class="muted">{format!("{} / {}", data.compliance.resolution.met, data.compliance.resolution.total)}</dd>
            </div>
            <div>
                <dt>{locale.text(Msg::ReportBreaches)}</dt>
                <dd id="summary-breaches">{data.breach_count.to_string()}</dd>
            </div>
            <div>
                <dt>{locale.text(Msg::ReportReopens)}</dt>
                <dd id="summary-reopens">{data.reopens.to_string()}</dd>
            </div>
            <div class=band_class>
                <dt>{locale.text(Msg::ReportQuality)}</dt>
                <dd id="summary-quality">{quality_text}</dd>
                <dd class="muted">{format!("{}: {}", Msg::ReportRatings.text(l), data.quality.count)}</dd>
            </div>
        </dl>
        <section class="report-section" aria-labelledby="report-compliance">
            <h2 id="report-compliance">{locale.text(Msg::ReportCompliance)}</h2>
            <figure class="chart-compliance" inner_html=data.compliance_svg.clone()></figure>
            <ReportTable
                id="report-by-org"
                caption=Msg::ReportByOrganisation.text(l).to_string()
                header=compliance_header(l, Msg::Organisation)
                rows=by_org
                file=file("compliance-by-organisation")
            />
            {agent_tables}
            <ReportTable
                id="report-by-level"
                caption=Msg::ReportByLevel.text(l).to_string()
                header=compliance_header(l, Msg::ReportLevel)
                rows=by_level
                file=file("compliance-by-level")
            />
        </section>
        <section class="report-section" aria-labelledby="report-breaches">
            <h2 id="report-breaches">{locale.text(Msg::ReportBreaches)}</h2>
            <ReportTable
                id="report-breach-list"
                caption=Msg::ReportBreachList.text(l).to_string()
                header=breach_header
                rows=breaches
                file=file("breaches")
            />
            {more}
            <ReportTable
                id="report-extensions"
                caption=Msg::ReportExtensions.text(l).to_string()
                header=extension_header
                rows=extensions
                file=file("extensions")
            />
            <ReportTable
                id="report-reopens"
                caption=Msg::ReportReopens.text(l).to_string()
                header=header(&[Msg::Organisation, Msg::ReportReopens])
                rows=reopens
                file=file("reopens")
            />
        </section>
        <section class="report-section" aria-labelledby="report-responses">
            <h2 id="report-responses">{locale.text(Msg::ChartResponses)}</h2>
            <figure class="chart-responses" inner_html=data.response_svg.clone()></figure>
            <ReportTable
                id="report-response-table"
                caption=Msg::ReportFirstResponses.text(l).to_string()
                header=header(&[Msg::ReportWorkingTime, Msg::ReportFirstResponses])
                rows=responses
                file=file("first-response")
            />
        </section>
        <section class="report-section" aria-labelledby="report-quality">
            <h2 id="report-quality">{locale.text(Msg::ReportQuality)}</h2>
            <p class="muted">{bands_note}</p>
            <figure class="chart-quality" inner_html=data.quality_svg.clone()></figure>
            {quality_table}
            <ReportTable
                id="report-trend"
                caption=Msg::ReportTrend.text(l).to_string()
                header=header(&[
                    Msg::ReportMonth,
                    Msg::ReportReactionShare,
                    Msg::ReportResolutionShare,
                    Msg::ReportRatings,
                    Msg::ReportAverage,
                ])
                rows=trend
                file=file("trend")
            />
        </section>
    }
    .into_any()
}
