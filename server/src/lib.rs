//! The ispo-board server: configuration, start-up (database, migrations, default
//! workflow) and the HTTP service. `launch` lets tests start the real server on port 0.

// Leptos view types nest deeply; the server renders them all.
#![recursion_limit = "512"]

pub mod config;
pub mod discovery;
pub mod live;
pub mod minutes;
pub mod page_cache;
pub mod progress;
pub mod rest;
pub mod routes;
pub mod security;
pub mod static_cache;
pub mod telemetry;

use std::net::SocketAddr;

use app::state::AppState;
use app::store::{self, StoreError};
use leptos::prelude::LeptosOptions;
use migrations::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

pub use config::Config;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Prepare(#[from] app::contract::AppError),
    #[error("could not update the database schema: {0}")]
    Migrate(String),
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: SocketAddr, reason: String },
    #[error("the server stopped: {0}")]
    Serve(String),
}

/// Connects to the database, applies pending migrations and stores the default workflow
/// if there is none.
pub async fn prepare_database(url: &str) -> Result<DatabaseConnection, StartError> {
    let db = store::connect(url).await?;
    Migrator::up(&db, None)
        .await
        .map_err(|e| StartError::Migrate(e.to_string()))?;
    app::service::startup::ensure_workflow(&db).await?;
    app::service::startup::ensure_index(&db).await?;
    Ok(db)
}

/// The Leptos options for this configuration, without reading `Cargo.toml`. The front
/// end's files carry content hashes in their names when the build wrote `hash.txt` beside
/// this binary (see `app::ui::assets`).
pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(config.output_name.clone())
        .site_root(config.site_root.clone())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .hash_files(app::ui::assets::hashes().is_some())
        .build()
}

/// The application state for a command-line action (no HTTP).
pub async fn cli_state(config: &Config) -> Result<AppState, StartError> {
    Ok(AppState {
        db: prepare_database(&config.database_url).await?,
        leptos_options: leptos_options(config),
        sessions: config.sessions.clone(),
        throttle: Default::default(),
        public_url: config.public_url.clone(),
        trusted_proxies: config.trusted_proxies.clone(),
        board_cache: Default::default(),
    })
}

/// A server bound to its address and ready to run.
pub struct Server {
    listener: TcpListener,
    app: axum::Router,
    live: live::LiveHub,
}

impl Server {
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.listener.local_addr().ok()
    }

    /// Serves until the process receives Ctrl-C or SIGTERM.
    pub async fn run_until_stopped(self) -> Result<(), StartError> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` resolves, then finishes the requests under way; open
    /// live-update streams end at once, so pages left open do not hold the shutdown up.
    pub async fn run_until(
        self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartError> {
        let live = self.live.clone();
        axum::serve(
            self.listener,
            self.app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            stop.await;
            live.close();
        })
        .await
        .map_err(|e| StartError::Serve(e.to_string()))
    }
}

/// Prepares the database and builds the service on an already bound listener.
pub async fn launch(config: &Config, listener: TcpListener) -> Result<Server, StartError> {
    let db = prepare_database(&config.database_url).await?;
    let state = AppState {
        db,
        leptos_options: leptos_options(config),
        sessions: config.sessions.clone(),
        throttle: Default::default(),
        public_url: config.public_url.clone(),
        trusted_proxies: config.trusted_proxies.clone(),
        board_cache: Default::default(),
    };
    let live = live::LiveHub::start(
        state.db.clone(),
        config.database_url.clone(),
        config.stream_lifetime,
    );
    tokio::spawn(prune_every_hour(state.clone()));
    Ok(Server {
        listener,
        app: routes::router(state.clone(), live.clone()),
        live,
    })
}

/// Prunes what only grows (ended sessions, settled invitations, old events) now and then
/// every hour, for as long as the server runs.
async fn prune_every_hour(state: AppState) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every.tick().await;
        match app::service::maintenance::prune(&state).await {
            Ok(pruned) => tracing::info!(
                sessions_and_invitations = pruned.sessions_and_invitations,
                events = pruned.events,
                "pruned"
            ),
            Err(error) => tracing::warn!(%error, "pruning failed; trying again in an hour"),
        }
    }
}

/// Binds the configured address.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, StartError> {
    TcpListener::bind(addr).await.map_err(|e| StartError::Bind {
        addr,
        reason: e.to_string(),
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
