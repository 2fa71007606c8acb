//! Builds the application: database, router, listener. Tests use the same
//! path with port 0 and a fresh database.

use crate::config::Config;
use app::store::{demo, Store, StoreError};
use app::{shell, App};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::future::Future;
use std::net::SocketAddr;
use thiserror::Error;
use tokio::net::TcpListener;

#[derive(Debug, Error)]
pub enum StartupError {
    #[error("cannot create the data directory {path}: {source}")]
    DataDir { path: String, source: std::io::Error },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Listen { addr: SocketAddr, source: std::io::Error },
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    pub store: Store,
}

impl Application {
    pub async fn build(config: &Config) -> Result<Application, StartupError> {
        let url = config.database_url();
        if url.starts_with("sqlite:") {
            std::fs::create_dir_all(&config.data_dir).map_err(|source| StartupError::DataDir {
                path: config.data_dir.display().to_string(),
                source,
            })?;
        }
        let store = Store::connect(&url).await?;
        if config.demo && demo::is_empty(&store).await? {
            demo::seed(&store, chrono::Utc::now()).await?;
            tracing::info!("seeded demo data");
        }
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
        let router = router(options, store.clone());
        Ok(Application { listener, router, store })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        axum::serve(self.listener, self.router.into_make_service()).with_graceful_shutdown(shutdown).await
    }
}

fn router(options: LeptosOptions, store: Store) -> Router {
    let routes = generate_route_list(App);
    Router::new()
        .leptos_routes_with_context(&options, routes, move || provide_context(store.clone()), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler(shell))
        .layer(axum::middleware::from_fn(crate::api_errors::caller_errors_are_4xx))
        .with_state(options)
}
