//! The IMAP side of mail in: a connection over TLS, STARTTLS or (only when
//! configured so) plain TCP, and the few commands the poller needs. TLS is
//! rustls with the system's roots, plus the configured CA file if any.

use async_imap::types::Fetch;
use async_imap::{Client, Session};
use futures_util::TryStreamExt;
use std::fmt;
use std::io;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use thiserror::Error;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::rustls::pki_types::{pem::PemObject, CertificateDer, ServerName};
use tokio_rustls::rustls::{ClientConfig, RootCertStore};
use tokio_rustls::TlsConnector;

/// How the connection to the IMAP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Security {
    /// TLS from the first byte (IMAPS, port 993).
    Tls,
    /// Plain TCP upgraded with STARTTLS before signing in (port 143).
    Starttls,
    /// No encryption: the password crosses the network in clear. For a
    /// server on this machine (tests) only.
    Plain,
}

impl Security {
    pub fn default_port(self) -> u16 {
        match self {
            Security::Tls => 993,
            Security::Starttls | Security::Plain => 143,
        }
    }
}

#[derive(Debug, Error)]
pub enum ImapError {
    #[error("cannot connect to {0}: {1}")]
    Connect(String, io::Error),
    #[error("TLS with {0}: {1}")]
    Tls(String, io::Error),
    #[error("\"{0}\" is not a host name for TLS")]
    ServerName(String),
    #[error("cannot read the CA file {0}: {1}")]
    CaFile(String, String),
    #[error("no trusted root certificates (neither the system's nor --imap-ca-file)")]
    NoRoots,
    #[error("the server closed the connection before greeting")]
    NoGreeting,
    #[error("signing in was refused: {0}")]
    Login(async_imap::error::Error),
    #[error("the folder {0} has no UIDVALIDITY")]
    NoUidValidity(String),
    #[error("the server cannot move mail (no MOVE capability); flag it instead (no --imap-done-folder)")]
    NoMove,
    #[error(transparent)]
    Imap(#[from] async_imap::error::Error),
    #[error("{0} took too long")]
    Timeout(&'static str),
}

/// The stream under the IMAP client: plain or TLS.
#[derive(Debug)]
pub enum MailStream {
    Plain(TcpStream),
    Tls(Box<tokio_rustls::client::TlsStream<TcpStream>>),
}

impl AsyncRead for MailStream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            MailStream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            MailStream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for MailStream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            MailStream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            MailStream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            MailStream::Plain(s) => Pin::new(s).poll_flush(cx),
            MailStream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            MailStream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            MailStream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// Where and how to sign in.
#[derive(Clone)]
pub struct Account {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub user: String,
    pub password: String,
    /// Trusted roots for TLS; `None` for plain connections.
    pub tls: Option<Arc<ClientConfig>>,
}

impl fmt::Debug for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Account")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.user)
            .field("password", &"…")
            .finish()
    }
}

/// The TLS configuration: the system's roots and those of `ca_file`.
pub fn tls_config(ca_file: Option<&Path>) -> Result<Arc<ClientConfig>, ImapError> {
    let mut roots = RootCertStore::empty();
    let native = rustls_native_certs::load_native_certs();
    for cert in native.certs {
        // A broken system certificate is skipped, as every TLS client does.
        let _ = roots.add(cert);
    }
    if let Some(path) = ca_file {
        let name = path.display().to_string();
        let certs = CertificateDer::pem_file_iter(path)
            .map_err(|e| ImapError::CaFile(name.clone(), e.to_string()))?;
        for cert in certs {
            let cert = cert.map_err(|e| ImapError::CaFile(name.clone(), e.to_string()))?;
            roots.add(cert).map_err(|e| ImapError::CaFile(name.clone(), e.to_string()))?;
        }
    }
    if roots.is_empty() {
        return Err(ImapError::NoRoots);
    }
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ImapError::Tls("configuration".into(), io::Error::other(e)))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

pub type ImapSession = Session<MailStream>;

/// Connects, protects the connection as configured, and signs in.
pub async fn sign_in(account: &Account) -> Result<ImapSession, ImapError> {
    let address = format!("{}:{}", account.host, account.port);
    let tcp = TcpStream::connect((account.host.as_str(), account.port))
        .await
        .map_err(|e| ImapError::Connect(address.clone(), e))?;
    let client = match account.security {
        Security::Plain => greeted(Client::new(MailStream::Plain(tcp))).await?,
        Security::Tls => greeted(Client::new(MailStream::Tls(Box::new(tls(account, tcp).await?)))).await?,
        Security::Starttls => {
            let mut plain = greeted(Client::new(tcp)).await?;
            plain.run_command_and_check_ok("STARTTLS", None).await?;
            // No second greeting after STARTTLS (RFC 9051 §6.2.1).
            Client::new(MailStream::Tls(Box::new(tls(account, plain.into_inner()).await?)))
        }
    };
    client.login(&account.user, &account.password).await.map_err(|(e, _)| ImapError::Login(e))
}

async fn greeted<T>(mut client: Client<T>) -> Result<Client<T>, ImapError>
where
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + fmt::Debug + Send,
{
    match client.read_response().await {
        Ok(Some(_)) => Ok(client),
        Ok(None) => Err(ImapError::NoGreeting),
        Err(e) => Err(ImapError::Imap(e.into())),
    }
}

async fn tls(
    account: &Account,
    tcp: TcpStream,
) -> Result<tokio_rustls::client::TlsStream<TcpStream>, ImapError> {
    let config = account.tls.clone().ok_or(ImapError::NoRoots)?;
    let name = ServerName::try_from(account.host.clone())
        .map_err(|_| ImapError::ServerName(account.host.clone()))?;
    TlsConnector::from(config).connect(name, tcp).await.map_err(|e| ImapError::Tls(account.host.clone(), e))
}

/// A mail as the first, cheap fetch describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listed {
    pub uid: u32,
    pub size: u32,
    pub arrived_at: chrono::DateTime<chrono::Utc>,
}

/// Selects `folder`; its UIDVALIDITY.
pub async fn select(session: &mut ImapSession, folder: &str) -> Result<u32, ImapError> {
    // async-imap quotes (and escapes) the name itself.
    let mailbox = session.select(folder).await?;
    mailbox.uid_validity.ok_or_else(|| ImapError::NoUidValidity(folder.to_string()))
}

/// The UIDs to look at, oldest first, at most `max`: unseen mail when
/// processed mail is flagged, every mail when it is moved away.
pub async fn pending(session: &mut ImapSession, all: bool, max: usize) -> Result<Vec<u32>, ImapError> {
    let mut uids: Vec<u32> =
        session.uid_search(if all { "ALL" } else { "UNSEEN" }).await?.into_iter().collect();
    uids.sort_unstable();
    uids.truncate(max);
    Ok(uids)
}

/// Size and arrival of each of `uids`.
pub async fn list(session: &mut ImapSession, uids: &[u32]) -> Result<Vec<Listed>, ImapError> {
    if uids.is_empty() {
        return Ok(Vec::new());
    }
    let fetched: Vec<Fetch> =
        session.uid_fetch(uid_set(uids), "(UID RFC822.SIZE INTERNALDATE)").await?.try_collect().await?;
    let mut listed: Vec<Listed> = fetched
        .iter()
        .filter_map(|f| {
            Some(Listed {
                uid: f.uid?,
                size: f.size.unwrap_or(0),
                // A server that gives no arrival time: now is the best guess.
                arrived_at: f.internal_date().map(|d| d.to_utc()).unwrap_or_else(chrono::Utc::now),
            })
        })
        .filter(|l| uids.contains(&l.uid))
        .collect();
    listed.sort_by_key(|l| l.uid);
    Ok(listed)
}

/// The whole mail `uid`, without marking it seen (`BODY.PEEK`).
pub async fn fetch_whole(session: &mut ImapSession, uid: u32) -> Result<Option<Vec<u8>>, ImapError> {
    fetch_section(session, uid, "BODY.PEEK[]", |f| f.body()).await
}

/// At most the first `limit` bytes of mail `uid`'s header.
pub async fn fetch_header(
    session: &mut ImapSession,
    uid: u32,
    limit: u32,
) -> Result<Option<Vec<u8>>, ImapError> {
    fetch_section(session, uid, &format!("BODY.PEEK[HEADER]<0.{limit}>"), |f| f.header()).await
}

async fn fetch_section(
    session: &mut ImapSession,
    uid: u32,
    item: &str,
    pick: impl Fn(&Fetch) -> Option<&[u8]>,
) -> Result<Option<Vec<u8>>, ImapError> {
    let fetched: Vec<Fetch> =
        session.uid_fetch(uid.to_string(), format!("(UID {item})")).await?.try_collect().await?;
    Ok(fetched.iter().filter(|f| f.uid == Some(uid)).find_map(|f| pick(f).map(<[u8]>::to_vec)))
}

/// Marks mail `uid` done on the server: flagged `\Seen`, or moved to
/// `done_folder`.
pub async fn mark_done(
    session: &mut ImapSession,
    uid: u32,
    done_folder: Option<&str>,
) -> Result<(), ImapError> {
    match done_folder {
        None => {
            let _: Vec<Fetch> =
                session.uid_store(uid.to_string(), "+FLAGS.SILENT (\\Seen)").await?.try_collect().await?;
        }
        Some(folder) => session.uid_mv(uid.to_string(), folder).await?,
    }
    Ok(())
}

/// Whether the server can move mail (RFC 6851).
pub async fn can_move(session: &mut ImapSession) -> Result<bool, ImapError> {
    Ok(session.capabilities().await?.has_str("MOVE"))
}

/// `1,5,7`: a UID set.
fn uid_set(uids: &[u32]) -> String {
    uids.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_not_in_debug() {
        let account = Account {
            host: "imap.example".into(),
            port: 993,
            security: Security::Tls,
            user: "desk".into(),
            password: "hunter2-secret".into(),
            tls: None,
        };
        let debug = format!("{account:?}");
        assert!(!debug.contains("hunter2") && debug.contains("imap.example"), "{debug}");
    }
}
