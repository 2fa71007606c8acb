//! Sign-in throttling, per account and per client address.
//!
//! Every attempt is counted *before* its password is checked, in one atomic
//! database statement per counter (`store::users::count_attempt`), so a
//! burst of parallel guesses gets at most the limit of real checks. The
//! counters live in the database rather than in process memory so that all
//! replicas behind a load balancer share them; each counter is a fixed
//! window, so a patient attacker gets at most twice the limit across a
//! window boundary. A successful sign-in clears the account's count and
//! gives its own attempt back to the address, so an office behind one NAT
//! is not locked out by its own colleagues.
//!
//! Limits: an attacker can lock a known account for a window by failing on
//! purpose (the usual price of per-account limits), and, when the server is
//! behind a reverse proxy, the address is the proxy's unless
//! `--client-ip-header` names the header the proxy sets.

use crate::store::{users, Store, StoreError};
use std::net::IpAddr;

/// Length of a counting window, in seconds.
pub const WINDOW_SECS: i64 = 15 * 60;
/// Attempts per account per window.
pub const ACCOUNT_LIMIT: i64 = 5;
/// Attempts per client address per window.
pub const ADDRESS_LIMIT: i64 = 20;

/// The client's address as the server determined it: inserted into each
/// request by the server, read by the sign-in function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// The password may be checked.
    Allowed,
    /// Too many attempts: refuse without checking the password.
    Throttled,
}

/// The counter of an address. IPv6 is counted per /64, the block one
/// subscriber usually gets, or one host could rotate through billions.
fn address_subject(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => format!("ip:{v4}"),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => format!("ip:{v4}"),
            None => {
                let s = v6.segments();
                format!("ip:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// The counter of an account, keyed by the normalised email whether or
/// not such an account exists: the throttle must not tell them apart.
fn account_subject(email: &str) -> String {
    format!("account:{email}")
}

/// Counts an attempt and says whether its password may be checked. An
/// address over its limit is refused before the account is counted, so a
/// throttled address cannot keep someone else's account locked.
pub async fn admit(store: &Store, ip: IpAddr, email: &str, now: i64) -> Result<Admission, StoreError> {
    if users::count_attempt(store, &address_subject(ip), now, WINDOW_SECS).await? > ADDRESS_LIMIT {
        return Ok(Admission::Throttled);
    }
    if users::count_attempt(store, &account_subject(email), now, WINDOW_SECS).await? > ACCOUNT_LIMIT {
        return Ok(Admission::Throttled);
    }
    Ok(Admission::Allowed)
}

/// After a successful sign-in: the account starts afresh and the address
/// gets this attempt back.
pub async fn succeeded(store: &Store, ip: IpAddr, email: &str, now: i64) -> Result<(), StoreError> {
    users::clear_attempts(store, &account_subject(email)).await?;
    users::uncount_attempt(store, &address_subject(ip), now, WINDOW_SECS).await
}

/// Drops counters whose window is over; the server runs this periodically.
pub async fn purge(store: &Store, now: i64) -> Result<u64, StoreError> {
    users::purge_attempts(store, now, WINDOW_SECS).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_counted_per_host_or_per_ipv6_block() {
        assert_eq!(address_subject("203.0.113.7".parse().unwrap()), "ip:203.0.113.7");
        assert_eq!(address_subject("::ffff:203.0.113.7".parse().unwrap()), "ip:203.0.113.7");
        let a = address_subject("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = address_subject("2001:db8:1:2:bbbb::9".parse().unwrap());
        assert_eq!(a, "ip:2001:db8:1:2::/64");
        assert_eq!(a, b);
        assert_ne!(a, address_subject("2001:db8:1:3::1".parse().unwrap()));
    }

    #[test]
    fn accounts_are_counted_by_email_whether_or_not_they_exist() {
        assert_eq!(account_subject("nobody@example.com"), "account:nobody@example.com");
    }

    /// A store on a fresh SQLite file (the HTTP tests cover PostgreSQL).
    async fn fresh_store(tag: &str) -> (Store, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!("slaboard_throttle_{tag}_{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let store = Store::connect(&format!("sqlite://{}", dir.join("t.db").display())).await.unwrap();
        (store, dir)
    }

    #[tokio::test]
    async fn an_account_gets_its_limit_per_window_then_a_new_window() {
        let (store, dir) = fresh_store("window").await;
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let t0 = 1_800_000_000;

        for _ in 0..ACCOUNT_LIMIT {
            assert_eq!(admit(&store, ip, "a@example.com", t0).await.unwrap(), Admission::Allowed);
        }
        assert_eq!(admit(&store, ip, "a@example.com", t0 + 60).await.unwrap(), Admission::Throttled);
        assert_eq!(admit(&store, ip, "b@example.com", t0 + 60).await.unwrap(), Admission::Allowed);
        // The window counts from its first attempt, not from the last one.
        assert_eq!(
            admit(&store, ip, "a@example.com", t0 + WINDOW_SECS - 1).await.unwrap(),
            Admission::Throttled
        );
        assert_eq!(admit(&store, ip, "a@example.com", t0 + WINDOW_SECS).await.unwrap(), Admission::Allowed);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn success_clears_the_account_and_returns_the_addresss_attempt() {
        let (store, dir) = fresh_store("success").await;
        let ip: IpAddr = "192.0.2.2".parse().unwrap();
        let t0 = 1_800_000_000;

        for _ in 0..ACCOUNT_LIMIT {
            admit(&store, ip, "a@example.com", t0).await.unwrap();
        }
        succeeded(&store, ip, "a@example.com", t0).await.unwrap();
        for _ in 0..ACCOUNT_LIMIT {
            assert_eq!(admit(&store, ip, "a@example.com", t0).await.unwrap(), Admission::Allowed);
        }
        // Ten attempts from the address, one given back: eleven are left.
        for i in 0..(ADDRESS_LIMIT - 9) {
            let email = format!("u{i}@example.com");
            assert_eq!(admit(&store, ip, &email, t0).await.unwrap(), Admission::Allowed, "{email}");
        }
        assert_eq!(admit(&store, ip, "last@example.com", t0).await.unwrap(), Admission::Throttled);
        // The address, account a and the eleven others; `last` was never
        // counted, its address being over the limit.
        assert_eq!(purge(&store, t0 + WINDOW_SECS).await.unwrap(), 13);
        assert_eq!(
            admit(&store, ip, "last@example.com", t0 + WINDOW_SECS).await.unwrap(),
            Admission::Allowed
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
