//! Board filters. They live in the URL (`?sla=breached&priority=critical`)
//! so a filtered board can be shared; matching is one pure function.

use crate::api::board::Card;
use crate::domain::sla::SlaState;
use crate::domain::text::text_matches;
use crate::domain::ticket::{Category, Priority};
use chrono::{DateTime, Utc};

/// The SLA states one can filter by (SPEC: at risk, breached, paused).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaFilter {
    AtRisk,
    Breached,
    Paused,
}

impl SlaFilter {
    pub const ALL: [SlaFilter; 3] = [SlaFilter::AtRisk, SlaFilter::Breached, SlaFilter::Paused];

    pub fn code(self) -> &'static str {
        match self {
            SlaFilter::AtRisk => "at_risk",
            SlaFilter::Breached => "breached",
            SlaFilter::Paused => "paused",
        }
    }

    fn parse(s: &str) -> Option<SlaFilter> {
        SlaFilter::ALL.into_iter().find(|f| f.code() == s)
    }

    fn matches(self, state: &SlaState) -> bool {
        matches!(
            (self, state),
            (SlaFilter::AtRisk, SlaState::AtRisk)
                | (SlaFilter::Breached, SlaState::Breached)
                | (SlaFilter::Paused, SlaState::Paused { .. })
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardFilter {
    pub organisation: Option<String>,
    pub assignee: Option<String>,
    pub priority: Option<Priority>,
    pub category: Option<Category>,
    pub sla: Option<SlaFilter>,
    pub waiting: bool,
    /// Only the running sprint's tickets (`sprint=active`).
    pub active_sprint: bool,
    /// Free text matched against the key and the title, case-insensitively.
    pub text: String,
    /// Only the viewer's own tickets (`mine=1`), an agent's one-click filter.
    pub mine: bool,
    /// Only tickets nobody works yet (`unassigned=1`).
    pub unassigned: bool,
    /// Columns sorted by time to breach (`sort=breach`) instead of the
    /// default priority then arrival.
    pub by_breach: bool,
}

/// The query parameter names, in the order `to_query` writes them.
const KEYS: [&str; 11] = [
    "org",
    "assignee",
    "priority",
    "category",
    "sla",
    "waiting",
    "sprint",
    "q",
    "mine",
    "unassigned",
    "sort",
];

impl BoardFilter {
    /// Reads a filter from query parameters; unknown values are ignored
    /// rather than failing the page (a stale shared link still opens).
    pub fn from_query<'a>(get: impl Fn(&str) -> Option<&'a str>) -> BoardFilter {
        let text = |k| get(k).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        BoardFilter {
            organisation: text("org"),
            assignee: text("assignee"),
            priority: get("priority").and_then(|v| v.parse().ok()),
            category: get("category").and_then(|v| v.parse().ok()),
            sla: get("sla").and_then(SlaFilter::parse),
            waiting: get("waiting") == Some("1"),
            active_sprint: get("sprint") == Some("active"),
            text: text("q").unwrap_or_default(),
            mine: get("mine") == Some("1"),
            unassigned: get("unassigned") == Some("1"),
            by_breach: get("sort") == Some("breach"),
        }
    }

    /// The query string (without `?`), empty for no filter.
    pub fn to_query(&self) -> String {
        let values: [Option<String>; 11] = [
            self.organisation.clone(),
            self.assignee.clone(),
            self.priority.map(|p| p.code().to_string()),
            self.category.map(|c| c.code().to_string()),
            self.sla.map(|s| s.code().to_string()),
            self.waiting.then(|| "1".to_string()),
            self.active_sprint.then(|| "active".to_string()),
            Some(self.text.clone()).filter(|t| !t.is_empty()),
            self.mine.then(|| "1".to_string()),
            self.unassigned.then(|| "1".to_string()),
            self.by_breach.then(|| "breach".to_string()),
        ];
        KEYS.iter()
            .zip(values)
            .filter_map(|(k, v)| v.map(|v| format!("{k}={}", encode(&v))))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// No card is left out (the sort order is no filter).
    pub fn is_empty(&self) -> bool {
        BoardFilter { by_breach: false, ..self.clone() } == BoardFilter::default()
    }

    /// Whether `card` passes, with its SLA state read at `now`; `me` is the
    /// viewer's name, which their cards carry as assignee.
    pub fn matches(&self, card: &Card, now: DateTime<Utc>, me: &str) -> bool {
        (!self.mine || card.assignee.as_deref() == Some(me))
            && (!self.unassigned || card.assignee.is_none())
            && self.organisation.as_ref().is_none_or(|o| *o == card.organisation)
            && self.assignee.as_ref().is_none_or(|a| card.assignee.as_ref() == Some(a))
            && self.priority.is_none_or(|p| p == card.priority)
            && self.category.is_none_or(|c| c == card.category)
            && (!self.waiting || card.waiting.is_some())
            && (!self.active_sprint || card.in_active_sprint)
            && self.sla.is_none_or(|s| card.countdown.as_ref().is_some_and(|c| s.matches(&c.at(now).state)))
            && text_matches(&self.text, &card.key, &card.title)
    }
}

/// Percent-encodes a query value (UTF-8 bytes outside the unreserved set).
pub(crate) fn encode(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::board::ZoneLabel;
    use crate::domain::ticket::{Status, WaitingReason};

    fn card(key: &str, title: &str, priority: Priority, waiting: Option<WaitingReason>) -> Card {
        Card {
            id: 1,
            key: key.into(),
            title: title.into(),
            organisation: "ООО «Ромашка»".into(),
            status: Status::Backlog,
            priority,
            category: Category::Incident,
            assignee: Some("Мария".into()),
            waiting,
            waiting_question: None,
            received_at: Utc::now(),
            version: 1,
            countdown: None,
            level: crate::domain::sla::TicketLevel {
                level: crate::domain::sla::SlaLevel::CommercialStandard,
                mark: crate::domain::ticket::LevelMark::Contract,
            },
            round_the_clock: false,
            zone: ZoneLabel { name: "UTC".into(), offsets: vec![] },
            in_active_sprint: false,
            escalations: Vec::new(),
        }
    }

    #[test]
    fn empty_filter_passes_everything() {
        let f = BoardFilter::default();
        assert!(f.is_empty());
        assert!(f.matches(&card("SUP-1", "x", Priority::Low, None), Utc::now(), "Мария"));
    }

    #[test]
    fn every_field_narrows() {
        let now = Utc::now();
        let c = card("SUP-1042", "Кассы не печатают чеки", Priority::High, Some(WaitingReason::Payment));
        let pass = |f: BoardFilter| f.matches(&c, now, "Олег");
        assert!(pass(BoardFilter { text: "чеки".into(), ..Default::default() }));
        assert!(pass(BoardFilter { text: "sup-1042".into(), ..Default::default() }));
        assert!(!pass(BoardFilter { text: "принтер".into(), ..Default::default() }));
        assert!(pass(BoardFilter { priority: Some(Priority::High), ..Default::default() }));
        assert!(!pass(BoardFilter { priority: Some(Priority::Low), ..Default::default() }));
        assert!(pass(BoardFilter { waiting: true, ..Default::default() }));
        assert!(!pass(BoardFilter { organisation: Some("Другая".into()), ..Default::default() }));
        assert!(!pass(BoardFilter { assignee: Some("Олег".into()), ..Default::default() }));
        assert!(!pass(BoardFilter { active_sprint: true, ..Default::default() }));
        let planned = Card { in_active_sprint: true, ..c.clone() };
        assert!(BoardFilter { active_sprint: true, ..Default::default() }.matches(&planned, now, "Олег"));
        // Mine and unassigned: the card is Мария's.
        assert!(!pass(BoardFilter { mine: true, ..Default::default() }));
        assert!(BoardFilter { mine: true, ..Default::default() }.matches(&c, now, "Мария"));
        assert!(!pass(BoardFilter { unassigned: true, ..Default::default() }));
        let nobodys = Card { assignee: None, ..c.clone() };
        assert!(BoardFilter { unassigned: true, ..Default::default() }.matches(&nobodys, now, "Олег"));
        // Sorting leaves every card in.
        assert!(BoardFilter { by_breach: true, ..Default::default() }.is_empty());
        // No countdown: no SLA state to match.
        assert!(!pass(BoardFilter { sla: Some(SlaFilter::Breached), ..Default::default() }));
    }

    #[test]
    fn the_query_round_trips_including_cyrillic() {
        let f = BoardFilter {
            organisation: Some("ООО «Ромашка»".into()),
            priority: Some(Priority::Critical),
            sla: Some(SlaFilter::AtRisk),
            waiting: true,
            active_sprint: true,
            text: "чек & co".into(),
            mine: true,
            unassigned: true,
            by_breach: true,
            ..Default::default()
        };
        let q = f.to_query();
        assert!(q.starts_with("org=%D0%9E"), "{q}");
        let pairs: Vec<(String, String)> = q
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_string(), decode(v))
            })
            .collect();
        let back = BoardFilter::from_query(|k| pairs.iter().find(|(pk, _)| pk == k).map(|(_, v)| v.as_str()));
        assert_eq!(back, f);
    }

    #[test]
    fn unknown_values_are_ignored() {
        let f = BoardFilter::from_query(|k| match k {
            "priority" => Some("urgent"),
            "sla" => Some("'; DROP TABLE tickets; --"),
            _ => None,
        });
        assert!(f.is_empty());
    }

    fn decode(v: &str) -> String {
        let bytes = v.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }
}
