//! Persistence: sea-orm entities and one repository module per aggregate. Every function
//! takes a connection (or a transaction) and returns domain types. Server only.
//!
//! Repositories are leaves: none calls another. What they share — the tags, evidence,
//! companies and comments of cards — is read by [`load`], which imports no repository.
//! What follows a change (its activity entry, the catalogue refresh, the live event) is not
//! done here but by the service layer's one after-change step, in the change's transaction.
//! This root holds only connecting, transactions and the card lock.

pub mod accounts;
pub mod activity;
pub mod adoptions;
pub mod aliases;
pub mod backup;
pub mod cards;
pub mod catalog;
pub mod comments;
pub mod companies;
pub mod dump;
pub mod entities;
pub mod error;
pub mod events;
pub mod load;
pub mod meetings;
pub mod settings;
pub mod solutions;
pub mod sources;
pub mod workflow;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use tokio::sync::{Mutex, OwnedMutexGuard};

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

pub use error::{StoreError, check_version};

/// Which database a URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Recognises `sqlite:` and `postgres://` (or `postgresql://`) URLs.
    pub fn of_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }
}

/// The file a SQLite URL names, if it names one (not `:memory:`).
pub fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() || path.starts_with(":memory:") {
        None
    } else {
        Some(path)
    }
}

/// Opens a connection pool. SQLite databases are created if missing (with their folder),
/// in WAL mode with foreign keys on and a busy timeout, so that readers never wait for
/// writers and writers queue instead of failing.
pub async fn connect(url: &str) -> Result<DatabaseConnection, StoreError> {
    let backend = Backend::of_url(url).ok_or_else(|| {
        StoreError::Config(
            "DATABASE_URL must start with sqlite: (e.g. sqlite://data/ispo-board.db) \
             or postgres:// (e.g. postgres://user@host:5432/ispo)"
                .into(),
        )
    })?;
    if backend == Backend::Sqlite
        && let Some(file) = sqlite_file(url)
        && let Some(dir) = std::path::Path::new(file).parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir).map_err(|e| {
            StoreError::Config(format!("cannot create the folder {}: {e}", dir.display()))
        })?;
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        // Every statement in the log (at `sqlx::query=info`) with `ISPO_LOG_STATEMENTS=1`,
        // for profiling the write path; off otherwise.
        .sqlx_logging(std::env::var_os("ISPO_LOG_STATEMENTS").is_some_and(|v| v == "1"))
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    if backend == Backend::Postgres {
        // A stalled writer must not stall every other: waits for a lock and single
        // statements are bounded, and the request fails with a clear error instead.
        options.max_connections(20).map_sqlx_postgres_opts(|o| {
            o.options([("lock_timeout", "5s"), ("statement_timeout", "20s")])
        });
    } else {
        options.max_connections(8);
    }
    Database::connect(options)
        .await
        .map_err(|e| StoreError::Unavailable(e.to_string()))
}

/// A write transaction. On SQLite it also holds this process's turn to write (see
/// [`begin_write`]) until it is committed or dropped. It dereferences to the transaction.
pub struct WriteTxn {
    // Declared first so it is dropped (rolled back) before the turn passes on.
    txn: DatabaseTransaction,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl std::ops::Deref for WriteTxn {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

impl WriteTxn {
    /// Commits; the turn to write passes to the next writer in line.
    pub async fn commit(self) -> Result<(), sea_orm::DbErr> {
        self.txn.commit().await
    }
}

/// How long a writer waits in line for its turn before the write fails as timed out
/// (the same as SQLite's busy timeout).
const WRITE_TURN_WAIT: Duration = Duration::from_secs(10);

/// The line of writers of each SQLite database file in this process.
fn write_line(db: &DatabaseConnection) -> Arc<Mutex<()>> {
    static LINES: OnceLock<std::sync::Mutex<HashMap<PathBuf, Arc<Mutex<()>>>>> = OnceLock::new();
    let file = db
        .get_sqlite_connection_pool()
        .connect_options()
        .get_filename()
        .to_path_buf();
    let lines = LINES.get_or_init(Default::default);
    let mut lines = match lines.lock() {
        Ok(lines) => lines,
        Err(poisoned) => poisoned.into_inner(),
    };
    lines.entry(file).or_default().clone()
}

/// Starts a transaction that will write.
///
/// On SQLite, one writer at a time holds the write lock. Writers of this process first
/// queue for their turn, first come first served (a fair async mutex), and only then
/// `BEGIN IMMEDIATE`: left to SQLite's busy handler, waiting writers retry with growing
/// sleeps, so some waited a second while later ones went first. Writers of other
/// processes (the command line) still meet on the busy timeout, never on "database is
/// locked". On PostgreSQL writers do not queue here; row locks and the move lock order
/// them.
pub async fn begin_write(db: &DatabaseConnection) -> Result<WriteTxn, StoreError> {
    let sqlite = db.get_database_backend() == DbBackend::Sqlite;
    let turn = if sqlite {
        let line = write_line(db);
        match tokio::time::timeout(WRITE_TURN_WAIT, line.lock_owned()).await {
            Ok(turn) => Some(turn),
            Err(_) => {
                return Err(StoreError::TimedOut(
                    "waited 10 seconds in line to write".into(),
                ));
            }
        }
    } else {
        None
    };
    let options = TransactionOptions {
        sqlite_transaction_mode: sqlite.then_some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    };
    Ok(WriteTxn {
        txn: db.begin_with_options(options).await?,
        _turn: turn,
    })
}

/// Locks a card's row until the transaction ends. Every write that reads or changes a
/// card's gate evidence (a move, a solution or adoption added or edited) takes it first,
/// so a gate is never judged on evidence that an unfinished edit is taking away. On SQLite
/// writers are one at a time already (`BEGIN IMMEDIATE`); on PostgreSQL this is
/// `SELECT … FOR UPDATE`.
pub async fn lock_card(db: &impl ConnectionTrait, card_id: uuid::Uuid) -> Result<(), StoreError> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_raw(sea_orm::Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT id FROM cards WHERE id = $1 FOR UPDATE",
            [card_id.into()],
        ))
        .await?;
    }
    Ok(())
}

/// Checks that the database answers a trivial query.
pub async fn ping(db: &DatabaseConnection) -> Result<(), StoreError> {
    db.execute_unprepared("SELECT 1").await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_files_are_found_in_urls() {
        assert_eq!(
            sqlite_file("sqlite://data/ispo-board.db?mode=rwc"),
            Some("data/ispo-board.db")
        );
        assert_eq!(sqlite_file("sqlite:/tmp/x.db"), Some("/tmp/x.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://x"), None);
        assert_eq!(Backend::of_url("mysql://x"), None);
        assert_eq!(
            Backend::of_url("postgresql://u@h/db"),
            Some(Backend::Postgres)
        );
    }
}
