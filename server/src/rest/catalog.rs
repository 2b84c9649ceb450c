//! `GET /api/v1/search`: the public catalogue as JSON, with the same parameters and
//! meaning as the `/catalog` page.

use axum::Json;
use axum::extract::{RawQuery, State};

use app::contract::AppError;
use app::domain::CatalogQuery;
use app::state::AppState;

use super::ApiError;
use super::wire::{ErrorBody, SearchWire};

/// Searches the catalogue. A value that cannot be read is a 400 naming it.
#[utoipa::path(get, operation_id = "search", path = "/search", tag = "catalogue",
    params(
        ("q" = Option<String>, Query, description = "Words to find; every word must match (stemmed, prefixes)"),
        ("kind" = Option<String>, Query, description = "A solution kind: article, video, tool, training, pattern, talk, template, other"),
        ("tag" = Option<String>, Query, description = "A tag the challenge carries"),
        ("audience" = Option<String>, Query, description = "senior-leaders, managers, engineers or ispo-staff"),
        ("stage" = Option<String>, Query, description = "A stage key, or `any`; the last stage when absent"),
        ("min_companies" = Option<u32>, Query, description = "The fewest distinct adopting companies"),
        ("sort" = Option<String>, Query, description = "relevance (default), adopted or newest"),
        ("page" = Option<u32>, Query, description = "From 1; 20 results a page"),
    ),
    responses(
        (status = 200, description = "One page of results", body = SearchWire),
        (status = 400, description = "A parameter cannot be read", body = ErrorBody),
    ))]
pub async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SearchWire>, ApiError> {
    let (query, errors) = CatalogQuery::from_query_string(raw.as_deref().unwrap_or(""));
    if !errors.is_empty() {
        let message = errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ");
        return Err(AppError::BadRequest(message).into());
    }
    let (results, _) = app::service::catalog::search(&state.db, &query).await?;
    Ok(Json(SearchWire::new(&query, &results)))
}
