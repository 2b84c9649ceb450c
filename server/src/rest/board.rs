//! `GET /api/v1/board` and `PATCH /api/v1/stages/{key}`.

use axum::extract::State;
use axum::{Extension, Json};
use serde::Deserialize;
use utoipa::ToSchema;

use app::auth::Actor;
use app::service;
use app::state::AppState;

use super::ApiError;
use super::json::{ApiJson, ApiPath};
use super::wire::{BoardWire, ErrorBody, WorkflowWire};

/// The board: the workflow in force and every open card, in board order.
#[utoipa::path(get, operation_id = "get_board", path = "/board", tag = "board",
    responses((status = 200, description = "The board", body = BoardWire)))]
pub async fn board(State(state): State<AppState>) -> Result<Json<BoardWire>, ApiError> {
    let board = service::board_cache::board(&state.db, &state.board_cache).await?;
    Ok(Json(BoardWire::from(&*board)))
}

/// A change to a stage.
#[derive(Debug, Deserialize, ToSchema)]
pub struct StagePatch {
    /// The most cards the stage may hold; null for no limit.
    wip_limit: Option<u32>,
}

/// Sets or clears a stage's WIP limit (admins): a new workflow version, announced to open
/// pages.
#[utoipa::path(patch, operation_id = "patch_stage", path = "/stages/{key}", tag = "board", request_body = StagePatch,
    params(("key" = String, Path, description = "The stage's key")),
    responses(
        (status = 200, description = "The new workflow", body = WorkflowWire),
        (status = "4XX", description = "Not signed in, not an admin, no such stage, or a limit of 0", body = ErrorBody),
    ))]
pub async fn patch_stage(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(key): ApiPath<String>,
    ApiJson(patch): ApiJson<StagePatch>,
) -> Result<Json<WorkflowWire>, ApiError> {
    let workflow =
        service::workflow::set_wip_limit(&state.db, &key, patch.wip_limit, &actor).await?;
    Ok(Json(WorkflowWire::from(&workflow)))
}
