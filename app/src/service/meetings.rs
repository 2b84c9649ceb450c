//! Meeting mode: facilitators create meetings and run the agenda and the demo queue;
//! members (the scribe among them) record key points and next steps and queue demos;
//! anyone may read a meeting and its minutes.

use chrono::NaiveDate;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::api::AppError;
use crate::auth::Actor;
use crate::domain::meetings::{
    AgendaStatus, MeetingSummary, MeetingView, Presentation, minutes_markdown,
};
use crate::domain::{DomainError, Permission, bounded};
use crate::store::meetings::NewNextStep;
use crate::store::{self, begin_write};

fn date(field: &str, raw: &str) -> Result<Option<NaiveDate>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        text => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                DomainError::BadDate {
                    field: field.into(),
                }
                .into()
            }),
    }
}

pub async fn list(db: &DatabaseConnection) -> Result<Vec<MeetingSummary>, AppError> {
    Ok(store::meetings::list(db).await?)
}

/// A new meeting on `held_on`; the facilitator and the scribe default to the actor. Its
/// agenda walks every unfinished card.
pub async fn create(
    db: &DatabaseConnection,
    held_on: &str,
    facilitator: &str,
    scribe: &str,
    actor: &Actor,
) -> Result<Uuid, AppError> {
    let account = actor.require(Permission::RunMeetings)?;
    let held_on = date("date", held_on)?.ok_or_else(|| DomainError::Empty {
        field: "date".into(),
    })?;
    let or_me = |field: &str, value: &str| -> Result<String, AppError> {
        let value = bounded(field, value.trim(), 200)?;
        Ok(if value.is_empty() {
            account.name.clone()
        } else {
            value
        })
    };
    let facilitator = or_me("facilitator", facilitator)?;
    let scribe = or_me("scribe", scribe)?;
    let txn = begin_write(db).await?;
    let id = store::meetings::create(&txn, held_on, &facilitator, &scribe).await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(id)
}

/// A meeting as `viewer` may see it: visitors who are not signed in see who attended, by
/// name, and nothing of the other members (no absentees, no account ids).
pub async fn view(
    db: &DatabaseConnection,
    id: Uuid,
    viewer: &Actor,
) -> Result<MeetingView, AppError> {
    let mut meeting = store::meetings::view(db, id).await?;
    if viewer.account.is_none() {
        meeting.attendees.retain(|a| a.present);
        for attendee in &mut meeting.attendees {
            attendee.user_id = None;
        }
    }
    Ok(meeting)
}

/// The minutes as Markdown.
pub async fn minutes(db: &DatabaseConnection, id: Uuid) -> Result<String, AppError> {
    Ok(minutes_markdown(&store::meetings::view(db, id).await?))
}

/// A meeting's date and its minutes rendered as sanitised HTML, for the minutes page.
pub async fn minutes_html(
    db: &DatabaseConnection,
    id: Uuid,
) -> Result<(NaiveDate, String), AppError> {
    let meeting = store::meetings::view(db, id).await?;
    Ok((
        meeting.held_on,
        super::markdown::render(&minutes_markdown(&meeting)),
    ))
}

pub async fn set_attendance(
    db: &DatabaseConnection,
    meeting_id: Uuid,
    user_id: Uuid,
    present: bool,
    actor: &Actor,
) -> Result<(), AppError> {
    actor.require(Permission::RunMeetings)?;
    let txn = begin_write(db).await?;
    store::meetings::set_attendance(&txn, meeting_id, user_id, present).await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(())
}

/// Records where the walk through an agenda item ended and its key points; returns the
/// meeting's id.
pub async fn record_item(
    db: &DatabaseConnection,
    item_id: Uuid,
    status: &str,
    key_points: &str,
    expected_version: Option<i64>,
    actor: &Actor,
) -> Result<Uuid, AppError> {
    actor.require(Permission::EditBoard)?;
    let status = AgendaStatus::parse(status)?;
    let key_points = bounded("key points", key_points.trim(), 10_000)?;
    let txn = begin_write(db).await?;
    let meeting =
        store::meetings::set_item(&txn, item_id, status, &key_points, expected_version).await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(meeting)
}

pub async fn add_next_step(
    db: &DatabaseConnection,
    item_id: Uuid,
    text: &str,
    owner: &str,
    due: &str,
    actor: &Actor,
) -> Result<Uuid, AppError> {
    actor.require(Permission::EditBoard)?;
    let text = bounded("next step", text.trim(), 1_000)?;
    let owner = bounded("owner", owner.trim(), 200)?;
    if text.is_empty() {
        return Err(DomainError::Empty {
            field: "next step".into(),
        }
        .into());
    }
    if owner.is_empty() {
        return Err(DomainError::Empty {
            field: "owner".into(),
        }
        .into());
    }
    let due = date("due date", due)?;
    let txn = begin_write(db).await?;
    let id = store::meetings::add_next_step(
        &txn,
        item_id,
        &NewNextStep {
            text: &text,
            owner: &owner,
            due,
        },
    )
    .await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(id)
}

pub async fn set_step_done(
    db: &DatabaseConnection,
    step_id: Uuid,
    done: bool,
    actor: &Actor,
) -> Result<(), AppError> {
    actor.require(Permission::EditBoard)?;
    let txn = begin_write(db).await?;
    store::meetings::set_step_done(&txn, step_id, done).await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(())
}

pub async fn add_demo(
    db: &DatabaseConnection,
    meeting_id: Uuid,
    solution_id: Uuid,
    actor: &Actor,
) -> Result<Uuid, AppError> {
    let account = actor.require(Permission::EditBoard)?;
    let txn = begin_write(db).await?;
    let id = store::meetings::add_demo(&txn, meeting_id, solution_id, &account.name).await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(id)
}

/// Moves a demo one place up or down (facilitators); returns the meeting's id.
pub async fn move_demo(
    db: &DatabaseConnection,
    demo_id: Uuid,
    up: bool,
    actor: &Actor,
) -> Result<Uuid, AppError> {
    actor.require(Permission::RunMeetings)?;
    let txn = begin_write(db).await?;
    let meeting = store::meetings::move_demo(&txn, demo_id, up).await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(meeting)
}

/// Demo number `number` (from 1) of a meeting's queue, full screen.
pub async fn presentation(
    db: &DatabaseConnection,
    meeting_id: Uuid,
    number: u32,
) -> Result<Presentation, AppError> {
    let meeting = store::meetings::view(db, meeting_id).await?;
    let total = u32::try_from(meeting.demos.len()).unwrap_or(u32::MAX);
    let demo = meeting
        .demos
        .into_iter()
        .find(|d| d.number == number)
        .ok_or_else(|| AppError::NotFound(format!("demo {number}")))?;
    let slug = store::cards::slug_of_solution(db, demo.solution_id).await?;
    let record = store::catalog::solution_by_slug(db, &slug).await?;
    Ok(Presentation {
        meeting_id,
        held_on: meeting.held_on,
        total,
        summary: record.hit.summary.clone(),
        url: record.hit.url.clone(),
        landed_in: record.landed_in,
        challenge_html: super::markdown::render(&record.challenge_description),
        adoptions: record.adoptions,
        at: record.hit.stage_since,
        demo,
    })
}

/// Solutions of open cards that can be queued for a demo: (id, "title — challenge").
pub async fn demo_options(db: &DatabaseConnection) -> Result<Vec<(Uuid, String)>, AppError> {
    Ok(store::cards::solution_options(db).await?)
}
