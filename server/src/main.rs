use clap::Parser;
use slaboard::{config::Config, startup::Application};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let config = Config::parse();
    let app = match Application::build(&config).await {
        Ok(app) => app,
        Err(e) => {
            eprintln!("slaboard: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    println!("SLA Board is running at http://{}", app.local_addr());
    if let Err(e) = app.run_until(shutdown_signal()).await {
        eprintln!("slaboard: {e}");
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}

/// Ctrl-C or SIGTERM: stop accepting, finish requests in flight, exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
