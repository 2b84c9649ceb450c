//! Reads the whole board in a few queries: the workflow in force and an overview of every
//! open card, and the newest change it reflects.

use sea_orm::ConnectionTrait;

use super::{StoreError, cards, workflow};
use crate::domain::{Board, CardOverview};

/// The board as it stands: columns of the current workflow, open cards in board order.
pub async fn load(db: &impl ConnectionTrait) -> Result<Board, StoreError> {
    // Read first: every change up to this event is in what follows.
    let last_event = super::events::latest(db).await?;
    let current = workflow::current(db).await?;
    let rows = cards::list_open(db).await?;
    let ids: Vec<_> = rows.iter().map(|c| c.id).collect();
    let mut tags = cards::tags_of(db, &ids).await?;
    let mut evidence = cards::evidence_of(db, &ids).await?;
    let cards = rows
        .into_iter()
        .map(|row| {
            let ev = evidence.remove(&row.id).unwrap_or_default();
            CardOverview::new(
                row.id,
                row.title,
                row.stage_key,
                tags.remove(&row.id).unwrap_or_default(),
                row.version,
                &ev,
            )
        })
        .collect();
    Ok(Board {
        workflow: current.workflow,
        cards,
        last_event,
    })
}
