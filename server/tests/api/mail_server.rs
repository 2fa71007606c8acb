//! A private Dovecot IMAP server for the mail-in tests: Debian's
//! `dovecot-imapd`, started as this user's child on free ports with its own
//! configuration, mailbox and (for the TLS test) a certificate made now.
//! Mails are delivered by IMAP APPEND with the arrival time the test picks.
//! A missing dovecot fails the test: `scripts/test.sh` installs it.

use app::domain::mail::UnknownSenders;
use chrono::{DateTime, Utc};
use slaboard::config::{MailInConfig, Secret};
use slaboard::mail::imap::{self, Account, Security};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const DOVECOT: &str = "/usr/sbin/dovecot";
pub const MAILBOX_USER: &str = "desk@desk.example";
const MAILBOX_PASSWORD: &str = "mailbox-password";

pub struct MailServer {
    dir: PathBuf,
    child: Child,
    /// Plain IMAP (STARTTLS too when TLS is on).
    pub port: u16,
    /// IMAPS, when started with TLS.
    pub tls_port: Option<u16>,
    /// The self-signed certificate to trust, when started with TLS.
    pub ca_file: Option<PathBuf>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl MailServer {
    /// A server without TLS.
    pub async fn start() -> MailServer {
        MailServer::start_with(false).await
    }

    /// A server with IMAPS and STARTTLS, its certificate for `localhost`.
    pub async fn start_tls() -> MailServer {
        MailServer::start_with(true).await
    }

    async fn start_with(tls: bool) -> MailServer {
        assert!(
            std::path::Path::new(DOVECOT).exists(),
            "{DOVECOT} is missing: install Debian's dovecot-imapd (scripts/test.sh does)"
        );
        let dir = std::env::temp_dir().join(format!(
            "slaboard_dovecot_{}_{}",
            std::process::id(),
            Utc::now().timestamp_nanos_opt().unwrap()
        ));
        for sub in ["run", "state", "mail", "home"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        // Mail is stored as the current user when that is not root, and as
        // nobody when it is (Dovecot refuses to store mail as root).
        let me = {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(&dir).unwrap().uid()
        };
        let (uid, gid) = if me == 0 { (65534, 65534) } else { (me, me) };
        for sub in ["mail", "home"] {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir.join(sub), std::fs::Permissions::from_mode(0o777)).unwrap();
        }
        let port = free_port();
        let tls_port = tls.then(free_port);
        let mut ssl = "ssl = no\n".to_string();
        let mut ca_file = None;
        if tls {
            let key = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
            let (cert, pem_key) = (dir.join("cert.pem"), dir.join("key.pem"));
            std::fs::write(&cert, key.cert.pem()).unwrap();
            std::fs::write(&pem_key, key.signing_key.serialize_pem()).unwrap();
            ssl = format!("ssl = yes\nssl_cert = <{}\nssl_key = <{}\n", cert.display(), pem_key.display());
            ca_file = Some(cert);
        }
        let d = dir.display();
        let conf = format!(
            "base_dir = {d}/run\nstate_dir = {d}/state\nlog_path = {d}/dovecot.log\n\
             protocols = imap\nlisten = 127.0.0.1\n{ssl}\
             disable_plaintext_auth = no\nauth_mechanisms = plain login\n\
             first_valid_uid = {uid}\nfirst_valid_gid = {gid}\n\
             mail_location = maildir:{d}/mail/%n\n\
             passdb {{\n  driver = static\n  args = password={MAILBOX_PASSWORD}\n}}\n\
             userdb {{\n  driver = static\n  args = uid={uid} gid={gid} home={d}/home/%n\n}}\n\
             service imap-login {{\n  inet_listener imap {{\n    address = 127.0.0.1\n    port = {port}\n  }}\n  \
             inet_listener imaps {{\n    address = 127.0.0.1\n    port = {}\n  }}\n}}\n\
             service pop3-login {{\n  inet_listener pop3 {{\n    port = 0\n  }}\n}}\n",
            tls_port.unwrap_or(0)
        );
        let conf_path = dir.join("dovecot.conf");
        std::fs::write(&conf_path, conf).unwrap();
        let child = Command::new(DOVECOT)
            .arg("-F")
            .arg("-c")
            .arg(&conf_path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dovecot starts");
        let server = MailServer { dir, child, port, tls_port, ca_file };
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("dovecot did not listen on {port}: {}", server.log());
    }

    /// Dovecot's log, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("dovecot.log")).unwrap_or_default()
    }

    /// The intake's configuration for this server over plain IMAP, polled
    /// every second.
    pub fn config(&self, unknown: UnknownSenders) -> MailInConfig {
        MailInConfig {
            imap_host: Some("127.0.0.1".into()),
            imap_port: Some(self.port),
            imap_security: Security::Plain,
            imap_user: Some(MAILBOX_USER.into()),
            imap_password: Some(Secret(MAILBOX_PASSWORD.into())),
            imap_poll_seconds: 1,
            mail_unknown_senders: unknown,
            ..MailInConfig::default()
        }
    }

    fn account(&self) -> Account {
        Account {
            host: "127.0.0.1".into(),
            port: self.port,
            security: Security::Plain,
            user: MAILBOX_USER.into(),
            password: MAILBOX_PASSWORD.into(),
            tls: None,
        }
    }

    /// Delivers `raw` into INBOX as arrived at `arrived` (whole seconds).
    pub async fn deliver(&self, raw: &str, arrived: DateTime<Utc>) {
        let mut session = imap::sign_in(&self.account()).await.expect("test mailbox sign-in");
        let date = arrived.format("\"%d-%b-%Y %H:%M:%S +0000\"").to_string();
        session.append("INBOX", None, Some(&date), raw.replace('\n', "\r\n")).await.expect("APPEND");
        session.logout().await.unwrap();
    }

    /// Delivers every mail of `raws` in one session, arrived at `arrived`.
    pub async fn deliver_many(&self, raws: &[String], arrived: DateTime<Utc>) {
        let mut session = imap::sign_in(&self.account()).await.expect("test mailbox sign-in");
        let date = arrived.format("\"%d-%b-%Y %H:%M:%S +0000\"").to_string();
        for raw in raws {
            session.append("INBOX", None, Some(&date), raw.replace('\n', "\r\n")).await.expect("APPEND");
        }
        session.logout().await.unwrap();
    }

    /// Makes folder `name`.
    pub async fn create_folder(&self, name: &str) {
        let mut session = imap::sign_in(&self.account()).await.unwrap();
        session.create(name).await.unwrap();
        session.logout().await.unwrap();
    }

    /// How many mails folder `name` holds.
    pub async fn count_in(&self, name: &str) -> u32 {
        let mut session = imap::sign_in(&self.account()).await.unwrap();
        let exists = session.select(name).await.unwrap().exists;
        session.logout().await.unwrap();
        exists
    }

    /// UIDs in INBOX matching `search` (`UNSEEN`, `SEEN`, `ALL`).
    pub async fn uids(&self, search: &str) -> Vec<u32> {
        let mut session = imap::sign_in(&self.account()).await.unwrap();
        session.select("INBOX").await.unwrap();
        let mut uids: Vec<u32> = session.uid_search(search).await.unwrap().into_iter().collect();
        uids.sort_unstable();
        session.logout().await.unwrap();
        uids
    }

    /// Takes `\Seen` off every mail: as if the poller had committed and
    /// crashed before flagging.
    pub async fn unsee_all(&self) {
        use futures_util::TryStreamExt;
        let mut session = imap::sign_in(&self.account()).await.unwrap();
        session.select("INBOX").await.unwrap();
        let _: Vec<_> =
            session.uid_store("1:*", "-FLAGS.SILENT (\\Seen)").await.unwrap().try_collect().await.unwrap();
        session.logout().await.unwrap();
    }
}

impl Drop for MailServer {
    fn drop(&mut self) {
        // SIGTERM lets the master stop its own children.
        let _ = Command::new("kill").arg(self.child.id().to_string()).status();
        for _ in 0..50 {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
