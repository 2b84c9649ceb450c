//! Live updates: each process follows the change feed (`app::service::live`) and fans new
//! events out in memory to every open page's server-sent-event stream. On PostgreSQL the
//! process wakes on `LISTEN`/`NOTIFY`, so a change made through any process behind the
//! load balancer reaches pages connected to every other; on SQLite (one process) it looks
//! for new events every 100 ms.
//!
//! Streams are bounded: at most [`MAX_STREAMS`] at once and [`MAX_STREAMS_PER_CLIENT`]
//! per client (more are refused with 503), each lives at most its lifetime (then the
//! browser reconnects by itself and resumes with `Last-Event-ID`), and all of them end
//! when the server shuts down, so a shutdown never waits on open pages.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sea_orm::{DatabaseConnection, DbBackend};
use tokio::sync::{broadcast, watch};

use app::domain::BoardEvent;

/// How many events a slow page may fall behind before it is told to reload.
const BUFFER: usize = 1024;

/// The most event streams open at once in this process.
pub const MAX_STREAMS: usize = 2_000;
/// The most event streams one client may hold open (an office behind one address).
pub const MAX_STREAMS_PER_CLIENT: usize = 64;

/// The fan-out of new events to the streams of this process.
#[derive(Clone)]
pub struct LiveHub {
    sender: broadcast::Sender<BoardEvent>,
    closing: watch::Sender<bool>,
    open: Arc<Mutex<HashMap<String, usize>>>,
    /// How long one stream lives before the browser is made to reconnect.
    pub lifetime: Duration,
}

/// A stream's place among the open streams, given back when it ends.
pub struct Admission {
    open: Arc<Mutex<HashMap<String, usize>>>,
    client: String,
}

impl Drop for Admission {
    fn drop(&mut self) {
        if let Ok(mut open) = self.open.lock()
            && let Some(count) = open.get_mut(&self.client)
        {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.client);
            }
        }
    }
}

impl LiveHub {
    /// Starts following the change feed of `db` (whose URL is `database_url`).
    pub fn start(db: DatabaseConnection, database_url: String, lifetime: Duration) -> Self {
        let (sender, _) = broadcast::channel(BUFFER);
        tokio::spawn(follow(db, database_url, sender.clone()));
        let (closing, _) = watch::channel(false);
        Self {
            sender,
            closing,
            open: Arc::default(),
            lifetime,
        }
    }

    /// New events from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<BoardEvent> {
        self.sender.subscribe()
    }

    /// A place for one more stream of `client`, or `None` when the process or the client
    /// already holds as many as allowed.
    pub fn admit(&self, client: &str) -> Option<Admission> {
        let mut open = self.open.lock().ok()?;
        let total: usize = open.values().sum();
        let mine = open.get(client).copied().unwrap_or(0);
        if total >= MAX_STREAMS || mine >= MAX_STREAMS_PER_CLIENT {
            return None;
        }
        open.insert(client.to_owned(), mine + 1);
        Some(Admission {
            open: self.open.clone(),
            client: client.to_owned(),
        })
    }

    /// Resolves once the server starts shutting down.
    pub fn closing(&self) -> watch::Receiver<bool> {
        self.closing.subscribe()
    }

    /// Ends every stream: the server is shutting down.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }
}

/// Sends every event after `last` and moves `last` on.
async fn drain(db: &DatabaseConnection, last: &mut i64, sender: &broadcast::Sender<BoardEvent>) {
    loop {
        match app::service::live::since(db, *last, 500).await {
            Ok(events) if events.is_empty() => return,
            Ok(events) => {
                for event in events {
                    *last = event.id;
                    // No open page is not an error.
                    let _ = sender.send(event);
                }
            }
            Err(error) => {
                tracing::warn!(%error, "live updates: cannot read new events");
                return;
            }
        }
    }
}

async fn follow(
    db: DatabaseConnection,
    database_url: String,
    sender: broadcast::Sender<BoardEvent>,
) {
    let mut last = loop {
        match app::service::live::latest(&db).await {
            Ok(latest) => break latest,
            Err(error) => {
                tracing::warn!(%error, "live updates: cannot read the change feed; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    };
    if db.get_database_backend() != DbBackend::Postgres {
        loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            drain(&db, &mut last, &sender).await;
        }
    }
    loop {
        let mut listener = match sea_orm::sqlx::postgres::PgListener::connect(&database_url).await {
            Ok(listener) => listener,
            Err(error) => {
                tracing::warn!(%error, "live updates: cannot connect to listen; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if let Err(error) = listener.listen(app::service::live::CHANNEL).await {
            tracing::warn!(%error, "live updates: LISTEN failed; retrying");
            tokio::time::sleep(Duration::from_secs(1)).await;
            continue;
        }
        // Whatever happened while not listening.
        drain(&db, &mut last, &sender).await;
        loop {
            match tokio::time::timeout(Duration::from_secs(5), listener.recv()).await {
                // A notification, or a quiet spell (a safety net for a lost one).
                Ok(Ok(_)) | Err(_) => drain(&db, &mut last, &sender).await,
                Ok(Err(error)) => {
                    tracing::warn!(%error, "live updates: the listening connection failed; reconnecting");
                    break;
                }
            }
        }
    }
}
