//! Card, solution and comment endpoints.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::{Extension, Json};

use app::auth::Actor;
use app::contract::input::{
    CardPatchInput, CommentInput, MoveInput, NewCardInput, ParkInput, SolutionInput,
};
use app::domain::{CardId, History, SolutionId};
use app::service::cards as service;
use app::state::AppState;

use serde::Deserialize;
use utoipa::IntoParams;

use super::ApiError;
use super::json::{ApiJson, ApiPath};
use super::wire::{ArchivedWire, CardOrArchived, CardWire, CommentWire, ErrorBody, SolutionWire};

/// Creates a challenge card in the first stage.
#[utoipa::path(post, operation_id = "create_card", path = "/cards", tag = "cards", request_body = NewCardInput,
    responses(
        (status = 201, description = "The card as stored", body = CardWire),
        (status = "4XX", description = "Not signed in, not allowed, or invalid", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiJson(input): ApiJson<NewCardInput>,
) -> Result<(StatusCode, Json<CardWire>), ApiError> {
    let card = service::create_card(&state.db, &input, &actor).await?;
    Ok((StatusCode::CREATED, Json(CardWire::new(&card, true))))
}

/// Which part of a card's history its answer holds.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// `all`: every activity entry and comment; otherwise the newest 50 of each.
    history: Option<String>,
}

/// A card with its solutions, adoptions, comments and activity (the newest 50 comments
/// and activity entries, with how many there are in all; `?history=all` for every one).
/// Visitors who are not signed in see companies that may not be named by their
/// descriptor, no comments, no gate evidence and no public flags.
#[utoipa::path(get, operation_id = "get_card", path = "/cards/{id}", tag = "cards",
    params(("id" = Uuid, Path, description = "The card's id"), HistoryQuery),
    responses(
        (status = 200, description = "The card", body = CardWire),
        (status = 404, description = "No such card", body = ErrorBody),
    ))]
pub async fn get(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    Query(query): Query<HistoryQuery>,
) -> Result<Json<CardWire>, ApiError> {
    let history = History::parse(query.history.as_deref());
    let card = service::card_for(&state.db, CardId::parse(&id)?, &actor, history).await?;
    Ok(Json(CardWire::new(&card, actor.account.is_some())))
}

/// Edits a card (absent fields stay) and/or archives it, based on the version read.
#[utoipa::path(patch, operation_id = "patch_card", path = "/cards/{id}", tag = "cards", request_body = CardPatchInput,
    params(("id" = Uuid, Path, description = "The card's id")),
    responses(
        (status = 200, description = "The card as stored, or that it was archived",
            body = CardOrArchived),
        (status = 409, description = "Changed by someone else since that version", body = ErrorBody),
        (status = "4XX", description = "Not signed in, not allowed, not found or invalid", body = ErrorBody),
    ))]
pub async fn patch(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<CardPatchInput>,
) -> Result<Json<CardOrArchived>, ApiError> {
    let id = CardId::parse(&id)?;
    Ok(Json(
        match service::patch_card(&state.db, id, &input, &actor).await? {
            Some(card) => CardOrArchived::Card(Box::new(CardWire::new(&card, true))),
            None => CardOrArchived::Archived(ArchivedWire {
                id: id.uuid(),
                archived: true,
            }),
        },
    ))
}

/// Moves a card to another stage if its gates are met and the stage has room.
#[utoipa::path(post, operation_id = "move_card", path = "/cards/{id}/move", tag = "cards", request_body = MoveInput,
    params(("id" = Uuid, Path, description = "The card's id")),
    responses(
        (status = 200, description = "The card after the move", body = CardWire),
        (status = 409, description = "Changed by someone else since that version", body = ErrorBody),
        (status = 422, description = "A gate is not met (`missing` says what), the stage is full, or an override without a reason", body = ErrorBody),
        (status = "4XX", description = "Not signed in, not allowed (an override by a non-admin is 403), or not found", body = ErrorBody),
    ))]
pub async fn move_card(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<MoveInput>,
) -> Result<Json<CardWire>, ApiError> {
    let card = service::move_card(&state.db, CardId::parse(&id)?, &input, &actor).await?;
    Ok(Json(CardWire::new(&card, true)))
}

/// Parks a card: it stays on the board, off the meeting agenda and the stale list, until
/// taken up again. `reason` is `blocked`, `waiting` or `out_of_scope`.
#[utoipa::path(post, operation_id = "park_card", path = "/cards/{id}/park", tag = "cards", request_body = ParkInput,
    params(("id" = Uuid, Path, description = "The card's id")),
    responses(
        (status = 200, description = "The card, parked", body = CardWire),
        (status = 409, description = "Changed by someone else since that version", body = ErrorBody),
        (status = "4XX", description = "Not signed in, not found, already parked, or an unknown reason", body = ErrorBody),
    ))]
pub async fn park(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<ParkInput>,
) -> Result<Json<CardWire>, ApiError> {
    let card = service::park_card(&state.db, CardId::parse(&id)?, &input, &actor).await?;
    Ok(Json(CardWire::new(&card, true)))
}

/// Takes a parked card up again (only `version` is read from the body).
#[utoipa::path(post, operation_id = "unpark_card", path = "/cards/{id}/unpark", tag = "cards", request_body = ParkInput,
    params(("id" = Uuid, Path, description = "The card's id")),
    responses(
        (status = 200, description = "The card, no longer parked", body = CardWire),
        (status = 409, description = "Changed by someone else since that version", body = ErrorBody),
        (status = "4XX", description = "Not signed in, not found, or not parked", body = ErrorBody),
    ))]
pub async fn unpark(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<ParkInput>,
) -> Result<Json<CardWire>, ApiError> {
    let card = service::unpark_card(&state.db, CardId::parse(&id)?, input.version, &actor).await?;
    Ok(Json(CardWire::new(&card, true)))
}

/// Adds a solution to a card.
#[utoipa::path(post, operation_id = "add_solution", path = "/cards/{id}/solutions", tag = "cards", request_body = SolutionInput,
    params(("id" = Uuid, Path, description = "The card's id")),
    responses(
        (status = 201, description = "The solution as stored", body = SolutionWire),
        (status = "4XX", description = "Not signed in, not allowed, not found or invalid", body = ErrorBody),
    ))]
pub async fn add_solution(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<SolutionInput>,
) -> Result<(StatusCode, Json<SolutionWire>), ApiError> {
    let solution = service::add_solution(&state.db, CardId::parse(&id)?, &input, &actor).await?;
    Ok((StatusCode::CREATED, Json(SolutionWire::from(&solution))))
}

/// Changes a solution, based on the version read (if named).
#[utoipa::path(patch, operation_id = "patch_solution", path = "/solutions/{id}", tag = "cards", request_body = SolutionInput,
    params(("id" = Uuid, Path, description = "The solution's id")),
    responses(
        (status = 200, description = "The solution as stored", body = SolutionWire),
        (status = 409, description = "Changed by someone else since that version", body = ErrorBody),
        (status = "4XX", description = "Not signed in, not allowed, not found or invalid", body = ErrorBody),
    ))]
pub async fn patch_solution(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<SolutionInput>,
) -> Result<Json<SolutionWire>, ApiError> {
    let id = SolutionId::parse(&id)?;
    let solution = service::update_solution(&state.db, id, &input, &actor).await?;
    Ok(Json(SolutionWire::from(&solution)))
}

/// Adds the caller's comment (Markdown) to a card.
#[utoipa::path(post, operation_id = "add_comment", path = "/cards/{id}/comments", tag = "cards", request_body = CommentInput,
    params(("id" = Uuid, Path, description = "The card's id")),
    responses(
        (status = 201, description = "The comment as stored", body = CommentWire),
        (status = "4XX", description = "Not signed in, not allowed, not found or empty", body = ErrorBody),
    ))]
pub async fn add_comment(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<CommentInput>,
) -> Result<(StatusCode, Json<CommentWire>), ApiError> {
    let comment = service::add_comment(&state.db, CardId::parse(&id)?, &input, &actor).await?;
    Ok((StatusCode::CREATED, Json(CommentWire::from(&comment))))
}
