use clap::Parser;
use slaboard::accounts::{self, AdminSetup, NO_ADMIN_HELP};
use slaboard::backup;
use slaboard::config::{Cli, Command};
use slaboard::startup::{connect_store, Application};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    slaboard::memory::return_large_blocks();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let cli = Cli::parse();
    let outcome = match cli.command {
        None => serve(&cli.config).await,
        Some(Command::User(command)) => match connect_store(&cli.config).await {
            Ok(store) => {
                accounts::run(&store, command).await.map(|done| println!("{done}")).map_err(|e| e.to_string())
            }
            Err(e) => Err(e.to_string()),
        },
        Some(Command::Backup { to }) => {
            backup::backup(&cli.config, &to).await.map(|done| println!("{done}")).map_err(|e| e.to_string())
        }
        Some(Command::Restore { from }) => backup::restore(&cli.config, &from)
            .await
            .map(|done| println!("{done}"))
            .map_err(|e| e.to_string()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("slaboard: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: &slaboard::config::Config) -> Result<(), String> {
    let app = Application::build(config).await.map_err(|e| e.to_string())?;
    if app.admin == AdminSetup::Missing {
        eprintln!("{NO_ADMIN_HELP}");
    }
    println!("SLA Board is running at http://{}", app.local_addr());
    app.run_until(shutdown_signal()).await.map_err(|e| e.to_string())
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
