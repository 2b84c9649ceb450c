//! Extractors whose rejections speak the API's error format: a JSON body (400 for
//! malformed JSON, 422 for JSON of the wrong shape, 413 for a body over the limit, 400
//! without a JSON content type) and path parameters (400 when a segment cannot be read,
//! such as invalid UTF-8).

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::ApiError;
use app::contract::AppError;

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(ApiError(map_rejection(&rejection))),
        }
    }
}

fn map_rejection(rejection: &JsonRejection) -> AppError {
    match rejection {
        JsonRejection::JsonSyntaxError(_) => AppError::BadRequest(format!(
            "the body is not valid JSON: {}",
            rejection.body_text()
        )),
        JsonRejection::JsonDataError(_) => AppError::Validation(rejection.body_text()),
        JsonRejection::MissingJsonContentType(_) => {
            AppError::BadRequest("send the body as JSON with Content-Type: application/json".into())
        }
        _ if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge(format!(
            "the body is larger than the {} KiB the API accepts",
            super::BODY_LIMIT / 1024
        )),
        _ => AppError::BadRequest(rejection.body_text()),
    }
}

/// Path parameters, refused in the API's error format when they cannot be read.
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Self(value)),
            Err(rejection) => Err(ApiError(AppError::BadRequest(format!(
                "the address cannot be read: {}",
                rejection.body_text()
            )))),
        }
    }
}
