//! The state shared by every request: the database pool and the Leptos options. Reaches
//! server functions through Leptos context and axum handlers through the router state.

use axum::extract::FromRef;
use leptos::prelude::{LeptosOptions, use_context};
use sea_orm::DatabaseConnection;

use crate::api::AppError;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    pub sessions: crate::auth::session::SessionSettings,
    pub throttle: std::sync::Arc<crate::auth::throttle::Throttle>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The application state from the Leptos context, or an internal error (logged) when a
/// server function runs without it.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("the application state is missing from the request context");
        AppError::Internal
    })
}
