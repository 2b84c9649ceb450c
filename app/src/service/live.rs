//! The change feed as servers read it: events after a number, and the newest number.

use sea_orm::DatabaseConnection;

use crate::contract::AppError;
use crate::domain::BoardEvent;
use crate::store;

/// The PostgreSQL notification channel every commit of an event notifies.
pub const CHANNEL: &str = store::events::CHANNEL;

/// Events after number `after`, oldest first, at most `limit`.
pub async fn since(
    db: &DatabaseConnection,
    after: i64,
    limit: u64,
) -> Result<Vec<BoardEvent>, AppError> {
    Ok(store::events::since(db, after, limit).await?)
}

/// The number of the newest event, 0 when there is none.
pub async fn latest(db: &DatabaseConnection) -> Result<i64, AppError> {
    Ok(store::events::latest(db).await?)
}
