//! `GET /api/v1/search`: the public catalogue as JSON, with the same parameters and
//! meaning as the `/catalog` page.

use axum::Json;
use axum::extract::{RawQuery, State};
use serde_json::{Value, json};

use app::api::AppError;
use app::domain::{CatalogHit, CatalogQuery};
use app::state::AppState;

use super::ApiError;

/// A result as JSON; `url` is the solution's page.
pub fn hit_json(hit: &CatalogHit) -> Value {
    json!({
        "slug": hit.slug,
        "url": format!("/solutions/{}", hit.slug),
        "title": hit.title,
        "kind": hit.kind,
        "summary": hit.summary,
        "link": hit.url,
        "challenge": { "id": hit.card_id, "title": hit.challenge },
        "stage": hit.stage,
        "tags": hit.tags,
        "adopters": hit.adopters,
        "adopter_count": hit.adopter_count,
        "stage_since": hit.stage_since,
    })
}

/// Parameters: `q`, `kind`, `tag`, `audience`, `stage` (a stage key or `any`; default the
/// last stage), `min_companies`, `sort` (`relevance`, `adopted`, `newest`), `page`.
/// A value that cannot be read is a 400 naming it.
pub async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
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
    Ok(Json(json!({
        "query": query.to_query_string(),
        "terms": results.terms,
        "total": results.total,
        "page": results.page,
        "per_page": results.per_page,
        "pages": results.pages(),
        "results": results.hits.iter().map(hit_json).collect::<Vec<_>>(),
        "partial": results.partial,
        "elsewhere": results.elsewhere,
    })))
}
