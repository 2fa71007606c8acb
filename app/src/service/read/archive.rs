//! Building an archive page on the server from the stored rows.

use crate::api::archive::{page_range, ArchiveListing, ArchivedTicket, PER_PAGE};
use crate::auth::CurrentUser;
use crate::domain::text::text_matches;
use crate::domain::ticket::ticket_key;
use crate::service::{corrupt, reader_scope, ServiceError};
use crate::store::archive::ArchivedRow;
use crate::store::Store;

/// Page `page` (1-based) of the archived tickets `user` may see whose id or
/// title contains `search`, most recently closed first.
pub async fn archive(
    store: &Store,
    user: &CurrentUser,
    search: &str,
    page: usize,
) -> Result<ArchiveListing, ServiceError> {
    let organisation = reader_scope(user)?;
    let rows = crate::store::archive::archived_tickets(store, organisation).await?;
    archive_listing(rows, search, page).map_err(corrupt)
}

/// Page `page` of the rows matching `search`; rows arrive most recently
/// closed first. The search runs here, not in SQL, so that letter case
/// folds the same for Cyrillic on SQLite as on PostgreSQL and as on the
/// board.
fn archive_listing(rows: Vec<ArchivedRow>, search: &str, page: usize) -> Result<ArchiveListing, String> {
    let matching: Vec<ArchivedRow> =
        rows.into_iter().filter(|r| text_matches(search, &ticket_key(r.number), &r.title)).collect();
    let total = matching.len();
    let (range, page, pages) = page_range(total, page, PER_PAGE);
    let tickets = matching[range]
        .iter()
        .map(|r| {
            Ok(ArchivedTicket {
                id: r.id,
                key: ticket_key(r.number),
                title: r.title.clone(),
                organisation: r.organisation.clone(),
                category: r.category.parse().map_err(|e| format!("ticket {}: {e}", r.id))?,
                priority: r.priority.parse().map_err(|e| format!("ticket {}: {e}", r.id))?,
                closed_at: chrono::DateTime::from_timestamp(r.closed_at, 0)
                    .ok_or_else(|| format!("ticket {}: closed_at out of range", r.id))?,
                rejected: r.rejected,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(ArchiveListing { tickets, page, pages, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: i64, title: &str) -> ArchivedRow {
        ArchivedRow {
            id: number,
            number,
            title: title.to_string(),
            organisation: "ООО «Техномаркет Ритейл»".to_string(),
            category: "incident".to_string(),
            priority: "normal".to_string(),
            closed_at: 1_790_000_000 - number,
            rejected: false,
        }
    }

    #[test]
    fn search_matches_id_and_title_in_any_case() {
        let rows =
            vec![row(1001, "Касса не печатает чеки"), row(1002, "Отчёт по остаткам"), row(1003, "Ошибка")];
        let found = archive_listing(rows.clone(), "КАССА", 1).unwrap();
        assert_eq!(found.tickets.iter().map(|t| t.key.as_str()).collect::<Vec<_>>(), ["SUP-1001"]);
        assert_eq!(
            archive_listing(rows.clone(), "sup-1002", 1).unwrap().tickets[0].title,
            "Отчёт по остаткам"
        );
        assert_eq!(archive_listing(rows.clone(), "  ", 1).unwrap().total, 3);
        let none = archive_listing(rows, "принтер", 1).unwrap();
        assert_eq!((none.total, none.pages, none.tickets.len()), (0, 1, 0));
    }

    #[test]
    fn a_page_holds_its_share_in_the_stored_order() {
        let rows: Vec<_> = (0..60).map(|i| row(2000 + i, "Заявка")).collect();
        let third = archive_listing(rows, "заявка", 3).unwrap();
        assert_eq!((third.page, third.pages, third.total, third.tickets.len()), (3, 3, 60, 10));
        assert_eq!(third.tickets[0].key, "SUP-2050");
    }
}
