//! The change feed. [`publish`] runs inside the transaction of the change it reports, so
//! an event exists exactly when its change committed. On PostgreSQL writers take a short
//! lock so that events commit in the order of their numbers, and each commit sends a
//! `NOTIFY` on [`CHANNEL`] that every process listens to.

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement,
};
use uuid::Uuid;

use super::StoreError;
use super::entities::event;
use crate::domain::{BoardEvent, ChangeKind};

/// The PostgreSQL notification channel; the payload is the new event's number.
pub const CHANNEL: &str = "ispo_board_events";

/// Records that `kind` happened to `card_id` or in `meeting_id` (if any), by `actor`.
pub async fn publish(
    db: &impl ConnectionTrait,
    kind: ChangeKind,
    card_id: Option<Uuid>,
    meeting_id: Option<Uuid>,
    actor: Option<&str>,
) -> Result<(), StoreError> {
    let postgres = db.get_database_backend() == DbBackend::Postgres;
    if postgres {
        // Held to the end of the transaction: numbers are handed out in commit order, so
        // a reader that saw event n never later finds an n - 1 it missed.
        db.execute_unprepared("SELECT pg_advisory_xact_lock(7306)")
            .await?;
    }
    let inserted = event::Entity::insert(event::ActiveModel {
        kind: Set(kind.key().to_owned()),
        card_id: Set(card_id),
        meeting_id: Set(meeting_id),
        actor: Set(actor.map(str::to_owned)),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    if postgres {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [CHANNEL.into(), inserted.last_insert_id.to_string().into()],
        ))
        .await?;
    }
    Ok(())
}

/// The event as pages hear it; a kind this version does not know (written by a newer
/// one) is nothing a page could act on, and is left out.
fn to_domain(row: event::Model) -> Option<BoardEvent> {
    Some(BoardEvent {
        id: i64::from(row.id),
        kind: ChangeKind::parse(&row.kind).ok()?,
        card_id: row.card_id,
        meeting_id: row.meeting_id,
        actor: row.actor,
        at: row.created_at,
    })
}

/// Events after number `after`, oldest first, at most `limit`.
pub async fn since(
    db: &impl ConnectionTrait,
    after: i64,
    limit: u64,
) -> Result<Vec<BoardEvent>, StoreError> {
    let after = i32::try_from(after).unwrap_or(i32::MAX);
    Ok(event::Entity::find()
        .filter(event::Column::Id.gt(after))
        .order_by_asc(event::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .filter_map(to_domain)
        .collect())
}

/// Deletes events older than `before`, always keeping the newest `keep` (pages resume from
/// recent ones; one further behind is told to reload). Returns how many went.
pub async fn prune(
    db: &impl ConnectionTrait,
    before: chrono::DateTime<chrono::Utc>,
    keep: i64,
) -> Result<u64, StoreError> {
    let newest = latest(db).await?;
    let floor = i32::try_from(newest.saturating_sub(keep)).unwrap_or(i32::MAX);
    let result = event::Entity::delete_many()
        .filter(event::Column::CreatedAt.lt(before))
        .filter(event::Column::Id.lte(floor))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// The number of the newest event, 0 when there is none.
pub async fn latest(db: &impl ConnectionTrait) -> Result<i64, StoreError> {
    Ok(event::Entity::find()
        .order_by_desc(event::Column::Id)
        .one(db)
        .await?
        .map_or(0, |e| i64::from(e.id)))
}
