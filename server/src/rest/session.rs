//! `POST /api/v1/session` signs in (sets the session cookie, 204); `DELETE` signs out.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use utoipa::ToSchema;

use app::auth::{Actor, session};
use app::service::accounts;
use app::state::AppState;

use super::ApiError;
use super::json::ApiJson;
use super::wire::{ErrorBody, SessionWire};

/// An email address and its password.
#[derive(Deserialize, ToSchema)]
pub struct Credentials {
    email: String,
    password: String,
}

fn with_cookie(status: StatusCode, cookie: &str) -> Response {
    let mut response = status.into_response();
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// Signs in: sets the session cookie. Five failures for one account or client are
/// followed by 429 until the wait ends.
#[utoipa::path(post, operation_id = "sign_in", path = "/session", tag = "session", request_body = Credentials,
    responses(
        (status = 204, description = "Signed in; the session cookie is set"),
        (status = 401, description = "The email address or the password is not right", body = ErrorBody),
        (status = 429, description = "Too many failed sign-ins: wait", body = ErrorBody),
        (status = "4XX", description = "A body that cannot be read", body = ErrorBody),
    ))]
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(credentials): ApiJson<Credentials>,
) -> Result<Response, ApiError> {
    let client = state.client_of(Some(peer.ip()), &headers);
    let (_, secret) =
        accounts::login(&state, &credentials.email, &credentials.password, &client).await?;
    Ok(with_cookie(
        StatusCode::NO_CONTENT,
        &session::set_cookie(&state.sessions, &secret),
    ))
}

/// Signs out: ends the session and clears the cookie.
#[utoipa::path(delete, operation_id = "sign_out", path = "/session", tag = "session",
    responses((status = 204, description = "Signed out")))]
pub async fn logout(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> Result<Response, ApiError> {
    accounts::logout(&state, &actor).await?;
    Ok(with_cookie(
        StatusCode::NO_CONTENT,
        &session::clear_cookie(&state.sessions),
    ))
}

/// Who the caller is.
#[utoipa::path(get, operation_id = "get_session", path = "/session", tag = "session",
    responses((status = 200, description = "The caller", body = SessionWire)))]
pub async fn me(Extension(actor): Extension<Actor>) -> Json<SessionWire> {
    Json(SessionWire::new(actor.account.as_ref()))
}
