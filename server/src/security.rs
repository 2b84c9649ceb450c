//! Request middleware for security: who is calling (session cookie or bearer token),
//! refusal of cross-site state-changing requests, security headers on every response, and
//! the true status of server-function errors.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::auth::{Actor, Via, secret, session};
use app::contract::AppError;
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

fn session_secret(req: &Request, settings: &session::SessionSettings) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| session::secret_from_cookie_header(settings, h))
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
    } else if let Some(secret_value) = session_secret(&req, &state.sessions) {
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

/// Server functions answer every error with 500. Give each the status its error names
/// (422 for a refused move or bad input, 409 for a conflict, 404, 403…), as the JSON API
/// does, so that browsers and logs tell a refusal from a failure. The body is unchanged.
pub async fn server_fn_status(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let server_fn =
        req.method() == Method::POST && path.starts_with("/api/") && !path.starts_with("/api/v1/");
    let mut response = next.run(req).await;
    if !server_fn {
        return response;
    }
    // Without WebAssembly an error comes back as a redirect to the page with the error in
    // its address; a page that failed before already carries one: keep only the newest.
    if response.status().is_redirection()
        && let Some(location) = response
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .map(keep_last_error)
        && let Ok(value) = HeaderValue::from_str(&location)
    {
        response.headers_mut().insert(header::LOCATION, value);
    }
    if response.status() != axum::http::StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes)
        && let Ok(status) = axum::http::StatusCode::from_u16(error.status())
    {
        parts.status = status;
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// `location` with only its last `__path` and `__err` parameters (the error that
/// brought the browser back), others kept as they were.
fn keep_last_error(location: &str) -> String {
    let Some((path, query)) = location.split_once('?') else {
        return location.to_owned();
    };
    let pairs: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    let is_error = |p: &&str| p.starts_with("__path=") || p.starts_with("__err=");
    let mut kept: Vec<&str> = pairs.iter().filter(|p| !is_error(p)).copied().collect();
    for name in ["__path=", "__err="] {
        if let Some(last) = pairs.iter().rev().find(|p| p.starts_with(name)) {
            kept.push(last);
        }
    }
    if kept.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

/// The longest a request may take to be answered before it is given up with a 503.
pub const REQUEST_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(30);

/// Gives up on a request that takes longer than [`REQUEST_TIME_LIMIT`] (a stalled
/// database, a lock held too long) with a clear 503 instead of leaving the client waiting.
/// The live-update stream is meant to stay open and is exempt.
pub async fn time_limit(req: Request, next: Next) -> Response {
    if req.uri().path() == "/api/v1/events" {
        return next.run(req).await;
    }
    let (method, path) = (req.method().clone(), req.uri().path().to_owned());
    match tokio::time::timeout(REQUEST_TIME_LIMIT, next.run(req)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::error!(%method, path, "a request took too long and was given up");
            ApiError(AppError::Busy(
                "the server took too long to answer; try again in a moment".into(),
            ))
            .into_response()
        }
    }
}

/// The policy for responses that are not pages (pages send their own, with a nonce).
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Adds security headers to every response; over https (see `Config`) also HSTS, so
/// browsers never fall back to http.
pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    if state.sessions.secure_cookies {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
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
    fn only_the_newest_error_stays_in_the_address() {
        assert_eq!(
            super::keep_last_error("/login?__path=a&__err=1&__path=b&__err=2"),
            "/login?__path=b&__err=2"
        );
        assert_eq!(
            super::keep_last_error("/?q=kpi&__path=a&__err=1"),
            "/?q=kpi&__path=a&__err=1"
        );
        assert_eq!(super::keep_last_error("/cards/1"), "/cards/1");
    }

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
