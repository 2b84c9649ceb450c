//! Company and adoption endpoints.

use axum::{Extension, Json};

use app::auth::Actor;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use app::api::dto::{AdoptionInput, CompanyInput};
use app::domain::Company;
use app::service::cards::parse_id;
use app::service::companies as service;
use app::state::AppState;

use super::ApiError;
use super::json::{ApiJson, ApiPath};

fn company_json(c: &Company) -> Value {
    json!({
        "id": c.id,
        "name": c.name,
        "public": c.public,
        "descriptor": c.descriptor,
        "version": c.version,
    })
}

pub async fn list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> Result<Json<Value>, ApiError> {
    let companies = service::list(&state.db, &actor).await?;
    Ok(Json(Value::Array(
        companies.iter().map(company_json).collect(),
    )))
}

pub async fn create(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiJson(input): ApiJson<CompanyInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let company = service::create(&state.db, &input, &actor).await?;
    Ok((StatusCode::CREATED, Json(company_json(&company))))
}

fn adoption_json(
    id: sea_orm::prelude::Uuid,
    solution_id: sea_orm::prelude::Uuid,
    input: &AdoptionInput,
    version: i64,
) -> Value {
    json!({
        "id": id,
        "solution_id": solution_id,
        "company_id": input.company_id,
        "status": input.status.trim(),
        "since": input.since.as_deref().map(str::trim).filter(|s| !s.is_empty()),
        "evidence_url": input.evidence_url.as_deref().map(str::trim).filter(|s| !s.is_empty()),
        "notes": input.notes.trim(),
        "version": version,
    })
}

pub async fn add_adoption(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<AdoptionInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let solution_id = parse_id(&id, "solution")?;
    let (adoption_id, _card) =
        service::add_adoption(&state.db, solution_id, &input, &actor).await?;
    Ok((
        StatusCode::CREATED,
        Json(adoption_json(adoption_id, solution_id, &input, 1)),
    ))
}

pub async fn patch_adoption(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<AdoptionInput>,
) -> Result<Json<Value>, ApiError> {
    let adoption_id = parse_id(&id, "adoption")?;
    let card_id = service::update_adoption(&state.db, adoption_id, &input, &actor).await?;
    let card = app::service::cards::card(&state.db, card_id).await?;
    let adoption = card
        .adoptions
        .iter()
        .find(|a| a.id == adoption_id)
        .ok_or_else(|| app::api::AppError::NotFound("adoption".into()))?;
    Ok(Json(adoption_json(
        adoption_id,
        adoption.solution_id,
        &input,
        adoption.version,
    )))
}

pub async fn patch(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<CompanyInput>,
) -> Result<Json<Value>, ApiError> {
    let company = service::update(&state.db, parse_id(&id, "company")?, &input, &actor).await?;
    Ok(Json(company_json(&company)))
}
