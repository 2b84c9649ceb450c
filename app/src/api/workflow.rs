//! Server functions of the workflow: its versions (anyone), the editor and saving an edit
//! (admins), and the ready report (anyone).

use leptos::prelude::*;

use crate::contract::AppError;
use crate::contract::workflow::{ReadyReport, StageForm, WorkflowEditorView};
use crate::domain::VersionView;

#[cfg(feature = "ssr")]
fn db() -> Result<sea_orm::DatabaseConnection, AppError> {
    Ok(crate::state::app_state()?.db)
}

/// Every version of the workflow, newest first, with its differences.
#[server]
pub async fn workflow_versions() -> Result<Vec<VersionView>, AppError> {
    crate::service::workflow::versions(&db()?).await
}

/// The editor for the page address's `query`: the workflow as it is, or the preview of
/// the change the query carries (admins).
#[server]
pub async fn workflow_editor(
    #[server(default)] query: String,
) -> Result<WorkflowEditorView, AppError> {
    crate::service::workflow::editor(&db()?, &crate::auth::current_actor(), &query).await
}

/// Saves the editor's form as a new version (admins), then shows the versions; a refused
/// save shows the editor again, with the form as typed and why.
#[server]
pub async fn save_workflow(
    #[server(default)] version: String,
    note: Option<String>,
    stale_after_days: Option<String>,
    #[server(default)] stages: Vec<StageForm>,
) -> Result<(), AppError> {
    use crate::contract::workflow::WorkflowForm;
    let form = WorkflowForm {
        version,
        note: note.unwrap_or_default(),
        stale_after_days: stale_after_days.unwrap_or_default(),
        stages,
    };
    match crate::service::workflow::save_form(&db()?, &crate::auth::current_actor(), &form).await {
        Ok(_) => leptos_axum::redirect("/workflow"),
        // Whoever may not edit the workflow gets the refusal itself.
        Err(err @ (AppError::Unauthorized | AppError::Forbidden(_))) => return Err(err),
        // A refused save goes back to the editor with the form as typed and why, so
        // nothing typed is lost.
        Err(err) => {
            let typed = serde_qs::to_string(&form).unwrap_or_default();
            let why = crate::domain::catalog::encode_component(&err.to_string());
            leptos_axum::redirect(&format!("/admin/workflow?{typed}&preview=1&refused={why}"));
        }
    }
    Ok(())
}

/// The cards whose evidence already meets the next stage's gate.
#[server]
pub async fn get_ready_report() -> Result<ReadyReport, AppError> {
    crate::service::workflow::ready(&db()?).await
}
