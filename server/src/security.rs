//! Request middleware for security: who is calling (session cookie or bearer token),
//! refusal of cross-site state-changing requests, and security headers on every response.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::api::AppError;
use app::auth::{Actor, Via, secret, session};
use app::state::AppState;
use app::store::accounts;

use crate::rest::ApiError;

fn bearer_token(req: &Request) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))?;
    Some(token.trim().to_owned())
}

fn session_secret(req: &Request) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(session::secret_from_cookie_header)
        .map(str::to_owned)
}

/// Resolves the caller once per request and stores the [`Actor`] in its extensions. A
/// bearer token that is unknown or revoked is refused at once (401).
pub async fn identify(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    // Static files of the front end need nobody's identity: spare them the database.
    if req.uri().path().starts_with("/pkg/") {
        req.extensions_mut().insert(Actor::anonymous());
        return next.run(req).await;
    }
    let actor = if let Some(token) = bearer_token(&req) {
        match accounts::token_account(&state.db, &secret::digest(&token)).await {
            Ok(Some(account)) => Actor {
                account: Some(account),
                via: Via::Bearer,
            },
            Ok(None) => {
                return ApiError(AppError::Forbidden(
                    "the API token is unknown or has been revoked".into(),
                ))
                .into_response_with_status(401);
            }
            Err(err) => return ApiError(AppError::from(err)).into_response(),
        }
    } else if let Some(secret_value) = session_secret(&req) {
        match session::resolve(&state.db, &state.sessions, &secret_value).await {
            Ok(Some(account)) => Actor {
                account: Some(account),
                via: Via::Session(secret::digest(&secret_value)),
            },
            Ok(None) => Actor::anonymous(),
            Err(err) => return ApiError(AppError::from(err)).into_response(),
        }
    } else {
        Actor::anonymous()
    };
    req.extensions_mut().insert(actor);
    next.run(req).await
}

/// The `host[:port]` of an absolute URL.
fn authority(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    rest.split(['/', '?', '#']).next()
}

/// Refuses state-changing browser requests whose `Origin` (or, lacking it, `Referer`) is
/// not this site. Bearer-token requests carry no ambient credentials and are exempt;
/// requests with neither header come from non-browser clients, which cannot be forged
/// by a third-party page.
pub async fn refuse_cross_site(req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let bearer = req
        .extensions()
        .get::<Actor>()
        .is_some_and(|a| a.via == Via::Bearer);
    if safe || bearer {
        return next.run(req).await;
    }
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let source = req
        .headers()
        .get(header::ORIGIN)
        .or_else(|| req.headers().get(header::REFERER))
        .map(|v| v.to_str().unwrap_or("null"));
    match source {
        None => next.run(req).await,
        Some(origin) if !host.is_empty() && authority(origin) == Some(host) => next.run(req).await,
        Some(_) => {
            tracing::warn!(method = %req.method(), path = %req.uri().path(), "refused a cross-site request");
            ApiError(AppError::Forbidden(
                "cross-site request refused: changes must come from this site's own pages".into(),
            ))
            .into_response()
        }
    }
}

/// The policy for responses that are not pages (pages send their own, with a nonce).
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Adds security headers to every response.
pub async fn headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DEFAULT_CSP),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::authority;

    #[test]
    fn authorities_come_from_absolute_urls() {
        assert_eq!(authority("http://127.0.0.1:3000"), Some("127.0.0.1:3000"));
        assert_eq!(
            authority("https://board.example.org/cards/1"),
            Some("board.example.org")
        );
        assert_eq!(authority("null"), None);
    }
}
