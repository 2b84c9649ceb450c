//! The HTTP router: the health endpoint, the icon, server functions, pages and static
//! files.

use axum::{
    Json, Router,
    extract::State,
    http::{StatusCode, header},
    middleware,
    response::IntoResponse,
    routing::get,
};
use leptos::prelude::provide_context;
use std::sync::OnceLock;

use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use serde_json::json;
use tower_http::{compression::CompressionLayer, trace::TraceLayer};

use app::state::AppState;
use app::{App, shell};

/// Builds the application's router.
pub fn router(state: AppState, live: crate::live::LiveHub) -> Router {
    let routes = page_routes();
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .route("/feed.atom", get(crate::discovery::feed))
        .route("/sitemap.xml", get(crate::discovery::sitemap))
        .route("/robots.txt", get(crate::discovery::robots))
        .route("/favicon.ico", get(favicon_ico))
        .route("/favicon.svg", get(favicon_svg))
        .route("/follow.js", get(follow_script))
        .route("/meetings/{id}/minutes.md", get(crate::minutes::download))
        .nest_service(
            "/pkg",
            crate::static_cache::pkg_files(&options.site_root, &options.site_pkg_dir),
        )
        .nest(
            "/api/v1",
            crate::rest::router().layer(axum::Extension(live)),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(
            (state.clone(), crate::page_cache::PageCache::default()),
            crate::page_cache::board_page,
        ))
        .layer(middleware::from_fn(crate::static_cache::cache_headers))
        .layer(middleware::from_fn(crate::security::server_fn_status))
        .layer(middleware::from_fn(crate::security::time_limit))
        .layer(middleware::from_fn(crate::security::refuse_cross_site))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::security::identify,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::security::headers,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The page routes, worked out once per process.
///
/// Working them out renders the app once with data loading suppressed by a flag that
/// leptos_server keeps for the whole process: a page whose data starts loading in that
/// window, in another server of the same process, waits forever (leptos issue 4773). That
/// is how one page request in about eight runs of the HTTP tests, which start many
/// servers in one process, hung until the request time limit. Worked out once, before
/// the first server serves, the window never overlaps a request.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The site's icon, built into the binary: browsers ask for `/favicon.ico` on every page.
const FAVICON_ICO: &[u8] = include_bytes!("../assets/favicon.ico");
const FAVICON_SVG: &[u8] = include_bytes!("../assets/favicon.svg");

async fn favicon_ico() -> impl IntoResponse {
    icon("image/x-icon", FAVICON_ICO)
}

async fn favicon_svg() -> impl IntoResponse {
    icon("image/svg+xml", FAVICON_SVG)
}

fn icon(content_type: &'static str, body: &'static [u8]) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
}

/// The script of followed documents (a card's page, a meeting's page): kept for good when
/// asked for under its current version (pages name it so), revalidated otherwise.
async fn follow_script(uri: axum::http::Uri) -> impl IntoResponse {
    let cache = if app::ui::follow::is_current(uri.query()) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, cache),
        ],
        app::ui::follow::SCRIPT,
    )
}

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match app::service::startup::ping(&state.db).await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({ "status": "ok", "database": "reachable" })),
        ),
        Err(err) => {
            tracing::warn!(error = %err, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": "unreachable" })),
            )
        }
    }
}
