//! Errors of the JSON API: every failure becomes `{"error": {"code", "message"}}` with the
//! right status, plus what is missing for a refused move and the current state for a
//! conflict.

use axum::Json;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};

use app::contract::AppError;

use super::wire::{ErrorBody, ErrorWire};

/// An [`AppError`] on its way out of the JSON API.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        Self(err)
    }
}

/// An id in the path that names nothing (or a rule broken by input) is refused like any
/// other [`AppError`].
impl From<app::domain::DomainError> for ApiError {
    fn from(err: app::domain::DomainError) -> Self {
        Self(err.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(ErrorBody::from(&self.0))).into_response()
    }
}

impl ApiError {
    /// The error's body with another status (a refused bearer token is 401).
    pub fn into_response_with_status(self, status: u16) -> Response {
        let mut response = self.into_response();
        if let Ok(status) = StatusCode::from_u16(status) {
            *response.status_mut() = status;
        }
        response
    }
}

/// Any `/api/v1` path that does not exist.
pub async fn not_found() -> ApiError {
    ApiError(AppError::NotFound("API endpoint".into()))
}

/// A `/api/v1` path that exists, asked with a method it does not answer: 405 in the JSON
/// error shape (the router adds the `Allow` header listing the methods it does answer).
pub async fn method_not_allowed(method: Method) -> Response {
    let body = ErrorBody {
        error: ErrorWire {
            code: "method_not_allowed".to_owned(),
            message: format!(
                "{method} is not allowed at this address; its Allow header lists the methods it answers"
            ),
            missing: None,
            current_version: None,
            current: None,
            current_workflow: None,
        },
    };
    (StatusCode::METHOD_NOT_ALLOWED, Json(body)).into_response()
}
