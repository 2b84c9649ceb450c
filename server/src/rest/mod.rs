//! The JSON API under `/api/v1`, for scripts and integrations. Handlers are thin: read the
//! request, call `app::service`, shape the answer. Errors are
//! `{"error": {"code", "message", …}}` with the matching status.

mod board;
mod cards;
mod catalog;
mod companies;
mod error;
mod events;
mod json;
mod session;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, patch, post};

use app::state::AppState;

pub use error::ApiError;

/// The largest request body the API reads; larger ones get 413.
pub const BODY_LIMIT: usize = 256 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/session",
            get(session::me)
                .post(session::login)
                .delete(session::logout),
        )
        .route("/board", get(board::board))
        .route("/stages/{key}", patch(board::patch_stage))
        .route("/cards", post(cards::create))
        .route("/cards/{id}", get(cards::get).patch(cards::patch))
        .route("/cards/{id}/move", post(cards::move_card))
        .route("/cards/{id}/solutions", post(cards::add_solution))
        .route("/cards/{id}/comments", post(cards::add_comment))
        .route("/events", get(events::stream))
        .route("/solutions/{id}", patch(cards::patch_solution))
        .route("/solutions/{id}/adoptions", post(companies::add_adoption))
        .route("/adoptions/{id}", patch(companies::patch_adoption))
        .route("/companies", get(companies::list).post(companies::create))
        .route("/companies/{id}", patch(companies::patch))
        .route("/search", get(catalog::search))
        .fallback(error::not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}
