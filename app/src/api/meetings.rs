//! Server functions of meeting mode. Forms post to them directly (each works before
//! WebAssembly loads); after a change that moves the walk on, they redirect.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::AppError;
use crate::domain::meetings::{MeetingSummary, MeetingView, Presentation};

#[cfg(feature = "ssr")]
fn db() -> Result<sea_orm::DatabaseConnection, AppError> {
    Ok(crate::state::app_state()?.db)
}

/// A meeting's page: the meeting and the solutions that can be queued for a demo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingPage {
    pub meeting: MeetingView,
    pub solutions: Vec<(Uuid, String)>,
}

/// The meetings page: every meeting, newest first, and today's date on the server (the
/// new-meeting form's default; the browser's clock is not read in components).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingList {
    pub meetings: Vec<MeetingSummary>,
    pub today: chrono::NaiveDate,
}

/// Every meeting, newest first. Readable by anyone.
#[server]
pub async fn list_meetings() -> Result<MeetingList, AppError> {
    Ok(MeetingList {
        meetings: crate::service::meetings::list(&db()?).await?,
        today: chrono::Utc::now().date_naive(),
    })
}

/// Creates a meeting (facilitators) and opens it.
#[server]
pub async fn create_meeting(
    held_on: String,
    facilitator: Option<String>,
    scribe: Option<String>,
) -> Result<(), AppError> {
    let actor = crate::auth::current_actor();
    let id = crate::service::meetings::create(
        &db()?,
        &held_on,
        facilitator.as_deref().unwrap_or(""),
        scribe.as_deref().unwrap_or(""),
        &actor,
    )
    .await?;
    leptos_axum::redirect(&format!("/meetings/{id}"));
    Ok(())
}

/// A meeting with everything its page shows. Readable by anyone.
#[server]
pub async fn get_meeting(id: String) -> Result<MeetingPage, AppError> {
    let db = db()?;
    let meeting = crate::service::meetings::view(
        &db,
        crate::domain::MeetingId::parse(&id)?,
        &crate::auth::current_actor(),
    )
    .await?;
    Ok(MeetingPage {
        meeting,
        solutions: crate::service::meetings::demo_options(&db).await?,
    })
}

/// A meeting's minutes as a page: its date and the minutes as sanitised HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Minutes {
    pub meeting_id: Uuid,
    pub held_on: chrono::NaiveDate,
    pub html: String,
}

/// A meeting's minutes. Readable by anyone.
#[server]
pub async fn get_minutes(id: String) -> Result<Minutes, AppError> {
    let meeting_id = crate::domain::MeetingId::parse(&id)?;
    let (held_on, html) = crate::service::meetings::minutes_html(&db()?, meeting_id).await?;
    Ok(Minutes {
        meeting_id: meeting_id.uuid(),
        held_on,
        html,
    })
}

/// Marks a member present or absent (facilitators).
#[server]
pub async fn set_attendance(
    meeting_id: String,
    user_id: String,
    present: bool,
) -> Result<(), AppError> {
    crate::service::meetings::set_attendance(
        &db()?,
        crate::domain::MeetingId::parse(&meeting_id)?,
        crate::domain::UserId::parse(&user_id)?,
        present,
        &crate::auth::current_actor(),
    )
    .await
}

/// Records an agenda item's outcome and key points, then goes to `go_to` (the next item,
/// or the meeting) when given.
#[server]
pub async fn record_item(
    item_id: String,
    status: String,
    key_points: Option<String>,
    go_to: Option<String>,
    version: Option<i64>,
) -> Result<(), AppError> {
    crate::service::meetings::record_item(
        &db()?,
        crate::domain::AgendaItemId::parse(&item_id)?,
        &status,
        key_points.as_deref().unwrap_or(""),
        version,
        &crate::auth::current_actor(),
    )
    .await?;
    if let Some(path) = go_to.filter(|p| p.starts_with("/meetings/")) {
        leptos_axum::redirect(&path);
    }
    Ok(())
}

/// Records a next step on an agenda item's card.
#[server]
pub async fn add_next_step(
    item_id: String,
    text: String,
    owner: String,
    due: Option<String>,
) -> Result<(), AppError> {
    crate::service::meetings::add_next_step(
        &db()?,
        crate::domain::AgendaItemId::parse(&item_id)?,
        &text,
        &owner,
        due.as_deref().unwrap_or(""),
        &crate::auth::current_actor(),
    )
    .await?;
    Ok(())
}

/// Marks a next step done (or not).
#[server]
pub async fn set_step_done(step_id: String, done: bool) -> Result<(), AppError> {
    crate::service::meetings::set_step_done(
        &db()?,
        crate::domain::NextStepId::parse(&step_id)?,
        done,
        &crate::auth::current_actor(),
    )
    .await
}

/// Puts a solution in a meeting's demo queue.
#[server]
pub async fn add_demo(meeting_id: String, solution_id: String) -> Result<(), AppError> {
    if solution_id.trim().is_empty() {
        return Err(AppError::Validation("choose the solution to demo".into()));
    }
    crate::service::meetings::add_demo(
        &db()?,
        crate::domain::MeetingId::parse(&meeting_id)?,
        crate::domain::SolutionId::parse(&solution_id)?,
        &crate::auth::current_actor(),
    )
    .await?;
    Ok(())
}

/// Moves a demo one place up or down the queue (facilitators).
#[server]
pub async fn move_demo(demo_id: String, up: bool) -> Result<(), AppError> {
    crate::service::meetings::move_demo(
        &db()?,
        crate::domain::DemoId::parse(&demo_id)?,
        up,
        &crate::auth::current_actor(),
    )
    .await?;
    Ok(())
}

/// Demo number `number` of a meeting, for the presenter view. Readable by anyone.
#[server]
pub async fn get_presentation(meeting_id: String, number: u32) -> Result<Presentation, AppError> {
    crate::service::meetings::presentation(
        &db()?,
        crate::domain::MeetingId::parse(&meeting_id)?,
        number,
    )
    .await
}
