//! Registering tickets: what the create form offers an operator, and the
//! insert itself.

use super::{Store, StoreError, Tx};
use crate::domain::ticket::{Category, Channel, Priority};
use sqlx::Row;
use std::collections::BTreeMap;

/// An organisation an operator may register a ticket for, with its clients.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationChoice {
    pub id: i64,
    pub name: String,
    /// The earliest contact time accepted (unix seconds): see [`contact_from`].
    pub contact_from: i64,
    /// Active client accounts, `(id, name)`, by name.
    pub clients: Vec<(i64, String)>,
}

/// When support for an organisation began: its first contract's start, or,
/// without any contract, the day the organisation was added. Written once
/// here so that the form and the check agree.
const CONTACT_FROM: &str =
    "COALESCE((SELECT MIN(c.valid_from) FROM contracts c WHERE c.organisation_id = o.id),
                                     o.created_at)";

/// Every organisation with its active clients, by name.
pub async fn organisation_choices(store: &Store) -> Result<Vec<OrganisationChoice>, StoreError> {
    let orgs = sqlx::query(&format!(
        "SELECT o.id, o.name, {CONTACT_FROM} AS contact_from FROM organisations o ORDER BY o.name"
    ))
    .fetch_all(&store.pool)
    .await?;
    let mut choices = Vec::with_capacity(orgs.len());
    let mut index = BTreeMap::new();
    for r in orgs {
        index.insert(r.try_get::<i64, _>("id")?, choices.len());
        choices.push(OrganisationChoice {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            contact_from: r.try_get("contact_from")?,
            clients: Vec::new(),
        });
    }
    // One query for all clients rather than one per organisation.
    let clients = sqlx::query(
        "SELECT id, name, organisation_id FROM users
         WHERE role = 'client' AND disabled_at IS NULL ORDER BY name, id",
    )
    .fetch_all(&store.pool)
    .await?;
    for r in clients {
        let org: Option<i64> = r.try_get("organisation_id")?;
        if let Some(&i) = org.and_then(|org| index.get(&org)) {
            choices[i].clients.push((r.try_get("id")?, r.try_get("name")?));
        }
    }
    Ok(choices)
}

/// The earliest contact time accepted for organisation `id` (unix seconds),
/// or `None` when there is no such organisation.
/// In a transaction (`&mut **tx`) or straight on the pool (`&store.pool`).
pub async fn contact_from<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    organisation_id: i64,
) -> Result<Option<i64>, StoreError> {
    let row =
        sqlx::query(&format!("SELECT {CONTACT_FROM} AS contact_from FROM organisations o WHERE o.id = $1"))
            .bind(organisation_id)
            .fetch_optional(db)
            .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("contact_from")?),
        None => None,
    })
}

/// Whether `user_id` is an active client of `organisation_id`.
pub async fn is_active_client_of(
    store: &Store,
    user_id: i64,
    organisation_id: i64,
) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM users
         WHERE id = $1 AND organisation_id = $2 AND role = 'client' AND disabled_at IS NULL",
    )
    .bind(user_id)
    .bind(organisation_id)
    .fetch_one(&store.pool)
    .await?
    .try_get("n")?;
    Ok(n > 0)
}

/// A ticket to register, already validated.
#[derive(Debug, Clone)]
pub struct TicketInsert<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub steps_to_reproduce: &'a str,
    pub product_version: &'a str,
    pub category: Category,
    pub priority: Priority,
    pub channel: Channel,
    pub organisation_id: i64,
    pub requester_id: i64,
    pub received_at: i64,
    pub now: i64,
}

/// The new ticket's id and human number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Registered {
    pub id: i64,
    pub number: i64,
}

/// Registers a ticket in backlog inside the caller's transaction: the next
/// number from the counter and the ticket. A rollback undoes both, so no
/// number is spent on a ticket that does not exist.
pub async fn insert_ticket(tx: &mut Tx<'_>, t: TicketInsert<'_>) -> Result<Registered, StoreError> {
    // The row lock of this UPDATE serialises concurrent registrations, so
    // numbers are unique and increase in commit order.
    let number: i64 =
        sqlx::query("UPDATE counters SET value = value + 1 WHERE name = 'ticket' RETURNING value")
            .fetch_one(&mut **tx)
            .await?
            .try_get("value")?;
    let id: i64 = sqlx::query(
        "INSERT INTO tickets (number, title, description, steps_to_reproduce, product_version, category,
                              priority, status, channel, organisation_id, requester_id, received_at,
                              created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'backlog', $8, $9, $10, $11, $12, $12) RETURNING id",
    )
    .bind(number)
    .bind(t.title)
    .bind(t.description)
    .bind(t.steps_to_reproduce)
    .bind(t.product_version)
    .bind(t.category.code())
    .bind(t.priority.code())
    .bind(t.channel.code())
    .bind(t.organisation_id)
    .bind(t.requester_id)
    .bind(t.received_at)
    .bind(t.now)
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")?;
    Ok(Registered { id, number })
}
