//! `GET /api/v1/board` and `PATCH /api/v1/stages/{key}`.

use axum::{Extension, Json};

use app::auth::Actor;
use axum::extract::State;
use serde::Deserialize;
use serde_json::{Value, json};

use app::domain::{Board, Workflow};
use app::service;
use app::state::AppState;

use super::ApiError;
use super::json::{ApiJson, ApiPath};

pub fn workflow_json(workflow: &Workflow) -> Value {
    json!({
        "version": workflow.version,
        "stages": workflow.stages().iter().map(|s| json!({
            "key": s.key.as_str(),
            "name": s.name,
            "gate": s.gate,
            "gate_description": s.gate.as_ref().map(|g| g.describe()),
            "wip_limit": s.wip_limit,
        })).collect::<Vec<_>>(),
    })
}

fn board_json(board: &Board) -> Value {
    json!({
        "workflow": workflow_json(&board.workflow),
        "cards": board.cards.iter().map(|c| json!({
            "id": c.id,
            "title": c.title,
            "stage": c.stage,
            "tags": c.tags,
            "version": c.version,
            "solutions": c.solutions,
            "adoptions": c.adoptions,
            "companies": c.companies,
        })).collect::<Vec<_>>(),
    })
}

pub async fn board(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let board = service::cards::board(&state.db).await?;
    Ok(Json(board_json(&board)))
}

#[derive(Deserialize)]
pub struct StagePatch {
    wip_limit: Option<u32>,
}

pub async fn patch_stage(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(key): ApiPath<String>,
    ApiJson(patch): ApiJson<StagePatch>,
) -> Result<Json<Value>, ApiError> {
    let workflow = service::cards::set_wip_limit(&state.db, &key, patch.wip_limit, &actor).await?;
    Ok(Json(workflow_json(&workflow)))
}
