//! The whole board as an export document, for admins to download (the same document as
//! `ispo-board export`).

use axum::Extension;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use app::auth::Actor;
use app::state::AppState;

use super::ApiError;
use super::wire::ErrorBody;

/// Every record of the board (admins), as a file to keep or to import elsewhere.
#[utoipa::path(get, operation_id = "export_board", path = "/export", tag = "board",
    responses(
        (status = 200, description = "The export document (see the README's export format), as an attachment", content_type = "application/json"),
        (status = "4XX", description = "Not signed in, or not an admin", body = ErrorBody),
    ))]
pub async fn export(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> Result<impl IntoResponse, ApiError> {
    let doc = app::service::transfer::export_for(&state.db, &actor).await?;
    let file = format!(
        "attachment; filename=\"ispo-board-{}.json\"",
        chrono::Utc::now().format("%Y-%m-%d")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, file),
        ],
        app::service::transfer::to_json(&doc),
    ))
}
