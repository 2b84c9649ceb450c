//! Server functions for the board.

use leptos::prelude::*;

use super::AppError;
use crate::domain::Board;

/// The workflow in force and every open card, in board order. Readable by anyone.
#[server]
pub async fn get_board() -> Result<Board, AppError> {
    let state = crate::state::app_state()?;
    let board = crate::service::board_cache::board(&state.db, &state.board_cache).await?;
    Ok(Board::clone(&board))
}
