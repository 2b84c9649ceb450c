//! The state shared by every request: the database pool and the Leptos options. Reaches
//! server functions through Leptos context and axum handlers through the router state.

use axum::extract::FromRef;
use leptos::prelude::{LeptosOptions, use_context};
use sea_orm::DatabaseConnection;

use crate::contract::AppError;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    pub sessions: crate::auth::session::SessionSettings,
    pub throttle: std::sync::Arc<crate::auth::throttle::Throttle>,
    /// The address people reach the site at (`ISPO_PUBLIC_URL`, no trailing slash), for
    /// links that leave the site: feeds, sitemaps, link previews.
    pub public_url: Option<String>,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`ISPO_TRUSTED_PROXIES`).
    pub trusted_proxies: crate::auth::client::TrustedProxies,
    /// The board as last built, until the next change.
    pub board_cache: std::sync::Arc<crate::service::board_cache::BoardCache>,
}

impl AppState {
    /// Who a request comes from, for throttling and the security log (see
    /// [`crate::auth::client`]).
    pub fn client_of(
        &self,
        peer: Option<std::net::IpAddr>,
        headers: &axum::http::HeaderMap,
    ) -> String {
        let Some(peer) = peer else {
            return "unknown".into();
        };
        let forwarded = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
        crate::auth::client::client_key(peer, forwarded, &self.trusted_proxies)
    }

    /// The site's base URL: the configured public URL, or else `http://` and the `Host`
    /// the request was sent to (when it looks like a host name).
    pub fn base_url(&self, host: Option<&str>) -> String {
        if let Some(url) = &self.public_url {
            return url.clone();
        }
        let host = host
            .filter(|h| {
                !h.is_empty()
                    && h.len() <= 255
                    && h.chars().all(|c| {
                        c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']')
                    })
            })
            .unwrap_or("localhost");
        format!("http://{host}")
    }
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
