//! `POST /api/v1/session` signs in (sets the session cookie, 204); `DELETE` signs out.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;

use app::auth::{Actor, session};
use app::service::accounts;
use app::state::AppState;

use super::ApiError;
use super::json::ApiJson;

#[derive(Deserialize)]
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

/// `GET /api/v1/session`: who the caller is.
pub async fn me(Extension(actor): Extension<Actor>) -> Json<serde_json::Value> {
    Json(match actor.account {
        Some(a) => {
            json!({ "signed_in": true, "id": a.id, "email": a.email, "name": a.name, "role": a.role })
        }
        None => json!({ "signed_in": false }),
    })
}
