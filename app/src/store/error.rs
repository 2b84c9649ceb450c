//! Errors of the persistence layer. Database text stays here and in the logs; callers map
//! these to messages a user can read.

use sea_orm::{DbErr, SqlErr};

use crate::domain::{CardState, DomainError, MoveRefusal};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The thing asked for does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// The change collides with existing data (a duplicate, a stale version).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The card changed since the caller read it; this is its current state.
    #[error("the card was changed by someone else: it is now version {} in {}", .0.version, .0.stage)]
    Stale(CardState),
    /// Stored data or the requested change breaks a domain rule.
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// The workflow does not allow the requested move.
    #[error(transparent)]
    Move(#[from] MoveRefusal),
    /// The database URL or its location is unusable.
    #[error("{0}")]
    Config(String),
    /// The database could not be reached.
    #[error("cannot connect to the database: {0}")]
    Unavailable(String),
    /// The database gave up waiting (a lock held too long, a statement over its time).
    #[error("the database timed out: {0}")]
    TimedOut(String),
    /// Any other database failure.
    #[error("database error: {0}")]
    Db(#[source] DbErr),
}

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                StoreError::Conflict("it already exists".into())
            }
            _ if timed_out(&err) => StoreError::TimedOut(err.to_string()),
            _ if matches!(err, DbErr::ConnectionAcquire(_) | DbErr::Conn(_))
                || connection_lost(&err) =>
            {
                StoreError::Unavailable(err.to_string())
            }
            _ => StoreError::Db(err),
        }
    }
}

/// The connection to the database broke under the statement: the server went away (it
/// shut down, crashed or restarts: PostgreSQL's 57P01–57P03 and class 08), or the socket
/// failed.
fn connection_lost(err: &DbErr) -> bool {
    let text = err.to_string().to_ascii_lowercase();
    [
        "57p01",
        "57p02",
        "57p03",
        "08000",
        "08003",
        "08006",
        "terminating connection",
        "shutting down",
        "connection reset",
        "connection refused",
        "broken pipe",
        "unexpected end of file",
        "error communicating with database",
        "pool timed out",
        "pool closed",
    ]
    .iter()
    .any(|sign| text.contains(sign))
}

/// PostgreSQL's `lock_timeout` (55P03) and `statement_timeout` (57014).
fn timed_out(err: &DbErr) -> bool {
    let text = err.to_string();
    text.contains("55P03")
        || text.contains("57014")
        || text.contains("lock timeout")
        || text.contains("canceling statement due to statement timeout")
}

/// Refuses an edit of a `what` that names version `expected` when it is at `current`
/// (no version named: the edit applies to whatever is current).
pub fn check_version(what: &str, expected: Option<i64>, current: i64) -> Result<(), StoreError> {
    match expected {
        Some(expected) if expected != current => Err(StoreError::Conflict(format!(
            "someone else changed this {what} first; nothing was overwritten. It is now \
             version {current}: look at it as it is now, then try again."
        ))),
        _ => Ok(()),
    }
}
