//! Password hashing: argon2id through `password-auth` (PHC strings with
//! their own salt and parameters). Hashing is slow on purpose, so it runs on
//! the blocking pool, never on the async workers.
//!
//! Each hash also holds about 19 MiB while it runs, and the allocator keeps
//! what it once handed out: unbounded, a burst of wrong passwords from many
//! addresses (each within its throttle) grows the server by 19 MiB per
//! parallel guess and leaves it there. So at most one hash per core runs at
//! a time ([`HASH_PERMITS`]); a few sign-ins per core may wait for one
//! ([`WAITING_PER_CORE`]), and past that a sign-in is refused as busy (503)
//! at once instead of queueing without end.

use crate::domain::credentials::NewPassword;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::LazyLock;
use tokio::sync::Semaphore;

/// How many sign-ins per core may wait for a hash before more are refused.
pub const WAITING_PER_CORE: usize = 32;

fn cores() -> usize {
    std::thread::available_parallelism().map(usize::from).unwrap_or(1)
}

/// One permit per core: the hashes that may run at the same time.
static HASH_PERMITS: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(cores()));

/// Sign-ins waiting for or holding a permit.
static SIGN_IN_LINE: LazyLock<Line> = LazyLock::new(|| Line::new(cores() * (1 + WAITING_PER_CORE)));

/// Why a password could not be checked.
#[derive(Debug, thiserror::Error)]
pub enum HashingError {
    #[error("too many password checks are waiting")]
    Busy,
    #[error("the password check did not finish: {0}")]
    Failed(#[from] tokio::task::JoinError),
}

/// A line of at most `limit` callers.
struct Line {
    count: AtomicUsize,
    limit: usize,
}

/// A place in a [`Line`], given back when dropped.
struct Place<'a>(&'a Line);

impl Line {
    const fn new(limit: usize) -> Line {
        Line { count: AtomicUsize::new(0), limit }
    }

    /// A place, unless the line is full.
    fn join(&self) -> Option<Place<'_>> {
        let joined = self
            .count
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| (n < self.limit).then_some(n + 1));
        joined.ok().map(|_| Place(self))
    }
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        self.0.count.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Runs one hash under a permit, on the blocking pool.
async fn with_permit<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, tokio::task::JoinError> {
    // The semaphore is never closed, so acquiring only ever waits.
    let _permit = HASH_PERMITS.acquire().await.expect("the hash semaphore is never closed");
    tokio::task::spawn_blocking(work).await
}

/// A hash of a password nobody knows, made with the same parameters as real
/// ones. Unknown emails are checked against it so that a wrong email takes
/// as long to refuse as a wrong password: timing does not reveal which
/// accounts exist.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| password_auth::generate_hash("no account has this password; it only burns time"));

/// The PHC string to store for a new password. Waits for a permit however
/// long the line: only administrators and the command line set passwords.
pub async fn hash(password: &NewPassword) -> Result<String, tokio::task::JoinError> {
    let password = password.expose().to_string();
    with_permit(move || password_auth::generate_hash(password)).await
}

/// Whether `password` matches `stored`; with no stored hash (unknown email,
/// account without a password) it spends the same time and says no. Busy
/// when more sign-ins wait than [`WAITING_PER_CORE`] per core.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, HashingError> {
    let _place = SIGN_IN_LINE.join().ok_or(HashingError::Busy)?;
    let matches = with_permit(move || match stored {
        Some(hash) => password_auth::verify_password(password, &hash).is_ok(),
        None => {
            let _ = password_auth::verify_password(password, &DUMMY_HASH);
            false
        }
    })
    .await?;
    Ok(matches)
}

/// Computes the dummy hash now, at start-up, so the first sign-in with an
/// unknown email is not slower than the others.
pub async fn warm_up() -> Result<(), tokio::task::JoinError> {
    tokio::task::spawn_blocking(|| LazyLock::force(&DUMMY_HASH).len()).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let password = NewPassword::parse("correct horse battery").unwrap();
        let stored = hash(&password).await.unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(verify("correct horse battery".into(), Some(stored.clone())).await.unwrap());
        assert!(!verify("correct horse batterY".into(), Some(stored)).await.unwrap());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn hashes_run_one_per_core_and_a_full_line_is_busy() {
        use std::sync::Arc;
        // Watch how many hashes run at once through the same permits.
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..cores() * 3)
            .map(|_| {
                let (running, most) = (running.clone(), most.clone());
                tokio::spawn(with_permit(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    running.fetch_sub(1, Ordering::SeqCst);
                }))
            })
            .collect();
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        assert!(most.load(Ordering::SeqCst) <= cores(), "at most one hash per core");
    }

    #[test]
    fn a_full_line_turns_callers_away_until_a_place_is_given_back() {
        let line = Line::new(2);
        let (a, b) = (line.join(), line.join());
        assert!(a.is_some() && b.is_some());
        assert!(line.join().is_none(), "full");
        drop(a);
        assert!(line.join().is_some(), "a place came back");
        assert!(SIGN_IN_LINE.limit >= cores() * (1 + WAITING_PER_CORE));
    }

    #[tokio::test]
    async fn no_stored_hash_never_verifies() {
        assert!(!verify("anything at all".into(), None).await.unwrap());
        assert!(!verify("".into(), Some("not a phc string".into())).await.unwrap());
    }
}
