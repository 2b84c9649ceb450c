//! The board as last built, shared by every request until the next change. The board is
//! the same for every viewer (what a viewer may do or see is decided when it is shown), so
//! one copy serves all. It is keyed by the newest event: every write publishes one in its
//! own transaction, and events commit in the order of their numbers, so a board built
//! after reading event `n` holds every change up to `n`, and a request that still finds
//! `n` the newest may use it. One small query (the newest event's number) replaces the
//! board's five.

use std::sync::{Arc, Mutex};

use sea_orm::ConnectionTrait;

use crate::contract::AppError;
use crate::domain::Board;
use crate::store;

/// The newest board built, if any.
#[derive(Default)]
pub struct BoardCache {
    held: Mutex<Option<Arc<Board>>>,
}

impl BoardCache {
    fn held(&self) -> Option<Arc<Board>> {
        match self.held.lock() {
            Ok(held) => held.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Keeps `board` unless a board of a newer change is held already.
    fn keep(&self, board: &Arc<Board>) {
        let mut held = match self.held.lock() {
            Ok(held) => held,
            Err(poisoned) => poisoned.into_inner(),
        };
        if held
            .as_ref()
            .is_none_or(|old| old.last_event <= board.last_event)
        {
            *held = Some(board.clone());
        }
    }
}

/// The board as it stands: the held one when no change came since, else built afresh.
pub async fn board(db: &impl ConnectionTrait, cache: &BoardCache) -> Result<Arc<Board>, AppError> {
    let newest = newest_event(db).await?;
    if let Some(board) = cache.held()
        && board.last_event == newest
    {
        return Ok(board);
    }
    let board = Arc::new(super::cards::board(db).await?);
    cache.keep(&board);
    Ok(board)
}

/// The number of the newest change: what anything built from the board is keyed by.
pub async fn newest_event(db: &impl ConnectionTrait) -> Result<i64, AppError> {
    Ok(store::events::latest(db).await?)
}
