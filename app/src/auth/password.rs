//! Password hashing: argon2id through `password-auth` (PHC strings with
//! their own salt and parameters). Hashing is slow on purpose, so it runs on
//! the blocking pool, never on the async workers.

use crate::domain::credentials::NewPassword;
use std::sync::LazyLock;

/// A hash of a password nobody knows, made with the same parameters as real
/// ones. Unknown emails are checked against it so that a wrong email takes
/// as long to refuse as a wrong password: timing does not reveal which
/// accounts exist.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| password_auth::generate_hash("no account has this password; it only burns time"));

/// The PHC string to store for a new password.
pub async fn hash(password: &NewPassword) -> Result<String, tokio::task::JoinError> {
    let password = password.expose().to_string();
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password)).await
}

/// Whether `password` matches `stored`; with no stored hash (unknown email,
/// account without a password) it spends the same time and says no.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, tokio::task::JoinError> {
    tokio::task::spawn_blocking(move || match stored {
        Some(hash) => password_auth::verify_password(password, &hash).is_ok(),
        None => {
            let _ = password_auth::verify_password(password, &DUMMY_HASH);
            false
        }
    })
    .await
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

    #[tokio::test]
    async fn no_stored_hash_never_verifies() {
        assert!(!verify("anything at all".into(), None).await.unwrap());
        assert!(!verify("".into(), Some("not a phc string".into())).await.unwrap());
    }
}
