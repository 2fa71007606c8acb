//! The sprint charts drawn as SVG text on the server (issue 16): the
//! burndown against its ideal line and the velocity of the last sprints.
//! Hand-written SVG: nothing to load at run time, and the numbers go out as
//! a table beside each chart for screen readers.

use crate::api::sprint_plan::{BurndownPoint, VelocityBar};
use std::fmt::Write;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 36.0;
const BOTTOM: f64 = 40.0;

/// The words a chart shows, in the reader's language.
pub struct ChartWords<'a> {
    pub title: &'a str,
    /// The first series (remaining, done).
    pub series: &'a str,
    /// The ideal line (burndown only).
    pub ideal: &'a str,
    /// The unit of the vertical axis.
    pub unit: &'a str,
    /// The burndown's first point, the sprint's start (its first day's
    /// date labels the end of that day).
    pub start: &'a str,
}

/// Text safe inside SVG markup.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn open(out: &mut String, id: &str, words: &ChartWords<'_>) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{id}-title"><title id="{id}-title">{}</title><text x="{LEFT}" y="20" class="chart-title">{}</text>"#,
        escape(words.title),
        escape(words.title)
    );
}

/// The top of the vertical axis for values up to `max`: an even number of
/// at least 2, so the middle tick is a whole number too.
fn axis_top(max: f64) -> f64 {
    ((max / 2.0).ceil() * 2.0).max(2.0)
}

/// The vertical axis from 0 to `max` with three ticks and its unit.
fn axis(out: &mut String, max: f64, unit: &str) {
    let bottom = HEIGHT - BOTTOM;
    for i in 0..=2 {
        let v = max * f64::from(i) / 2.0;
        let y = bottom - (bottom - TOP) * f64::from(i) / 2.0;
        let _ = write!(
            out,
            r#"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" class="chart-grid"/><text x="{:.1}" y="{:.1}" text-anchor="end" class="chart-tick">{}</text>"#,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            v.round()
        );
    }
    let _ = write!(out, r#"<text x="4" y="{:.1}" class="chart-unit">{}</text>"#, TOP - 8.0, escape(unit));
}

fn short_day(day: &str) -> String {
    // `YYYY-MM-DD` → `DD.MM`.
    match (day.get(8..10), day.get(5..7)) {
        (Some(d), Some(m)) => format!("{d}.{m}"),
        _ => escape(day),
    }
}

/// The burndown: remaining estimate per working day (solid, up to today)
/// against the ideal line (dashed).
pub fn burndown(points: &[BurndownPoint], words: &ChartWords<'_>) -> String {
    let mut out = String::new();
    open(&mut out, "burndown", words);
    let max =
        axis_top(points.iter().flat_map(|p| [p.ideal, p.remaining.unwrap_or(0) as f64]).fold(0.0, f64::max));
    axis(&mut out, max, words.unit);
    let n = points.len().max(2) - 1;
    let x = |i: usize| LEFT + (WIDTH - LEFT - RIGHT) * i as f64 / n as f64;
    let y = |v: f64| (HEIGHT - BOTTOM) - (HEIGHT - BOTTOM - TOP) * v / max;
    let ideal: Vec<String> =
        points.iter().enumerate().map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.ideal))).collect();
    let _ = write!(out, r#"<polyline points="{}" class="chart-ideal" fill="none"/>"#, ideal.join(" "));
    let actual: Vec<String> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.remaining.map(|r| format!("{:.1},{:.1}", x(i), y(r as f64))))
        .collect();
    if !actual.is_empty() {
        let _ = write!(out, r#"<polyline points="{}" class="chart-actual" fill="none"/>"#, actual.join(" "));
    }
    for (i, p) in points.iter().enumerate() {
        if let Some(r) = p.remaining {
            let _ =
                write!(out, r#"<circle cx="{:.1}" cy="{:.1}" r="3" class="chart-dot"/>"#, x(i), y(r as f64));
        }
        // Every day's label while they fit, else every other.
        if n < 16 || i % 2 == 0 {
            let _ = write!(
                out,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="chart-tick">{}</text>"#,
                x(i),
                HEIGHT - BOTTOM + 16.0,
                if i == 0 { escape(words.start) } else { short_day(&p.day) }
            );
        }
    }
    legend(&mut out, &[(words.series, "chart-actual"), (words.ideal, "chart-ideal")]);
    out.push_str("</svg>");
    out
}

/// The velocity: the done estimate of each of the last sprints.
pub fn velocity(bars: &[VelocityBar], words: &ChartWords<'_>) -> String {
    let items: Vec<(String, i64)> = bars.iter().map(|b| (b.sprint.clone(), b.done_hours)).collect();
    bar_chart("velocity", &items, words)
}

/// One bar per labelled value, its value above it.
pub fn bar_chart(id: &str, items: &[(String, i64)], words: &ChartWords<'_>) -> String {
    let mut out = String::new();
    open(&mut out, id, words);
    let max = axis_top(items.iter().map(|b| b.1 as f64).fold(0.0, f64::max));
    axis(&mut out, max, words.unit);
    let slot = (WIDTH - LEFT - RIGHT) / items.len().max(1) as f64;
    for (i, (label, value)) in items.iter().enumerate() {
        let h = (HEIGHT - BOTTOM - TOP) * *value as f64 / max;
        let x = LEFT + slot * i as f64 + slot * 0.2;
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" class="chart-bar"/><text x="{:.1}" y="{:.1}" text-anchor="middle" class="chart-value">{}</text><text x="{:.1}" y="{:.1}" text-anchor="middle" class="chart-tick">{}</text>"#,
            HEIGHT - BOTTOM - h,
            slot * 0.6,
            x + slot * 0.3,
            HEIGHT - BOTTOM - h - 4.0,
            value,
            x + slot * 0.3,
            HEIGHT - BOTTOM + 16.0,
            escape(label)
        );
    }
    legend(&mut out, &[(words.series, "chart-bar")]);
    out.push_str("</svg>");
    out
}

/// A line per series over labelled points, on a fixed vertical scale from
/// `low` to `high` with its ticks; a point without a value breaks its line
/// (a month with nothing decided has no share, not 0 %). `marks` are
/// dashed horizontal lines (the quality bands).
pub struct LineChart<'a> {
    pub id: &'a str,
    pub labels: Vec<String>,
    /// Each series: its legend, its CSS class, one value per label.
    pub series: Vec<(&'a str, &'a str, Vec<Option<f64>>)>,
    pub low: f64,
    pub high: f64,
    pub ticks: Vec<f64>,
    pub marks: Vec<(f64, String)>,
}

pub fn line_chart(chart: &LineChart<'_>, words: &ChartWords<'_>) -> String {
    let mut out = String::new();
    open(&mut out, chart.id, words);
    let span = (chart.high - chart.low).max(f64::EPSILON);
    let y = |v: f64| (HEIGHT - BOTTOM) - (HEIGHT - BOTTOM - TOP) * (v - chart.low) / span;
    for t in &chart.ticks {
        let _ = write!(
            out,
            r#"<line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" class="chart-grid"/><text x="{:.1}" y="{:.1}" text-anchor="end" class="chart-tick">{}</text>"#,
            y(*t),
            WIDTH - RIGHT,
            y(*t),
            LEFT - 6.0,
            y(*t) + 4.0,
            t
        );
    }
    let _ =
        write!(out, r#"<text x="4" y="{:.1}" class="chart-unit">{}</text>"#, TOP - 8.0, escape(words.unit));
    for (value, label) in &chart.marks {
        let _ = write!(
            out,
            r#"<line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" class="chart-ideal"/><text x="{:.1}" y="{:.1}" text-anchor="end" class="chart-legend">{}</text>"#,
            y(*value),
            WIDTH - RIGHT,
            y(*value),
            WIDTH - RIGHT,
            y(*value) - 3.0,
            escape(label)
        );
    }
    let n = chart.labels.len().max(2) - 1;
    let x = |i: usize| LEFT + 12.0 + (WIDTH - LEFT - RIGHT - 24.0) * i as f64 / n as f64;
    for (_, class, values) in &chart.series {
        // Runs of consecutive values, each its own polyline.
        let mut run: Vec<String> = Vec::new();
        let flush = |run: &mut Vec<String>, out: &mut String| {
            if run.len() > 1 {
                let _ = write!(out, r#"<polyline points="{}" class="{class}" fill="none"/>"#, run.join(" "));
            }
            run.clear();
        };
        for (i, v) in values.iter().enumerate() {
            match v {
                Some(v) => {
                    let (px, py) = (x(i), y(v.clamp(chart.low, chart.high)));
                    run.push(format!("{px:.1},{py:.1}"));
                    let _ =
                        write!(out, r#"<circle cx="{px:.1}" cy="{py:.1}" r="3" class="chart-dot {class}"/>"#);
                }
                None => flush(&mut run, &mut out),
            }
        }
        flush(&mut run, &mut out);
    }
    for (i, label) in chart.labels.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="chart-tick">{}</text>"#,
            x(i),
            HEIGHT - BOTTOM + 16.0,
            escape(label)
        );
    }
    let legend_items: Vec<(&str, &str)> = chart.series.iter().map(|(l, c, _)| (*l, *c)).collect();
    legend(&mut out, &legend_items);
    out.push_str("</svg>");
    out
}

fn legend(out: &mut String, items: &[(&str, &str)]) {
    let mut x = LEFT;
    for (label, class) in items {
        let _ = write!(
            out,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" class="{class}"/><text x="{:.1}" y="{:.1}" class="chart-legend">{}</text>"#,
            HEIGHT - 10.0,
            x + 18.0,
            HEIGHT - 10.0,
            x + 24.0,
            HEIGHT - 6.0,
            escape(label)
        );
        x += 40.0 + 8.0 * label.chars().count() as f64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> ChartWords<'static> {
        ChartWords {
            title: "Сгорание <спринта>",
            series: "Осталось",
            ideal: "Идеально",
            unit: "ч",
            start: "Начало",
        }
    }

    #[test]
    fn the_burndown_draws_the_days_up_to_today_and_the_whole_ideal_line() {
        let points = vec![
            BurndownPoint { day: "2026-12-07".into(), remaining: Some(20), ideal: 20.0 },
            BurndownPoint { day: "2026-12-08".into(), remaining: Some(12), ideal: 10.0 },
            BurndownPoint { day: "2026-12-09".into(), remaining: None, ideal: 0.0 },
        ];
        let svg = burndown(&points, &words());
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title id=\"burndown-title\">Сгорание &lt;спринта&gt;</title>"));
        assert_eq!(svg.matches("<circle").count(), 2, "no dot for a day still to come");
        assert!(svg.contains("09.12") && svg.contains("Идеально"));
        // The start is named, not dated: the first day's date is its end.
        assert!(svg.contains(">Начало</text>") && !svg.contains(">07.12</text>"), "{svg}");
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn the_velocity_has_a_bar_per_sprint_and_survives_no_data() {
        let bars = vec![
            VelocityBar { sprint: "S1".into(), done_hours: 30 },
            VelocityBar { sprint: "S2".into(), done_hours: 0 },
        ];
        let svg = velocity(&bars, &words());
        assert_eq!(svg.matches("class=\"chart-bar\"").count(), 3, "two bars and the legend's sample");
        let empty = velocity(&[], &words());
        assert!(!empty.contains("NaN") && !empty.contains("inf"));
        // Whole-number ticks however small the numbers: 0, 1, 2.
        for tick in [">0<", ">1<", ">2<"] {
            assert!(empty.contains(tick), "{tick} in {empty}");
        }
        assert_eq!(axis_top(435.0), 436.0);
        let flat = burndown(&[], &words());
        assert!(!flat.contains("NaN"));
    }

    #[test]
    fn a_line_chart_breaks_where_a_month_has_no_value_and_draws_the_band_marks() {
        let chart = LineChart {
            id: "quality",
            labels: vec!["10.26".into(), "11.26".into(), "12.26".into(), "01.27".into()],
            series: vec![("Средняя", "chart-actual", vec![Some(4.8), None, Some(4.2), Some(3.0)])],
            low: 1.0,
            high: 5.0,
            ticks: vec![1.0, 3.0, 5.0],
            marks: vec![(4.7, "хорошо ≥ 4.70".into()), (4.0, "норма ≥ 4.00".into())],
        };
        let svg = line_chart(&chart, &words());
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<circle").count(), 3);
        // One line, from December to January: October stands alone.
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert!(svg.contains("хорошо ≥ 4.70") && svg.contains("01.27"));
    }

    #[test]
    fn bars_carry_their_values_and_labels() {
        let svg = bar_chart("responses", &[("≤ 15 мин".into(), 7), ("> 8 ч".into(), 0)], &words());
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("≤ 15 мин") && svg.contains(">7<"));
    }
}
