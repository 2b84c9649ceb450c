//! Card and solution endpoints.

use axum::{Extension, Json};

use app::auth::Actor;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use app::api::dto::{CardPatchInput, CommentInput, MoveInput, NewCardInput, SolutionInput};
use app::domain::{CardDetail, Solution};
use app::service::cards::{self as service, parse_id};
use app::state::AppState;

use super::ApiError;
use super::json::{ApiJson, ApiPath};

pub fn solution_json(s: &Solution) -> Value {
    json!({
        "id": s.id,
        "title": s.title,
        "kind": s.kind,
        "summary": s.summary,
        "url": s.url,
        "landed_in": s.landed_in,
        "version": s.version,
    })
}

pub fn card_json(card: &CardDetail) -> Value {
    json!({
        "id": card.id,
        "title": card.title,
        "description": card.description,
        "tags": card.tags,
        "stage": card.stage,
        "version": card.version,
        "archived": card.archived,
        "created_at": card.created_at,
        "updated_at": card.updated_at,
        "solutions": card.solutions.iter().map(solution_json).collect::<Vec<_>>(),
        "adoptions": card.adoptions.iter().map(|a| json!({
            "id": a.id,
            "solution_id": a.solution_id,
            "company_id": a.company_id,
            "company_name": a.company_name,
            "status": a.status,
            "since": a.since,
            "evidence_url": a.evidence_url,
            "notes": a.notes,
            "version": a.version,
        })).collect::<Vec<_>>(),
        "comments": card.comments.iter().map(|c| json!({
            "id": c.id,
            "author": c.author,
            "body": c.body,
            "at": c.at,
        })).collect::<Vec<_>>(),
        "activity": card.activity.iter().map(|e| json!({
            "id": e.id,
            "at": e.at,
            "actor": e.actor,
            "kind": e.kind,
            "from": e.from_stage,
            "to": e.to_stage,
            "note": e.note,
            "workflow_version": e.workflow_version,
        })).collect::<Vec<_>>(),
    })
}

pub async fn create(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiJson(input): ApiJson<NewCardInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let card = service::create_card(&state.db, &input, &actor).await?;
    Ok((StatusCode::CREATED, Json(card_json(&card))))
}

pub async fn get(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Value>, ApiError> {
    let card = service::card_for(&state.db, parse_id(&id, "card")?, &actor).await?;
    Ok(Json(card_json(&card)))
}

pub async fn patch(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<CardPatchInput>,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id, "card")?;
    match service::patch_card(&state.db, id, &input, &actor).await? {
        Some(card) => Ok(Json(card_json(&card))),
        None => Ok(Json(json!({ "id": id, "archived": true }))),
    }
}

pub async fn move_card(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<MoveInput>,
) -> Result<Json<Value>, ApiError> {
    let card = service::move_card(&state.db, parse_id(&id, "card")?, &input, &actor).await?;
    Ok(Json(card_json(&card)))
}

pub async fn add_solution(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<SolutionInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let solution = service::add_solution(&state.db, parse_id(&id, "card")?, &input, &actor).await?;
    Ok((StatusCode::CREATED, Json(solution_json(&solution))))
}

pub async fn patch_solution(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<SolutionInput>,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id, "solution")?;
    let solution = service::update_solution(&state.db, id, &input, &actor).await?;
    Ok(Json(solution_json(&solution)))
}

pub async fn add_comment(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<CommentInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let comment = service::add_comment(&state.db, parse_id(&id, "card")?, &input, &actor).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": comment.id,
            "author": comment.author,
            "body": comment.body,
            "at": comment.at,
        })),
    ))
}
