//! Builds the application: database, sessions, router, listener. Tests use
//! the same path with port 0 and a fresh database.

use crate::accounts::{self, AccountError, AdminSetup};
use crate::config::{Config, StorageKind};
use crate::live::stream::LiveState;
use crate::live::Hub;
use crate::mail::intake::MailIntake;
use crate::mail::MailConfig;
use crate::object_storage::S3Blobs;
use crate::security;
use crate::sessions::SessionStorage;
use app::auth::backend::AuthBackend;
use app::files::local::LocalDir;
use app::files::{BlobStore, Files};
use app::store::{demo, Store, StoreError};
use app::{shell, App};
use axum::http::header::{HeaderName, HeaderValue, CONTENT_SECURITY_POLICY};
use axum::serve::ListenerExt;
use axum::Router;
use axum_login::AuthManagerLayerBuilder;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes, ResponseOptions};
use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use thiserror::Error;
use tokio::net::TcpListener;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_sessions::cookie::{time, SameSite};
use tower_sessions::{ExpiredDeletion, Expiry, SessionManagerLayer};

/// How often expired sessions and sign-in counters are swept and overdue
/// releases archived (a release is archived within this of its 10th day).
const SWEEP_PERIOD: Duration = Duration::from_secs(10 * 60);

/// How long requests in flight may take to finish once shutdown began.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// How often passed SLA milestones are noted: an at-risk or breached event
/// is appended within this of its instant.
const SLA_PERIOD: Duration = Duration::from_secs(15);

#[derive(Debug, Error)]
pub enum StartupError {
    #[error("cannot create the data directory {path}: {source}")]
    DataDir { path: String, source: std::io::Error },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot open the session store: {0}")]
    Sessions(sqlx::Error),
    #[error("first administrator: {0}")]
    Admin(#[from] AccountError),
    #[error("--client-ip-header \"{0}\" is not a header name")]
    ClientIpHeader(String),
    #[error("cannot prepare password hashing: {0}")]
    Hashing(tokio::task::JoinError),
    #[error("cannot start the live event stream: {0}")]
    Live(StoreError),
    #[error(transparent)]
    Mail(#[from] crate::mail::MailConfigError),
    #[error(transparent)]
    MailIn(#[from] crate::mail::intake::MailInConfigError),
    #[error("cannot listen on {addr}: {source}")]
    Listen { addr: SocketAddr, source: std::io::Error },
    #[error("attachment storage: {0}")]
    Attachments(String),
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    sessions: SessionStorage,
    hub: Hub,
    mail: MailConfig,
    /// The mailbox tickets are taken from, when configured.
    mail_in: Option<MailIntake>,
    pub store: Store,
    /// Where attachments are stored, and their limit.
    pub files: Files,
    /// Whether an administrator exists, or was just created.
    pub admin: AdminSetup,
}

/// Connects to the database named by the configuration (creating the
/// SQLite data directory when needed) and applies migrations.
pub async fn connect_store(config: &Config) -> Result<Store, StartupError> {
    let url = config.database_url();
    if url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir).map_err(|source| StartupError::DataDir {
            path: config.data_dir.display().to_string(),
            source,
        })?;
    }
    Ok(Store::connect(&url).await?)
}

/// The attachment storage the configuration names: the `attachments`
/// directory of the data directory (never inside the site root, which is
/// served to anyone), or S3-compatible object storage, checked to answer.
/// Uploads are spooled in `attachments/incoming` of the data directory
/// either way.
pub async fn attachment_files(config: &Config) -> Result<Files, StartupError> {
    let root = config.data_dir.join("attachments");
    let spool = root.join("incoming");
    let blobs: Arc<dyn BlobStore> = match config.attachment_storage {
        StorageKind::Local => {
            let dir = LocalDir::open(root.clone())
                .map_err(|e| StartupError::Attachments(format!("cannot create {}: {e}", root.display())))?;
            if let (Ok(dir), Ok(site)) = (root.canonicalize(), config.site_root.canonicalize()) {
                if dir.starts_with(&site) {
                    return Err(StartupError::Attachments(format!(
                        "{} is inside the site root {}, which anyone may read: choose a --data-dir outside it",
                        dir.display(),
                        site.display()
                    )));
                }
            }
            Arc::new(dir)
        }
        StorageKind::S3 => {
            let s3 = S3Blobs::new(&config.s3).map_err(StartupError::Attachments)?;
            s3.check().await.map_err(StartupError::Attachments)?;
            Arc::new(s3)
        }
    };
    Ok(Files::new(blobs, spool, config.attachment_max_bytes()))
}

impl Application {
    pub async fn build(config: &Config) -> Result<Application, StartupError> {
        let client_ip_header = match &config.client_ip_header {
            Some(name) => Some(
                HeaderName::try_from(name.as_str())
                    .map_err(|_| StartupError::ClientIpHeader(name.clone()))?,
            ),
            None => None,
        };
        let store = connect_store(config).await?;
        let files = attachment_files(config).await?;
        tracing::info!(
            "attachments: {} (at most {} MiB each)",
            files.blobs.describe(),
            config.attachment_max_mb
        );
        if config.demo && demo::is_empty(&store).await? {
            demo::seed(&store, chrono::Utc::now()).await?;
            demo::confirm_emergencies(&store).await?;
            tracing::info!("seeded demo data");
        }
        let admin = accounts::ensure_admin(&store, config).await?;
        if let AdminSetup::Created(email) = &admin {
            tracing::info!("created the administrator {email}");
        }
        app::auth::password::warm_up().await.map_err(StartupError::Hashing)?;
        let sessions = SessionStorage::connect(&config.database_url(), store.backend)
            .await
            .map_err(StartupError::Sessions)?;
        let listener = TcpListener::bind(config.listen)
            .await
            .map_err(|source| StartupError::Listen { addr: config.listen, source })?;
        let addr =
            listener.local_addr().map_err(|source| StartupError::Listen { addr: config.listen, source })?;
        let options = LeptosOptions::builder()
            .output_name("slaboard")
            .site_root(config.site_root.display().to_string())
            .site_pkg_dir("pkg")
            .site_addr(addr)
            .build();
        let mail = MailConfig::from_config(config, addr)?;
        let mail_in = MailIntake::from_config(&config.mail_in, &mail.settings.domain)?
            .map(|m| m.keeping_files(files.clone()));
        let hub = Hub::start(store.clone(), &config.database_url()).await.map_err(StartupError::Live)?;
        let live = LiveState {
            hub: hub.clone(),
            sessions: sessions.clone(),
            backend: AuthBackend::new(store.clone()),
            recheck: Duration::from_secs(config.live_recheck_seconds),
            streams: Default::default(),
        };
        let delivery = app::mail::Delivery { smtp: mail.smtp.is_some() };
        let router = router(
            options,
            store.clone(),
            files.clone(),
            sessions.clone(),
            live,
            config,
            client_ip_header,
            delivery,
        );
        Ok(Application { listener, router, sessions, hub, mail, mail_in, store, files, admin })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    /// Serves until `shutdown` completes, then lets requests in flight
    /// finish. Expired sessions and sign-in counters are swept meanwhile,
    /// releases nobody answered in 10 days are archived, passed SLA
    /// milestones noted, and mail taken in when a mailbox is configured.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        let sweeper = tokio::spawn(sweep(self.store.clone(), self.sessions.clone(), self.files.clone()));
        let sla_watch = tokio::spawn(watch_sla(self.store.clone()));
        let planner = tokio::spawn(crate::mail::plan(self.store.clone(), self.mail.settings.clone()));
        let sender = self.mail.smtp.clone().map(|smtp| {
            tokio::spawn(crate::mail::smtp::send(self.store.clone(), smtp, self.mail.retry_base))
        });
        let poster = tokio::spawn(crate::second_line::post(
            self.store.clone(),
            self.mail.settings.clone(),
            self.mail.retry_base,
        ));
        let mail_in = self.mail_in.map(|intake| tokio::spawn(intake.run(self.store.clone())));
        // Live streams never end by themselves: end them when shutdown
        // starts, or the graceful shutdown would wait for them forever.
        let hub = self.hub.clone();
        let closing = hub.closing();
        let shutdown = async move {
            shutdown.await;
            hub.close();
        };
        // TCP_NODELAY: without it a small answer on a kept-alive connection
        // waited ~40 ms for the client's delayed ACK (Nagle's algorithm;
        // `wrk` on a CSS file: p50 44 ms, issue 14).
        let listener = self.listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::warn!("cannot set TCP_NODELAY: {e}");
            }
        });
        let serving = axum::serve(listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .into_future();
        // Requests in flight get SHUTDOWN_GRACE to finish once shutdown has
        // begun: a client that stopped reading cannot hold the exit.
        let deadline = async move {
            let mut closing = closing;
            let _ = closing.wait_for(|c| *c).await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        };
        let served = tokio::select! {
            served = serving => served,
            _ = deadline => {
                tracing::warn!("requests still open {SHUTDOWN_GRACE:?} after shutdown began; stopping anyway");
                Ok(())
            }
        };
        sweeper.abort();
        sla_watch.abort();
        planner.abort();
        poster.abort();
        if let Some(sender) = sender {
            sender.abort();
        }
        if let Some(mail_in) = mail_in {
            mail_in.abort();
        }
        self.hub.close();
        served
    }
}

/// Notes passed SLA milestones (at risk, breached) as events, once per
/// ticket and clock whatever the number of replicas; first computes the
/// milestones of tickets that have none (stored by an older release).
async fn watch_sla(store: Store) {
    let mut ticks = tokio::time::interval(SLA_PERIOD);
    loop {
        ticks.tick().await;
        let now = chrono::Utc::now();
        if let Err(e) = app::service::sla::backfill(&store, now, 500).await {
            tracing::warn!("cannot compute SLA milestones: {e}");
        }
        match app::service::sla::note_passed_milestones(&store, now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!("noted {n} passed SLA milestone(s)"),
            Err(e) => tracing::warn!("cannot note passed SLA milestones: {e}"),
        }
        match app::service::escalations::note_overdue(&store, now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!("noted {n} overdue escalation(s)"),
            Err(e) => tracing::warn!("cannot note overdue escalations: {e}"),
        }
    }
}

async fn sweep(store: Store, sessions: SessionStorage, files: Files) {
    let mut ticks = tokio::time::interval(SWEEP_PERIOD);
    loop {
        ticks.tick().await;
        if let Err(e) = sessions.delete_expired().await {
            tracing::warn!("cannot delete expired sessions: {e}");
        }
        if let Err(e) = app::auth::throttle::purge(&store, chrono::Utc::now().timestamp()).await {
            tracing::warn!("cannot purge sign-in counters: {e}");
        }
        // Ticket pages say they are open every 15 s; ten minutes of silence
        // is long gone.
        if let Err(e) = app::store::presence::purge(&store, chrono::Utc::now().timestamp() - 600).await {
            tracing::warn!("cannot purge ticket presence: {e}");
        }
        match app::service::auto_archive::archive_unanswered_releases(&store, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!("archived {n} release(s) nobody answered in 10 days"),
            Err(e) => tracing::warn!("cannot archive unanswered releases: {e}"),
        }
        match app::service::attachments::sweep(&store, &files, chrono::Utc::now()).await {
            Ok(swept) if swept == Default::default() => {}
            Ok(swept) => tracing::info!(
                "removed {} upload(s) nobody sent within a day and {} interrupted upload(s)",
                swept.expired,
                swept.spooled
            ),
            Err(e) => tracing::warn!("cannot sweep attachments: {e}"),
        }
    }
}

/// The application's routes, worked out once per process.
///
/// Working them out renders the app with resource loading switched off
/// through a flag that is global to the process (`leptos_server`'s
/// `SuppressResourceLoad`): a page rendering at that moment on another
/// `Application` in the same process (the test suite runs many) would wait
/// for its data forever. Doing it once, before anything serves, leaves no
/// such moment.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

// Each argument is one part of the application the routes serve; a struct
// of them would only rename these lines.
#[allow(clippy::too_many_arguments)]
fn router(
    options: LeptosOptions,
    store: Store,
    files: Files,
    sessions: SessionStorage,
    live: LiveState,
    config: &Config,
    client_ip_header: Option<HeaderName>,
    delivery: app::mail::Delivery,
) -> Router {
    let routes = route_list();
    let backend = AuthBackend::new(store.clone());
    // Every page gets a CSP naming the nonce Leptos put on its inline scripts.
    let wip_limits = config.wip_limits.clone();
    let attachment_routes = crate::attachments::routes(crate::attachments::AttachmentRoutes {
        store: store.clone(),
        files: files.clone(),
    });
    let context = move || {
        provide_context(store.clone());
        provide_context(files.clone());
        provide_context(wip_limits.clone());
        provide_context(delivery);
        if let (Some(nonce), Some(res)) = (use_nonce(), use_context::<ResponseOptions>()) {
            if let Ok(csp) = HeaderValue::from_str(&security::content_security_policy(Some(&nonce))) {
                res.insert_header(CONTENT_SECURITY_POLICY, csp);
            }
        }
    };
    let session_layer = SessionManagerLayer::new(sessions)
        // `__Host-` binds the cookie to this host over HTTPS, path `/`.
        .with_name(if config.secure_cookies { "__Host-slaboard_session" } else { "slaboard_session" })
        .with_secure(config.secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(i64::from(config.session_idle_minutes))))
        // Saved when it changes; `session_touch` renews it once a minute,
        // which keeps the expiry an idle timeout without a write per request.
        .with_always_save(false);
    let auth_layer = AuthManagerLayerBuilder::new(backend, session_layer).build();
    let live_routes = Router::new()
        .route(app::live::PATH, axum::routing::get(crate::live::stream::events))
        .with_state(live);
    Router::new()
        .merge(live_routes)
        .merge(attachment_routes)
        .nest_service(&format!("/{}", options.site_pkg_dir), crate::static_files::pkg_service(&options))
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(context, shell))
        .layer(axum::middleware::from_fn(crate::request_body::check_body))
        // Inside the auth layer, which loads the session's user first.
        .layer(axum::middleware::from_fn(crate::api_session::require_session))
        // Inside the session layer, which puts the session in the request.
        .layer(axum::middleware::from_fn(crate::session_touch::touch))
        .layer(auth_layer)
        .layer(axum::middleware::from_fn_with_state(
            security::own_scheme(config),
            security::refuse_cross_site,
        ))
        .layer(axum::middleware::from_fn_with_state(client_ip_header, security::record_client_ip))
        .layer(axum::middleware::from_fn_with_state(config.secure_cookies, security::security_headers))
        // Pages and API answers compressed on the fly, at the fastest level:
        // a board's JSON shrinks about tenfold for little CPU. The defaults
        // leave out the live event stream (it must not be buffered), images
        // and bodies that are already compressed (the precompressed /pkg).
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .with_state(options)
}
