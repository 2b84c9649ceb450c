//! Meeting mode: facilitators create meetings and run the agenda and the demo queue;
//! members (the scribe among them) record key points and next steps and queue demos;
//! anyone may read a meeting and its minutes.
//!
//! Every change in a meeting passes the after-change step, so open meeting pages (the
//! meeting, the agenda walk, the presenter view) follow it live.

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use uuid::Uuid;

use super::changes::{Change, Write};
use crate::auth::Actor;
use crate::contract::AppError;
use crate::domain::meetings::{
    AgendaStatus, MeetingSummary, MeetingView, Presentation, agenda_cards, minutes_markdown,
};
use crate::domain::{
    AgendaItemId, DemoId, DomainError, MeetingId, NextStepId, Permission, SolutionId, UserId,
    bounded,
};
use crate::store::meetings::NewNextStep;
use crate::store::{self, workflow};

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
) -> Result<MeetingId, AppError> {
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
    let w = Write::begin(db, Some(&account.name)).await?;
    let board = super::cards::board(w.txn()).await?;
    let agenda = agenda_cards(&board, chrono::Utc::now());
    let id = store::meetings::create(w.txn(), held_on, &facilitator, &scribe, &agenda).await?;
    w.after_change(Change::meeting(id)).await?;
    w.commit().await?;
    Ok(MeetingId(id))
}

/// The meeting as stored, its stages named and gates judged by the workflow in force.
async fn stored(db: &impl ConnectionTrait, id: MeetingId) -> Result<MeetingView, AppError> {
    let current = workflow::current(db).await?.workflow;
    Ok(store::meetings::view(db, &current, id.uuid()).await?)
}

/// A meeting as `viewer` may see it: visitors who are not signed in see who attended, by
/// name, and nothing of the other members (no absentees, no account ids).
pub async fn view(
    db: &DatabaseConnection,
    id: MeetingId,
    viewer: &Actor,
) -> Result<MeetingView, AppError> {
    let mut meeting = stored(db, id).await?;
    if viewer.account.is_none() {
        meeting.attendees.retain(|a| a.present);
        for attendee in &mut meeting.attendees {
            attendee.user_id = None;
        }
    }
    Ok(meeting)
}

/// The minutes as Markdown.
pub async fn minutes(db: &DatabaseConnection, id: MeetingId) -> Result<String, AppError> {
    Ok(minutes_markdown(&stored(db, id).await?))
}

/// A meeting's date and its minutes rendered as sanitised HTML, for the minutes page.
pub async fn minutes_html(
    db: &DatabaseConnection,
    id: MeetingId,
) -> Result<(NaiveDate, String), AppError> {
    let meeting = stored(db, id).await?;
    Ok((
        meeting.held_on,
        super::markdown::render(&minutes_markdown(&meeting)),
    ))
}

pub async fn set_attendance(
    db: &DatabaseConnection,
    meeting_id: MeetingId,
    user_id: UserId,
    present: bool,
    actor: &Actor,
) -> Result<(), AppError> {
    let account = actor.require(Permission::RunMeetings)?;
    let w = Write::begin(db, Some(&account.name)).await?;
    store::meetings::set_attendance(w.txn(), meeting_id.uuid(), user_id.uuid(), present).await?;
    w.after_change(Change::meeting(meeting_id)).await?;
    w.commit().await
}

/// Records where the walk through an agenda item ended and its key points; returns the
/// meeting's id.
pub async fn record_item(
    db: &DatabaseConnection,
    item_id: AgendaItemId,
    status: &str,
    key_points: &str,
    expected_version: Option<i64>,
    actor: &Actor,
) -> Result<MeetingId, AppError> {
    let account = actor.require(Permission::EditBoard)?;
    let status = AgendaStatus::parse(status)?;
    let key_points = bounded("key points", key_points.trim(), 10_000)?;
    let w = Write::begin(db, Some(&account.name)).await?;
    let meeting = store::meetings::set_item(
        w.txn(),
        item_id.uuid(),
        status,
        &key_points,
        expected_version,
    )
    .await?;
    w.after_change(Change::meeting(meeting)).await?;
    w.commit().await?;
    Ok(MeetingId(meeting))
}

/// A text that must not be empty, at most `max` characters.
fn required(field: &str, raw: &str, max: usize) -> Result<String, AppError> {
    let text = bounded(field, raw.trim(), max)?;
    if text.is_empty() {
        return Err(DomainError::Empty {
            field: field.into(),
        }
        .into());
    }
    Ok(text)
}

pub async fn add_next_step(
    db: &DatabaseConnection,
    item_id: AgendaItemId,
    text: &str,
    owner: &str,
    due: &str,
    actor: &Actor,
) -> Result<NextStepId, AppError> {
    let account = actor.require(Permission::EditBoard)?;
    let text = required("next step", text, 1_000)?;
    let owner = required("owner", owner, 200)?;
    let due = date("due date", due)?;
    let w = Write::begin(db, Some(&account.name)).await?;
    let step = NewNextStep {
        text: &text,
        owner: &owner,
        due,
    };
    let (id, meeting) = store::meetings::add_next_step(w.txn(), item_id.uuid(), &step).await?;
    w.after_change(Change::meeting(meeting)).await?;
    w.commit().await?;
    Ok(NextStepId(id))
}

pub async fn set_step_done(
    db: &DatabaseConnection,
    step_id: NextStepId,
    done: bool,
    actor: &Actor,
) -> Result<(), AppError> {
    let account = actor.require(Permission::EditBoard)?;
    let w = Write::begin(db, Some(&account.name)).await?;
    let meeting = store::meetings::set_step_done(w.txn(), step_id.uuid(), done).await?;
    w.after_change(Change::meeting(meeting)).await?;
    w.commit().await
}

pub async fn add_demo(
    db: &DatabaseConnection,
    meeting_id: MeetingId,
    solution_id: SolutionId,
    actor: &Actor,
) -> Result<DemoId, AppError> {
    let account = actor.require(Permission::EditBoard)?;
    let w = Write::begin(db, Some(&account.name)).await?;
    let id = store::meetings::add_demo(
        w.txn(),
        meeting_id.uuid(),
        solution_id.uuid(),
        &account.name,
    )
    .await?;
    w.after_change(Change::meeting(meeting_id)).await?;
    w.commit().await?;
    Ok(DemoId(id))
}

/// Moves a demo one place up or down (facilitators); returns the meeting's id.
pub async fn move_demo(
    db: &DatabaseConnection,
    demo_id: DemoId,
    up: bool,
    actor: &Actor,
) -> Result<MeetingId, AppError> {
    let account = actor.require(Permission::RunMeetings)?;
    let w = Write::begin(db, Some(&account.name)).await?;
    let meeting = store::meetings::move_demo(w.txn(), demo_id.uuid(), up).await?;
    w.after_change(Change::meeting(meeting)).await?;
    w.commit().await?;
    Ok(MeetingId(meeting))
}

/// Demo number `number` (from 1) of a meeting's queue, full screen.
pub async fn presentation(
    db: &DatabaseConnection,
    meeting_id: MeetingId,
    number: u32,
) -> Result<Presentation, AppError> {
    let meeting = stored(db, meeting_id).await?;
    let total = u32::try_from(meeting.demos.len()).unwrap_or(u32::MAX);
    let demo = meeting
        .demos
        .into_iter()
        .find(|d| d.number == number)
        .ok_or_else(|| AppError::NotFound(format!("demo {number}")))?;
    let slug = store::solutions::slug_of(db, demo.solution_id).await?;
    let record = store::catalog::solution_by_slug(db, &slug).await?;
    Ok(Presentation {
        meeting_id: meeting_id.uuid(),
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
    Ok(store::solutions::options(db).await?)
}
