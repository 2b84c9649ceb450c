//! `GET /api/v1/workflow`, `PUT /api/v1/workflow` and `GET /api/v1/workflow/versions`.

use axum::extract::State;
use axum::{Extension, Json};

use app::auth::Actor;
use app::contract::AppError;
use app::domain::{Gate, Stage, StageKey, workflow_edit::STAGES_MAX};
use app::service::workflow::{self as service, WorkflowEdit};
use app::state::AppState;

use super::ApiError;
use super::json::ApiJson;
use super::wire::{
    ErrorBody, WorkflowPutWire, WorkflowSavedWire, WorkflowVersionWire, WorkflowWire,
};

/// The workflow in force: its version and stages in board order, each with its gate and
/// WIP limit.
#[utoipa::path(get, operation_id = "get_workflow", path = "/workflow", tag = "board",
    responses((status = 200, description = "The workflow in force", body = WorkflowWire)))]
pub async fn get(State(state): State<AppState>) -> Result<Json<WorkflowWire>, ApiError> {
    let workflow = service::current(&state.db).await?;
    Ok(Json(WorkflowWire::from(&workflow)))
}

/// Every version of the workflow, newest first: who saved it, when, why, its stages and
/// how it differs from the version before.
#[utoipa::path(get, operation_id = "list_workflow_versions", path = "/workflow/versions", tag = "board",
    responses((status = 200, description = "The versions, newest first", body = Vec<WorkflowVersionWire>)))]
pub async fn versions(
    State(state): State<AppState>,
) -> Result<Json<Vec<WorkflowVersionWire>>, ApiError> {
    let versions = service::versions(&state.db).await?;
    Ok(Json(
        versions.iter().map(WorkflowVersionWire::from).collect(),
    ))
}

/// The stages of an edit, their keys checked.
fn stages_of(put: &WorkflowPutWire) -> Result<Vec<Stage>, AppError> {
    if put.stages.len() > STAGES_MAX {
        return Err(AppError::Validation(format!(
            "a workflow has at most {STAGES_MAX} stages"
        )));
    }
    put.stages
        .iter()
        .map(|s| {
            Ok(Stage {
                key: stage_key(&s.key)?,
                name: s.name.clone(),
                description: s.description.clone(),
                gate: s.gate.as_ref().map(Gate::from),
                wip_limit: s.wip_limit,
            })
        })
        .collect()
}

fn stage_key(raw: &str) -> Result<StageKey, AppError> {
    StageKey::parse(raw).map_err(|_| {
        AppError::Validation(format!(
            "\"{raw}\" is not a stage key: use lower-case letters, digits and _ (at most 40)"
        ))
    })
}

/// Saves an edited workflow as a new version (admins). Stages keep their cards by key;
/// the cards of a removed stage move where `relocate` says, each move recorded in the
/// card's activity; cards left short of their stage's new gate stay, listed in `unmet`.
#[utoipa::path(put, operation_id = "put_workflow", path = "/workflow", tag = "board", request_body = WorkflowPutWire,
    responses(
        (status = 200, description = "The new version and what it did", body = WorkflowSavedWire),
        (status = 409, description = "Another version took the place of the one edited; `current_workflow` is the one in force", body = ErrorBody),
        (status = 422, description = "A workflow that cannot work, or a removed stage's cards with nowhere to go", body = ErrorBody),
        (status = "4XX", description = "Not signed in (401) or not an admin (403)", body = ErrorBody),
    ))]
pub async fn put(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiJson(put): ApiJson<WorkflowPutWire>,
) -> Result<Json<WorkflowSavedWire>, ApiError> {
    actor.require(app::domain::Permission::Administer)?;
    let relocate = put
        .relocate
        .iter()
        .map(|(from, to)| Ok((stage_key(from)?, stage_key(to)?)))
        .collect::<Result<_, AppError>>()?;
    let edit = WorkflowEdit {
        version: put.version,
        stages: stages_of(&put)?,
        note: put.note.clone(),
        relocate,
        stale_after_days: put.stale_after_days,
    };
    let outcome = service::save(&state.db, &actor, edit).await?;
    Ok(Json(WorkflowSavedWire::from(&outcome)))
}
