//! Company and adoption endpoints.

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};

use app::auth::Actor;
use app::contract::input::{AdoptionInput, CompanyInput};
use app::domain::{AdoptionId, CompanyId, SolutionId};
use app::service::companies as service;
use app::state::AppState;

use super::ApiError;
use super::json::{ApiJson, ApiPath};
use super::wire::{AdoptionWire, CompanyWire, ErrorBody};

/// Every company, by name. Visitors who are not signed in see a company that may not be
/// named by its descriptor, with a nil id.
#[utoipa::path(get, operation_id = "list_companies", path = "/companies", tag = "companies",
    responses((status = 200, description = "The companies", body = Vec<CompanyWire>)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> Result<Json<Vec<CompanyWire>>, ApiError> {
    let companies = service::list(&state.db, &actor).await?;
    Ok(Json(companies.iter().map(CompanyWire::from).collect()))
}

/// Records a company (admins); a name already used, in any case, is a conflict.
#[utoipa::path(post, operation_id = "create_company", path = "/companies", tag = "companies", request_body = CompanyInput,
    responses(
        (status = 201, description = "The company as stored", body = CompanyWire),
        (status = "4XX", description = "Not signed in, not an admin, invalid, or the name is taken", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiJson(input): ApiJson<CompanyInput>,
) -> Result<(StatusCode, Json<CompanyWire>), ApiError> {
    let company = service::create(&state.db, &input, &actor).await?;
    Ok((StatusCode::CREATED, Json(CompanyWire::from(&company))))
}

/// Changes a company (admins), based on the version read (if named).
#[utoipa::path(patch, operation_id = "patch_company", path = "/companies/{id}", tag = "companies", request_body = CompanyInput,
    params(("id" = Uuid, Path, description = "The company's id")),
    responses(
        (status = 200, description = "The company as stored", body = CompanyWire),
        (status = "4XX", description = "Not signed in, not an admin, not found, invalid or stale", body = ErrorBody),
    ))]
pub async fn patch(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<CompanyInput>,
) -> Result<Json<CompanyWire>, ApiError> {
    let company = service::update(&state.db, CompanyId::parse(&id)?, &input, &actor).await?;
    Ok(Json(CompanyWire::from(&company)))
}

/// Records that a company uses a solution.
#[utoipa::path(post, operation_id = "add_adoption", path = "/solutions/{id}/adoptions", tag = "companies", request_body = AdoptionInput,
    params(("id" = Uuid, Path, description = "The solution's id")),
    responses(
        (status = 201, description = "The adoption as stored (as its card shows it)", body = AdoptionWire),
        (status = "4XX", description = "Not signed in, not allowed, not found, invalid, or adopted already", body = ErrorBody),
    ))]
pub async fn add_adoption(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<AdoptionInput>,
) -> Result<(StatusCode, Json<AdoptionWire>), ApiError> {
    let solution_id = SolutionId::parse(&id)?;
    let (adoption_id, _card) =
        service::add_adoption(&state.db, solution_id, &input, &actor).await?;
    let stored = service::adoption(&state.db, adoption_id, &actor).await?;
    Ok((StatusCode::CREATED, Json(AdoptionWire::new(&stored, true))))
}

/// Changes an adoption's status, date, evidence and notes, based on the version read (if
/// named).
#[utoipa::path(patch, operation_id = "patch_adoption", path = "/adoptions/{id}", tag = "companies", request_body = AdoptionInput,
    params(("id" = Uuid, Path, description = "The adoption's id")),
    responses(
        (status = 200, description = "The adoption as stored (as its card shows it)", body = AdoptionWire),
        (status = "4XX", description = "Not signed in, not allowed, not found, invalid or stale", body = ErrorBody),
    ))]
pub async fn patch_adoption(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<AdoptionInput>,
) -> Result<Json<AdoptionWire>, ApiError> {
    let adoption_id = AdoptionId::parse(&id)?;
    service::update_adoption(&state.db, adoption_id, &input, &actor).await?;
    let stored = service::adoption(&state.db, adoption_id, &actor).await?;
    Ok(Json(AdoptionWire::new(&stored, true)))
}
