//! The JSON API under `/api/v1`, for scripts and integrations. Handlers are thin: read the
//! request, call `app::service`, answer a wire type ([`wire`]). Errors are
//! `{"error": {"code", "message", …}}` with the matching status.
//!
//! Every route is registered through [`OpenApiRouter`] from its handler's `#[utoipa::path]`,
//! so a route cannot exist without its entry in the OpenAPI 3.1 document served at
//! `GET /api/v1/openapi.json`.

mod board;
mod cards;
mod catalog;
mod companies;
mod error;
mod events;
mod export;
mod json;
mod session;
pub mod wire;
mod workflow;

use std::sync::OnceLock;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::response::IntoResponse;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{OpenApi, Paths};
use utoipa::{Modify, OpenApi as _};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use app::state::AppState;

pub use error::ApiError;

/// The largest request body the API reads; larger ones get 413.
pub const BODY_LIMIT: usize = 256 * 1024;

/// Where the API is mounted; the document's paths start with it.
pub const PREFIX: &str = "/api/v1";

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "ispo-board API",
        description = "The JSON API of ispo-board, the Kanban tracker of the InnerSource Commons ISPO working group. Reading is open to anyone; changes need a session cookie (POST /api/v1/session) or an API token (`Authorization: Bearer …`, made on the account page).",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
    ),
    modifiers(&Security),
    tags(
        (name = "board", description = "The board and its workflow"),
        (name = "cards", description = "Challenge cards, their solutions and comments"),
        (name = "companies", description = "Companies and their adoptions of solutions"),
        (name = "catalogue", description = "Search of the solutions"),
        (name = "session", description = "Signing in and out"),
        (name = "live", description = "The change feed"),
        (name = "meta", description = "This document"),
    ),
)]
struct ApiDoc;

/// The two ways to be signed in.
struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                app::auth::session::COOKIE,
                "The session cookie set by POST /api/v1/session (`__Host-ispo_session` on https)",
            ))),
        );
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API token made on the account page"))
                    .build(),
            ),
        );
    }
}

/// Every route with its documentation.
fn documented() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(session::me, session::login, session::logout))
        .routes(routes!(board::board))
        .routes(routes!(board::patch_stage))
        .routes(routes!(workflow::get, workflow::put))
        .routes(routes!(workflow::versions))
        .routes(routes!(cards::create))
        .routes(routes!(cards::get, cards::patch))
        .routes(routes!(cards::move_card))
        .routes(routes!(cards::park))
        .routes(routes!(cards::unpark))
        .routes(routes!(cards::add_solution))
        .routes(routes!(cards::add_comment))
        .routes(routes!(cards::patch_solution))
        .routes(routes!(companies::add_adoption))
        .routes(routes!(companies::patch_adoption))
        .routes(routes!(companies::list, companies::create))
        .routes(routes!(companies::patch))
        .routes(routes!(catalog::search))
        .routes(routes!(events::stream))
        .routes(routes!(export::export))
        .routes(routes!(openapi_json))
}

/// The API's router, to be mounted at [`PREFIX`].
pub fn router() -> Router<AppState> {
    let (router, _) = documented().split_for_parts();
    router
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

/// The OpenAPI 3.1 document of the API, its paths starting with [`PREFIX`].
pub fn openapi() -> OpenApi {
    let (_, mut doc) = documented().split_for_parts();
    let mut paths = Paths::new();
    for (path, item) in std::mem::take(&mut doc.paths.paths) {
        paths.paths.insert(format!("{PREFIX}{path}"), item);
    }
    doc.paths = paths;
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc
}

/// This document, as JSON.
#[utoipa::path(get, operation_id = "openapi", path = "/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", content_type = "application/json")))]
async fn openapi_json() -> impl IntoResponse {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    let body = DOCUMENT.get_or_init(|| openapi().to_pretty_json().unwrap_or_default());
    ([(header::CONTENT_TYPE, "application/json")], body.clone())
}
