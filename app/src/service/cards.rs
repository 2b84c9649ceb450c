//! Card operations: read the board and a card, create, edit, archive and move cards, add
//! and edit solutions, comment, change a stage's WIP limit. Each public operation checks the
//! caller, parses the input, and runs its steps (the `…_in` functions, also used by the
//! demo data) in one [`Write`], whose after-change step logs, indexes and announces them.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};

use super::changes::{Change, Write};
use crate::auth::Actor;
use crate::contract::AppError;
use crate::contract::input::{
    CardPage, CardPatchInput, CommentInput, EnteredUnder, MoveInput, NewCardInput, ParkInput,
    SolutionInput,
};
use crate::domain::{
    Attention, Board, CardDetail, CardId, CardOverview, CardTitle, ChangeKind, Comment,
    Description, History, ParkReason, Parking, Permission, Solution, SolutionId, SolutionKind,
    StageKey, TagName, WebLink, Workflow, bounded, parking::PARK_NOTE_MAX,
};
use crate::store::cards::{CardEdit, NewCard};
use crate::store::solutions::NewSolution;
use crate::store::{self, load, workflow};

/// The longest solution summary accepted, in characters.
pub const SUMMARY_MAX: usize = 5_000;

fn parse_tags(raw: &[String]) -> Result<Vec<TagName>, AppError> {
    let mut tags = raw
        .iter()
        .map(|t| TagName::parse(t))
        .collect::<Result<Vec<_>, _>>()?;
    tags.sort();
    tags.dedup();
    if tags.len() > 20 {
        return Err(AppError::Validation(
            "a card may carry at most 20 tags".into(),
        ));
    }
    Ok(tags)
}

fn parse_solution(input: &SolutionInput) -> Result<NewSolution, AppError> {
    let landed_in = input
        .landed_in
        .as_deref()
        .map(|l| bounded("where it landed", l, 200))
        .transpose()?
        .filter(|l| !l.is_empty());
    Ok(NewSolution {
        title: CardTitle::parse(&input.title)?,
        kind: SolutionKind::parse(&input.kind)?,
        summary: Description::parse(&bounded("summary", &input.summary, SUMMARY_MAX)?)?,
        url: WebLink::parse_optional("url", input.url.as_deref())?.map(|l| l.as_str().to_owned()),
        landed_in,
    })
}

/// Serialises moves (and workflow edits) on PostgreSQL so that WIP limits hold under
/// concurrency and no move is judged while the workflow changes (SQLite's
/// `BEGIN IMMEDIATE` already serialises writers).
pub(crate) async fn lock_moves(db: &impl ConnectionTrait) -> Result<(), AppError> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared("SELECT pg_advisory_xact_lock(7305)")
            .await
            .map_err(store::StoreError::from)?;
    }
    Ok(())
}

/// The board as it stands: columns of the current workflow, open cards in board order, and
/// the newest change it reflects.
pub async fn board(db: &impl ConnectionTrait) -> Result<Board, AppError> {
    // Read first: every change up to this event is in what follows.
    let last_event = store::events::latest(db).await?;
    let current = workflow::current(db).await?;
    let rows = store::cards::list_open(db).await?;
    let mut tags = load::tags_where(db, load::Which::Open).await?;
    let mut evidence = load::evidence_where(db, load::Which::Open).await?;
    let mut last_activity = load::last_activity_where(db, load::Which::Open).await?;
    let cards = rows
        .into_iter()
        .map(|row| {
            let ev = evidence.remove(&row.id).unwrap_or_default();
            let parked = load::parking_of(&row);
            let last = last_activity
                .remove(&row.id)
                .map_or(row.updated_at, |at| at.max(row.updated_at));
            CardOverview::new(
                row.id,
                row.title,
                StageKey::stored(row.stage_key),
                tags.remove(&row.id).unwrap_or_default(),
                row.version,
                &ev,
                Attention {
                    last_activity: last,
                    parked,
                },
            )
        })
        .collect();
    Ok(Board {
        workflow: current.workflow,
        cards,
        last_event,
        read_at: chrono::Utc::now(),
    })
}

pub async fn workflow(db: &DatabaseConnection) -> Result<Workflow, AppError> {
    Ok(workflow::current(db).await?.workflow)
}

/// The card as `viewer` may see it, with as much of its history as asked for: visitors
/// who are not signed in get it with anonymised companies ([`CardDetail::for_public`]).
pub async fn card_for(
    db: &DatabaseConnection,
    id: CardId,
    viewer: &Actor,
    history: History,
) -> Result<CardDetail, AppError> {
    let card = store::cards::detail(db, id.uuid(), history).await?;
    Ok(if viewer.account.is_some() {
        card
    } else {
        card.for_public()
    })
}

/// The card page as `viewer` may see it: the card, its rendered description, the workflow
/// and the companies that can be chosen for an adoption.
pub async fn card_page(
    db: &DatabaseConnection,
    id: CardId,
    viewer: &Actor,
    history: History,
) -> Result<CardPage, AppError> {
    let card = card_for(db, id, viewer, history).await?;
    let description_html = super::markdown::render(&card.description);
    let comments_html = card
        .comments
        .iter()
        .map(|c| super::markdown::render(&c.body))
        .collect();
    let entered_under = entered_under(db, &card).await?;
    Ok(CardPage {
        comments_html,
        card,
        description_html,
        workflow: workflow::current(db).await?.workflow,
        companies: super::companies::list(db, viewer).await?,
        entered_under,
    })
}

/// The newest entry that put the card in its stage, told with the gate of the version it
/// was judged under.
async fn entered_under(
    db: &DatabaseConnection,
    card: &CardDetail,
) -> Result<Option<EnteredUnder>, AppError> {
    // Read on its own: the entry may be older than the part of the history shown.
    let Some(entry) = load::last_entry_into(db, card.id, &card.stage).await? else {
        return Ok(None);
    };
    let versions = workflow::versions(db).await?;
    let stage = versions
        .iter()
        .find(|v| v.workflow.version == entry.workflow_version)
        .and_then(|v| v.workflow.stage(&card.stage).cloned());
    Ok(Some(EnteredUnder {
        version: entry.workflow_version,
        stage_name: stage
            .as_ref()
            .map_or_else(|| card.stage.to_string(), |s| s.name.clone()),
        gate: stage.and_then(|s| s.gate).map(|g| g.describe()),
        overridden: entry.kind == ChangeKind::GateOverridden,
        at: entry.at,
    }))
}

pub async fn create_card(
    db: &DatabaseConnection,
    input: &NewCardInput,
    actor: &Actor,
) -> Result<CardDetail, AppError> {
    let actor = actor.require(Permission::EditBoard)?;
    let new = NewCard {
        title: CardTitle::parse(&input.title)?,
        description: Description::parse(&input.description)?,
        tags: parse_tags(&input.tags)?,
    };
    let w = Write::begin(db, Some(&actor.name)).await?;
    let id = create_card_in(&w, &new).await?;
    let detail = store::cards::detail(w.txn(), id.uuid(), History::Recent).await?;
    w.commit().await?;
    Ok(detail)
}

/// Step: a new card in the first stage.
pub async fn create_card_in(w: &Write, new: &NewCard) -> Result<CardId, AppError> {
    let id = store::cards::create(w.txn(), &w.workflow.workflow, new).await?;
    let first = w.workflow.workflow.first().key.as_str();
    w.after_change(Change::card(ChangeKind::Created, id).stages(None, Some(first)))
        .await?;
    Ok(CardId(id))
}

/// Edits and/or archives a card, based on the version the caller read.
pub async fn patch_card(
    db: &DatabaseConnection,
    id: CardId,
    input: &CardPatchInput,
    actor: &Actor,
) -> Result<Option<CardDetail>, AppError> {
    let actor = actor.require(Permission::EditBoard)?;
    let edit = CardEdit {
        title: input.title.as_deref().map(CardTitle::parse).transpose()?,
        description: input
            .description
            .as_deref()
            .map(Description::parse)
            .transpose()?,
        tags: input.tags.as_deref().map(parse_tags).transpose()?,
    };
    let note = bounded("note", input.note.as_deref().unwrap_or(""), 2_000)?;
    let w = Write::begin(db, Some(&actor.name)).await?;
    let mut version = input.version;
    if edit.title.is_some() || edit.description.is_some() || edit.tags.is_some() {
        version = edit_card_in(&w, id, version, &edit).await?;
    }
    let result = if input.archived == Some(true) {
        archive_card_in(&w, id, version, &note).await?;
        None
    } else {
        Some(store::cards::detail(w.txn(), id.uuid(), History::Recent).await?)
    };
    w.commit().await?;
    Ok(result)
}

/// Step: a card leaves the board (its history stays).
pub async fn archive_card_in(
    w: &Write,
    id: CardId,
    version: i64,
    note: &str,
) -> Result<(), AppError> {
    let left = store::cards::archive(w.txn(), id.uuid(), version).await?;
    w.after_change(
        Change::card(ChangeKind::Archived, id)
            .stages(Some(&left), None)
            .note(note),
    )
    .await
}

/// Step: an edit of a card's text and tags; returns its new version.
pub async fn edit_card_in(
    w: &Write,
    id: CardId,
    version: i64,
    edit: &CardEdit,
) -> Result<i64, AppError> {
    let (card, note) = store::cards::update(w.txn(), id.uuid(), version, edit).await?;
    w.after_change(Change::card(ChangeKind::Edited, id).note(&note))
        .await?;
    Ok(card.version)
}

/// Moves a card if the workflow allows it and nobody changed the card since `version`;
/// with `override`, an admin moves it forward past gates it does not meet.
pub async fn move_card(
    db: &DatabaseConnection,
    id: CardId,
    input: &MoveInput,
    actor: &Actor,
) -> Result<CardDetail, AppError> {
    let account = actor.require(Permission::EditBoard)?;
    let note = bounded("note", &input.note, 2_000)?;
    let reason = bounded("reason", &input.reason, 2_000)?;
    if input.override_gates {
        actor.require(Permission::Administer).map_err(|_| {
            AppError::Forbidden("only an admin may move a card past a gate it does not meet".into())
        })?;
    }
    let w = Write::begin(db, Some(&account.name)).await?;
    if input.override_gates {
        override_in(&w, id, input.to.trim(), input.version, &reason).await?;
    } else {
        move_card_in(&w, id, input.to.trim(), input.version, &note).await?;
    }
    let detail = store::cards::detail(w.txn(), id.uuid(), History::Recent).await?;
    w.commit().await?;
    Ok(detail)
}

/// Parks a card (members), with why: it stays on the board, off the meeting agenda and the
/// stale list until taken up again. Recorded in its activity.
pub async fn park_card(
    db: &DatabaseConnection,
    id: CardId,
    input: &ParkInput,
    actor: &Actor,
) -> Result<CardDetail, AppError> {
    let account = actor.require(Permission::EditBoard)?;
    let reason = ParkReason::parse(&input.reason)?;
    let note = bounded("note", &input.note, PARK_NOTE_MAX)?;
    let w = Write::begin(db, Some(&account.name)).await?;
    store::lock_card(w.txn(), id.uuid()).await?;
    if store::cards::find(w.txn(), id.uuid())
        .await?
        .parked_reason
        .is_some()
    {
        return Err(AppError::Validation("the card is parked already".into()));
    }
    store::cards::set_parking(
        w.txn(),
        id.uuid(),
        input.version,
        Some((reason.key(), &note)),
    )
    .await?;
    let said = Parking {
        reason,
        note,
        since: chrono::Utc::now(),
    }
    .describe();
    w.after_change(Change::card(ChangeKind::Parked, id).note(&said))
        .await?;
    let detail = store::cards::detail(w.txn(), id.uuid(), History::Recent).await?;
    w.commit().await?;
    Ok(detail)
}

/// Takes a parked card up again (members). Recorded in its activity.
pub async fn unpark_card(
    db: &DatabaseConnection,
    id: CardId,
    version: i64,
    actor: &Actor,
) -> Result<CardDetail, AppError> {
    let account = actor.require(Permission::EditBoard)?;
    let w = Write::begin(db, Some(&account.name)).await?;
    store::lock_card(w.txn(), id.uuid()).await?;
    if store::cards::find(w.txn(), id.uuid())
        .await?
        .parked_reason
        .is_none()
    {
        return Err(AppError::Validation("the card is not parked".into()));
    }
    store::cards::set_parking(w.txn(), id.uuid(), version, None).await?;
    w.after_change(Change::card(ChangeKind::Unparked, id))
        .await?;
    let detail = store::cards::detail(w.txn(), id.uuid(), History::Recent).await?;
    w.commit().await?;
    Ok(detail)
}

/// Step: an admin's move past gates; recorded as an override (with what was missing)
/// when a gate on the way is not met, otherwise as an ordinary move with the reason as
/// its note. Returns the card's new version.
pub async fn override_in(
    w: &Write,
    id: CardId,
    to: &str,
    version: i64,
    reason: &str,
) -> Result<i64, AppError> {
    lock_moves(w.txn()).await?;
    if w.workflow.workflow.stage(to).is_none() {
        return Err(AppError::NotFound(format!("stage \"{to}\"")));
    }
    store::lock_card(w.txn(), id.uuid()).await?;
    let (from, card, passed_over) = store::cards::move_card_overriding(
        w.txn(),
        &w.workflow.workflow,
        id.uuid(),
        to,
        version,
        reason,
    )
    .await?;
    let missing = crate::domain::gate::describe_checks(&passed_over);
    let kind = if passed_over.is_empty() {
        ChangeKind::Moved
    } else {
        ChangeKind::GateOverridden
    };
    w.after_change(
        Change::card(kind, id)
            .stages(Some(&from), Some(to))
            .note(reason)
            .missing(&missing),
    )
    .await?;
    Ok(card.version)
}

/// Step: a gated move; returns the card's new version.
pub async fn move_card_in(
    w: &Write,
    id: CardId,
    to: &str,
    version: i64,
    note: &str,
) -> Result<i64, AppError> {
    lock_moves(w.txn()).await?;
    if w.workflow.workflow.stage(to).is_none() {
        return Err(AppError::NotFound(format!("stage \"{to}\"")));
    }
    store::lock_card(w.txn(), id.uuid()).await?;
    let (from, card) =
        store::cards::move_card(w.txn(), &w.workflow.workflow, id.uuid(), to, version, note)
            .await?;
    w.after_change(
        Change::card(ChangeKind::Moved, id)
            .stages(Some(&from), Some(to))
            .note(note),
    )
    .await?;
    Ok(card.version)
}

/// Step: moves a card forward, one stage at a time through the same gated moves people
/// make, for as long as its evidence meets the next stage's gate (and, with `until`, no
/// further than that stage); returns the moves made and the stage it ends in.
pub async fn advance_in(
    w: &Write,
    id: CardId,
    until: Option<&str>,
    note: &str,
) -> Result<(usize, String), AppError> {
    let stages = w.workflow.workflow.stages().to_vec();
    let mut current = store::cards::find(w.txn(), id.uuid()).await?;
    let mut moves = 0;
    loop {
        if until == Some(current.stage_key.as_str()) {
            break;
        }
        let at = stages
            .iter()
            .position(|s| s.key.as_str() == current.stage_key)
            .unwrap_or(0);
        let Some(next) = stages.get(at + 1) else {
            break;
        };
        match move_card_in(w, id, next.key.as_str(), current.version, note).await {
            Ok(_) => {
                moves += 1;
                current = store::cards::find(w.txn(), id.uuid()).await?;
            }
            Err(AppError::GateNotMet { .. } | AppError::WipLimitReached(_)) => break,
            Err(other) => return Err(other),
        }
    }
    Ok((moves, current.stage_key))
}

/// Adds a solution to a card; answers the solution as stored.
pub async fn add_solution(
    db: &DatabaseConnection,
    card_id: CardId,
    input: &SolutionInput,
    actor: &Actor,
) -> Result<Solution, AppError> {
    let actor = actor.require(Permission::EditBoard)?;
    let new = parse_solution(input)?;
    let w = Write::begin(db, Some(&actor.name)).await?;
    let id = add_solution_in(&w, card_id, &new).await?;
    let stored = load::solution(store::solutions::find(w.txn(), id.uuid()).await?)?;
    w.commit().await?;
    Ok(stored)
}

/// Step: a new solution on an open card.
pub async fn add_solution_in(
    w: &Write,
    card_id: CardId,
    new: &NewSolution,
) -> Result<SolutionId, AppError> {
    store::lock_card(w.txn(), card_id.uuid()).await?;
    store::cards::find(w.txn(), card_id.uuid()).await?;
    let id = store::solutions::add(w.txn(), card_id.uuid(), new).await?;
    w.after_change(Change::card(ChangeKind::SolutionAdded, card_id).note(new.title.as_str()))
        .await?;
    Ok(SolutionId(id))
}

/// Edits a solution, based on the version the caller read (if named); answers the
/// solution as stored.
pub async fn update_solution(
    db: &DatabaseConnection,
    solution_id: SolutionId,
    input: &SolutionInput,
    actor: &Actor,
) -> Result<Solution, AppError> {
    let actor = actor.require(Permission::EditBoard)?;
    let edit = parse_solution(input)?;
    let w = Write::begin(db, Some(&actor.name)).await?;
    let stored = update_solution_in(&w, solution_id, &edit, input.version).await?;
    w.commit().await?;
    Ok(stored)
}

/// Step: an edit of a solution still at `version` (if named), logged on its card.
pub async fn update_solution_in(
    w: &Write,
    solution_id: SolutionId,
    edit: &NewSolution,
    version: Option<i64>,
) -> Result<Solution, AppError> {
    let existing = store::solutions::find(w.txn(), solution_id.uuid()).await?;
    store::lock_card(w.txn(), existing.card_id).await?;
    store::cards::find(w.txn(), existing.card_id).await?;
    let stored = store::solutions::update(w.txn(), &existing, edit, version).await?;
    w.after_change(
        Change::card(ChangeKind::SolutionEdited, existing.card_id).note(edit.title.as_str()),
    )
    .await?;
    Ok(stored)
}

/// Adds the actor's comment (Markdown) to a card.
pub async fn add_comment(
    db: &DatabaseConnection,
    card_id: CardId,
    input: &CommentInput,
    actor: &Actor,
) -> Result<Comment, AppError> {
    let account = actor.require(Permission::EditBoard)?;
    let body = Description::parse(&input.body)?;
    if body.as_str().trim().is_empty() {
        return Err(AppError::Validation("comment must not be empty".into()));
    }
    let w = Write::begin(db, Some(&account.name)).await?;
    store::cards::find(w.txn(), card_id.uuid()).await?;
    let id = store::comments::add(w.txn(), card_id.uuid(), &account.name, &body).await?;
    w.after_change(Change::card(ChangeKind::Commented, card_id))
        .await?;
    let stored = load::comment(w.txn(), id).await?;
    w.commit().await?;
    Ok(stored)
}
