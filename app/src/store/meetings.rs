//! Repository of meetings: attendance, the agenda (built when the meeting is created from
//! every unfinished card), key points, next steps and the demo queue.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::entities::{
    activity, agenda_item, card, demo, meeting, meeting_attendee, next_step, solution, user,
};
use super::{StoreError, load};
use crate::domain::SolutionKind;
use crate::domain::Workflow;
use crate::domain::meetings::{
    AgendaItem, AgendaStatus, Attendee, CardChanges, DemoEntry, MeetingSummary, MeetingView,
    NextStep, reorder,
};

/// Creates a meeting whose agenda walks the given cards in this order.
pub async fn create(
    db: &impl ConnectionTrait,
    held_on: NaiveDate,
    facilitator: &str,
    scribe: &str,
    agenda: &[Uuid],
) -> Result<Uuid, StoreError> {
    let id = Uuid::new_v4();
    meeting::Entity::insert(meeting::ActiveModel {
        id: Set(id),
        held_on: Set(held_on),
        facilitator: Set(facilitator.to_owned()),
        scribe: Set(scribe.to_owned()),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await?;
    let items: Vec<agenda_item::ActiveModel> = agenda
        .iter()
        .copied()
        .enumerate()
        .map(|(i, card_id)| agenda_item::ActiveModel {
            id: Set(Uuid::new_v4()),
            meeting_id: Set(id),
            card_id: Set(card_id),
            position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
            status: Set(AgendaStatus::Pending.key().to_owned()),
            key_points: Set(String::new()),
            version: Set(1),
        })
        .collect();
    if !items.is_empty() {
        agenda_item::Entity::insert_many(items)
            .exec_without_returning(db)
            .await?;
    }
    Ok(id)
}

async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<meeting::Model, StoreError> {
    meeting::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound("meeting".into()))
}

/// Every meeting, newest first.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<MeetingSummary>, StoreError> {
    let meetings = meeting::Entity::find()
        .order_by_desc(meeting::Column::HeldOn)
        .order_by_desc(meeting::Column::CreatedAt)
        .all(db)
        .await?;
    let items = agenda_item::Entity::find().all(db).await?;
    Ok(meetings
        .into_iter()
        .map(|m| {
            let mine: Vec<&agenda_item::Model> =
                items.iter().filter(|i| i.meeting_id == m.id).collect();
            let count = |f: &dyn Fn(&&agenda_item::Model) -> bool| {
                u32::try_from(mine.iter().filter(|i| f(i)).count()).unwrap_or(u32::MAX)
            };
            MeetingSummary {
                id: m.id,
                held_on: m.held_on,
                facilitator: m.facilitator,
                scribe: m.scribe,
                items: count(&|_| true),
                walked: count(&|i| i.status != AgendaStatus::Pending.key()),
            }
        })
        .collect())
}

/// Records whether a member attended.
pub async fn set_attendance(
    db: &impl ConnectionTrait,
    meeting_id: Uuid,
    user_id: Uuid,
    present: bool,
) -> Result<(), StoreError> {
    find(db, meeting_id).await?;
    let member = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound("member".into()))?;
    meeting_attendee::Entity::delete_many()
        .filter(meeting_attendee::Column::MeetingId.eq(meeting_id))
        .filter(meeting_attendee::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    if present {
        meeting_attendee::Entity::insert(meeting_attendee::ActiveModel {
            meeting_id: Set(meeting_id),
            user_id: Set(member.id),
            name: Set(member.name),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// Sets an agenda item's status and key points; returns its meeting's id.
pub async fn set_item(
    db: &impl ConnectionTrait,
    item_id: Uuid,
    status: AgendaStatus,
    key_points: &str,
    expected_version: Option<i64>,
) -> Result<Uuid, StoreError> {
    let item = agenda_item::Entity::find_by_id(item_id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound("agenda item".into()))?;
    super::check_version("agenda item", expected_version, item.version)?;
    let updated = agenda_item::Entity::update_many()
        .col_expr(agenda_item::Column::Version, Expr::value(item.version + 1))
        .col_expr(agenda_item::Column::Status, Expr::value(status.key()))
        .col_expr(agenda_item::Column::KeyPoints, Expr::value(key_points))
        .filter(agenda_item::Column::Id.eq(item_id))
        .filter(agenda_item::Column::Version.eq(item.version))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        return Err(StoreError::Conflict(
            "someone else recorded this agenda item at the same moment; reload and try again"
                .into(),
        ));
    }
    Ok(item.meeting_id)
}

/// A next step agreed on an agenda item's card.
pub struct NewNextStep<'a> {
    pub text: &'a str,
    pub owner: &'a str,
    pub due: Option<NaiveDate>,
}

/// Records a next step for the card of an agenda item; returns its id and its meeting's.
pub async fn add_next_step(
    db: &impl ConnectionTrait,
    item_id: Uuid,
    step: &NewNextStep<'_>,
) -> Result<(Uuid, Uuid), StoreError> {
    let item = agenda_item::Entity::find_by_id(item_id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound("agenda item".into()))?;
    let id = Uuid::new_v4();
    next_step::Entity::insert(next_step::ActiveModel {
        id: Set(id),
        meeting_id: Set(item.meeting_id),
        card_id: Set(item.card_id),
        text: Set(step.text.to_owned()),
        owner: Set(step.owner.to_owned()),
        due: Set(step.due),
        done: Set(false),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await?;
    Ok((id, item.meeting_id))
}

/// Marks a next step done or not; returns the id of the meeting that agreed it.
pub async fn set_step_done(
    db: &impl ConnectionTrait,
    step_id: Uuid,
    done: bool,
) -> Result<Uuid, StoreError> {
    let step = next_step::Entity::find_by_id(step_id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound("next step".into()))?;
    next_step::Entity::update_many()
        .col_expr(next_step::Column::Done, Expr::value(done))
        .filter(next_step::Column::Id.eq(step_id))
        .exec(db)
        .await?;
    Ok(step.meeting_id)
}

async fn queue(
    db: &impl ConnectionTrait,
    meeting_id: Uuid,
) -> Result<Vec<demo::Model>, StoreError> {
    Ok(demo::Entity::find()
        .filter(demo::Column::MeetingId.eq(meeting_id))
        .order_by_asc(demo::Column::Position)
        .all(db)
        .await?)
}

/// Puts a solution at the end of a meeting's demo queue; a solution already queued is a
/// conflict.
pub async fn add_demo(
    db: &impl ConnectionTrait,
    meeting_id: Uuid,
    solution_id: Uuid,
    added_by: &str,
) -> Result<Uuid, StoreError> {
    find(db, meeting_id).await?;
    solution::Entity::find_by_id(solution_id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound("solution".into()))?;
    let current = queue(db, meeting_id).await?;
    if current.iter().any(|d| d.solution_id == solution_id) {
        return Err(StoreError::Conflict(
            "that solution is already in the demo queue".into(),
        ));
    }
    let id = Uuid::new_v4();
    demo::Entity::insert(demo::ActiveModel {
        id: Set(id),
        meeting_id: Set(meeting_id),
        solution_id: Set(solution_id),
        position: Set(current.last().map_or(0, |d| d.position + 1)),
        added_by: Set(added_by.to_owned()),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

/// Moves a demo one place earlier or later in its queue; returns the meeting's id.
pub async fn move_demo(
    db: &impl ConnectionTrait,
    demo_id: Uuid,
    up: bool,
) -> Result<Uuid, StoreError> {
    let entry = demo::Entity::find_by_id(demo_id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound("demo".into()))?;
    let current = queue(db, entry.meeting_id).await?;
    let order = reorder(
        &current.iter().map(|d| d.id).collect::<Vec<_>>(),
        demo_id,
        up,
    );
    for (position, id) in order.into_iter().enumerate() {
        demo::Entity::update_many()
            .col_expr(
                demo::Column::Position,
                Expr::value(i32::try_from(position).unwrap_or(i32::MAX)),
            )
            .filter(demo::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(entry.meeting_id)
}

async fn steps(db: &impl ConnectionTrait, filter: Expr) -> Result<Vec<NextStep>, StoreError> {
    let rows = next_step::Entity::find()
        .filter(filter)
        .order_by_asc(next_step::Column::CreatedAt)
        .all(db)
        .await?;
    let meetings: HashMap<Uuid, NaiveDate> = meeting::Entity::find()
        .filter(meeting::Column::Id.is_in(rows.iter().map(|s| s.meeting_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.held_on))
        .collect();
    let titles = load::card_titles(db, rows.iter().map(|s| s.card_id)).await?;
    Ok(rows
        .into_iter()
        .map(|s| NextStep {
            id: s.id,
            meeting_id: s.meeting_id,
            agreed_on: meetings.get(&s.meeting_id).copied().unwrap_or_default(),
            card_id: s.card_id,
            card_title: titles.get(&s.card_id).cloned().unwrap_or_default(),
            text: s.text,
            owner: s.owner,
            due: s.due,
            done: s.done,
        })
        .collect())
}

/// The demo queue of a meeting, in order.
pub async fn demos(
    db: &impl ConnectionTrait,
    meeting_id: Uuid,
) -> Result<Vec<DemoEntry>, StoreError> {
    let rows = queue(db, meeting_id).await?;
    let solutions: HashMap<Uuid, solution::Model> = solution::Entity::find()
        .filter(solution::Column::Id.is_in(rows.iter().map(|d| d.solution_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let cards: HashMap<Uuid, String> = card::Entity::find()
        .filter(card::Column::Id.is_in(solutions.values().map(|s| s.card_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    let mut entries = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        let Some(s) = solutions.get(&row.solution_id) else {
            continue;
        };
        entries.push(DemoEntry {
            id: row.id,
            number: u32::try_from(i + 1).unwrap_or(u32::MAX),
            solution_id: s.id,
            title: s.title.clone(),
            kind: SolutionKind::parse(&s.kind)?,
            card_id: s.card_id,
            challenge: cards.get(&s.card_id).cloned().unwrap_or_default(),
            added_by: row.added_by,
        });
    }
    Ok(entries)
}

/// Everything a meeting's page shows, with stages named and gates judged by `current`.
pub async fn view(
    db: &impl ConnectionTrait,
    current: &Workflow,
    meeting_id: Uuid,
) -> Result<MeetingView, StoreError> {
    let m = find(db, meeting_id).await?;
    let stage_name = |key: &str| {
        current
            .stage(key)
            .map_or_else(|| key.to_owned(), |s| s.name.clone())
    };
    let present: Vec<Uuid> = meeting_attendee::Entity::find()
        .filter(meeting_attendee::Column::MeetingId.eq(meeting_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.user_id)
        .collect();
    let attendees = user::Entity::find()
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|u| Attendee {
            present: present.contains(&u.id),
            user_id: Some(u.id),
            name: u.name,
        })
        .collect();
    let items = agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(meeting_id))
        .order_by_asc(agenda_item::Column::Position)
        .all(db)
        .await?;
    let card_ids: Vec<Uuid> = items.iter().map(|i| i.card_id).collect();
    let cards: HashMap<Uuid, card::Model> = card::Entity::find()
        .filter(card::Column::Id.is_in(card_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut evidence = load::evidence_of(db, &card_ids).await?;
    let mut agreed = steps(db, next_step::Column::MeetingId.eq(meeting_id)).await?;
    let mut agenda = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let Some(card) = cards.get(&item.card_id) else {
            continue;
        };
        let next_gate = current
            .next(&card.stage_key)
            .map(|next| current.check_gate(next, &evidence.remove(&card.id).unwrap_or_default()));
        let (mine, rest): (Vec<NextStep>, Vec<NextStep>) =
            agreed.into_iter().partition(|s| s.card_id == card.id);
        agreed = rest;
        agenda.push(AgendaItem {
            id: item.id,
            number: u32::try_from(i + 1).unwrap_or(u32::MAX),
            card_id: card.id,
            title: card.title.clone(),
            stage_name: stage_name(&card.stage_key),
            next_gate,
            status: AgendaStatus::parse(&item.status)?,
            key_points: item.key_points,
            next_steps: mine,
            version: item.version,
        });
    }
    // The meeting before this one, by date (then by creation).
    let previous = meeting::Entity::find()
        .filter(meeting::Column::Id.ne(meeting_id))
        .filter(
            meeting::Column::HeldOn
                .lt(m.held_on)
                .or(meeting::Column::HeldOn
                    .eq(m.held_on)
                    .and(meeting::Column::CreatedAt.lt(m.created_at))),
        )
        .order_by_desc(meeting::Column::HeldOn)
        .order_by_desc(meeting::Column::CreatedAt)
        .one(db)
        .await?;
    let open_steps = match &previous {
        Some(_) => steps(
            db,
            next_step::Column::Done
                .eq(false)
                .and(next_step::Column::MeetingId.ne(meeting_id)),
        )
        .await?
        .into_iter()
        .filter(|s| s.agreed_on <= m.held_on)
        .collect(),
        None => Vec::new(),
    };
    let since = previous.as_ref().map(|p| p.created_at);
    let mut query = activity::Entity::find().order_by_asc(activity::Column::CreatedAt);
    if let Some(since) = since {
        query = query.filter(activity::Column::CreatedAt.gt(since));
    }
    let mut since_previous: Vec<CardChanges> = Vec::new();
    let changed = query.all(db).await?;
    let titles = load::card_titles(db, changed.iter().map(|a| a.card_id)).await?;
    let no_versions = HashMap::new();
    for entry in changed {
        let card_id = entry.card_id;
        let mut item = load::activity_item(entry, &no_versions)?;
        if item.kind.is_adoption() {
            // Company names stay off meeting pages, which anyone may read.
            "a company".clone_into(&mut item.note);
        }
        let line = format!(
            "{} {}",
            item.actor.as_deref().unwrap_or("Someone"),
            item.summary(|key| stage_name(key))
        );
        match since_previous.iter_mut().find(|c| c.card_id == card_id) {
            Some(group) => group.changes.push(line),
            None => since_previous.push(CardChanges {
                card_id,
                title: titles.get(&card_id).cloned().unwrap_or_default(),
                changes: vec![line],
            }),
        }
    }
    Ok(MeetingView {
        id: m.id,
        held_on: m.held_on,
        facilitator: m.facilitator,
        scribe: m.scribe,
        attendees,
        agenda,
        demos: demos(db, meeting_id).await?,
        open_steps,
        previous: previous.map(|p| p.held_on),
        since_previous,
    })
}
