//! What `POST /api/archive` answers, and how a page is cut from the list.

use crate::domain::ticket::{Category, Priority};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Tickets per archive page.
pub const PER_PAGE: usize = 25;

/// One page of the archive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchiveListing {
    /// Most recently closed first.
    pub tickets: Vec<ArchivedTicket>,
    /// 1-based; clamped into `1..=pages`.
    pub page: usize,
    /// At least 1, also when nothing matches.
    pub pages: usize,
    /// Tickets matching the search, over all pages.
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchivedTicket {
    pub id: i64,
    /// `SUP-1042`.
    pub key: String,
    pub title: String,
    pub organisation: String,
    pub category: Category,
    pub priority: Priority,
    /// When it reached the Archive.
    pub closed_at: DateTime<Utc>,
    /// Rejected from the backlog (with a reason on the ticket page), rather
    /// than delivered and closed.
    pub rejected: bool,
}

/// Page `page` (1-based, clamped) of `items`: the slice's range, the page
/// actually shown and the number of pages.
pub fn page_range(total: usize, page: usize, per_page: usize) -> (std::ops::Range<usize>, usize, usize) {
    let pages = total.div_ceil(per_page).max(1);
    let page = page.clamp(1, pages);
    let start = (page - 1) * per_page;
    (start..(start + per_page).min(total), page, pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_cut_and_clamped() {
        assert_eq!(page_range(0, 1, 25), (0..0, 1, 1), "an empty archive still has one page");
        assert_eq!(page_range(25, 1, 25), (0..25, 1, 1));
        assert_eq!(page_range(26, 2, 25), (25..26, 2, 2));
        assert_eq!(page_range(60, 3, 25), (50..60, 3, 3));
        assert_eq!(page_range(60, 99, 25), (50..60, 3, 3), "past the end: the last page");
        assert_eq!(page_range(60, 0, 25), (0..25, 1, 3), "before the start: the first page");
    }
}
