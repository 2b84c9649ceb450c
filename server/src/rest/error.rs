//! Errors of the JSON API: every failure becomes `{"error": {"code", "message"}}` with the
//! right status, plus what is missing for a refused move and the current state for a
//! conflict.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use app::api::AppError;

/// An [`AppError`] on its way out of the JSON API.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        Self(err)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let err = self.0;
        let status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut body = json!({ "code": err.code(), "message": err.to_string() });
        match &err {
            AppError::GateNotMet { unmet, .. } => {
                let missing: Vec<Value> = unmet
                    .iter()
                    .flat_map(|check| {
                        check.missing.iter().map(move |m| {
                            json!({
                                "stage": check.stage,
                                "stage_name": check.stage_name,
                                "code": m.code,
                                "needed": m.needed,
                                "have": m.have,
                                "message": m.message,
                            })
                        })
                    })
                    .collect();
                body["missing"] = Value::Array(missing);
            }
            AppError::Conflict {
                current: Some(card),
                ..
            } => {
                body["current_version"] = json!(card.version);
                body["current"] = json!({
                    "id": card.id,
                    "title": card.title,
                    "stage": card.stage,
                    "version": card.version,
                });
            }
            _ => {}
        }
        (status, Json(json!({ "error": body }))).into_response()
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
