//! Live updates: each process follows the change feed (`store::events`) and fans new
//! events out in memory to every open page's server-sent-event stream. On PostgreSQL the
//! process wakes on `LISTEN`/`NOTIFY`, so a change made through any process behind the
//! load balancer reaches pages connected to every other; on SQLite (one process) it looks
//! for new events every 100 ms.

use std::time::Duration;

use sea_orm::{DatabaseConnection, DbBackend};
use tokio::sync::broadcast;

use app::domain::BoardEvent;
use app::store;

/// How many events a slow page may fall behind before it is told to reload.
const BUFFER: usize = 1024;

/// The fan-out of new events to the streams of this process.
#[derive(Clone)]
pub struct LiveHub {
    sender: broadcast::Sender<BoardEvent>,
}

impl LiveHub {
    /// Starts following the change feed of `db` (whose URL is `database_url`).
    pub fn start(db: DatabaseConnection, database_url: String) -> Self {
        let (sender, _) = broadcast::channel(BUFFER);
        tokio::spawn(follow(db, database_url, sender.clone()));
        Self { sender }
    }

    /// New events from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<BoardEvent> {
        self.sender.subscribe()
    }
}

/// Sends every event after `last` and moves `last` on.
async fn drain(db: &DatabaseConnection, last: &mut i64, sender: &broadcast::Sender<BoardEvent>) {
    loop {
        match store::events::since(db, *last, 500).await {
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
        match store::events::latest(&db).await {
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
        if let Err(error) = listener.listen(store::events::CHANNEL).await {
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
