//! Housekeeping run on a schedule: tables that only grow (ended sessions, settled
//! invitations, old change-feed events) are pruned.

use chrono::{Duration, Utc};

use crate::contract::AppError;
use crate::state::AppState;
use crate::store::{accounts, events};

/// Invitations used or expired this long ago are deleted.
const SETTLED_KEPT: Duration = Duration::days(30);
/// Change-feed events younger than this are kept.
const EVENTS_KEPT: Duration = Duration::days(7);
/// The newest events always kept, whatever their age (pages resume from them).
pub const EVENTS_ALWAYS_KEPT: i64 = 10_000;

/// What one pruning removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pruned {
    pub sessions_and_invitations: u64,
    pub events: u64,
}

/// Removes what nobody needs any more; safe to run at any time, on any process.
pub async fn prune(state: &AppState) -> Result<Pruned, AppError> {
    let now = Utc::now();
    let sessions_and_invitations = accounts::prune(
        &state.db,
        now,
        now - state.sessions.idle,
        now - SETTLED_KEPT,
    )
    .await?;
    let events = events::prune(&state.db, now - EVENTS_KEPT, EVENTS_ALWAYS_KEPT).await?;
    Ok(Pruned {
        sessions_and_invitations,
        events,
    })
}

/// Copies a live SQLite database to `target` (a new file) while it keeps serving, and
/// checks the copy's integrity; on PostgreSQL, says to use `pg_dump`.
pub async fn backup(
    db: &sea_orm::DatabaseConnection,
    target: &std::path::Path,
) -> Result<(), AppError> {
    crate::store::backup::sqlite_into(db, target).await?;
    Ok(())
}
