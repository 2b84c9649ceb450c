//! `GET /meetings/{id}/minutes.md`: a meeting's minutes as a Markdown download.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use app::contract::AppError;
use app::state::AppState;

pub async fn download(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let result = async {
        let id = app::domain::MeetingId::parse(&id)?;
        let markdown = app::service::meetings::minutes(&state.db, id).await?;
        Ok::<_, AppError>((id, markdown))
    }
    .await;
    match result {
        Ok((id, markdown)) => (
            [
                (
                    header::CONTENT_TYPE,
                    "text/markdown; charset=utf-8".to_owned(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"minutes-{id}.md\""),
                ),
            ],
            markdown,
        )
            .into_response(),
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, format!("{error}\n")).into_response()
        }
    }
}
