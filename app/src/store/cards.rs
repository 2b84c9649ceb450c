//! Repository of cards: create, edit, tag, archive and move them (a move is checked against
//! the workflow's gates and WIP limits here, on the evidence [`super::load`] reads), and the
//! card as its page shows it. Logging, indexing and announcing a change is the caller's
//! after-change step.

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, sea_query::Expr,
};
use uuid::Uuid;

use super::entities::{activity, card, card_tag, comment, tag};
use super::{StoreError, load};
use crate::domain::{
    Adoption, AdoptionStatus, CardDetail, CardState, CardTitle, Description, DomainError,
    GateCheck, History, StageKey, TagName, Workflow,
};

/// A challenge to add to the board.
#[derive(Debug, Clone)]
pub struct NewCard {
    pub title: CardTitle,
    pub description: Description,
    pub tags: Vec<TagName>,
}

/// Creates a card in the workflow's first stage; returns its id.
pub async fn create(
    db: &impl ConnectionTrait,
    workflow: &Workflow,
    new: &NewCard,
) -> Result<Uuid, StoreError> {
    let id = Uuid::new_v4();
    let now = Utc::now();
    let first = workflow.first().key.as_str().to_owned();
    card::Entity::insert(card::ActiveModel {
        id: Set(id),
        title: Set(new.title.as_str().to_owned()),
        description: Set(new.description.as_str().to_owned()),
        stage_key: Set(first.clone()),
        position: Set(now.timestamp_micros()),
        version: Set(1),
        archived: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        parked_reason: Set(None),
        parked_note: Set(None),
        parked_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    attach_tags(db, id, &new.tags).await?;
    Ok(id)
}

/// Gives a card these tags (creating new ones); tags it has already are kept.
async fn attach_tags(
    db: &impl ConnectionTrait,
    card_id: Uuid,
    tags: &[TagName],
) -> Result<(), StoreError> {
    for name in tags {
        let tag_id = tag_id(db, name).await?;
        card_tag::Entity::insert(card_tag::ActiveModel {
            card_id: Set(card_id),
            tag_id: Set(tag_id),
        })
        .on_conflict_do_nothing()
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// Applies `changes` to a card only if it is still at `expected_version`, bumping its
/// version and update time; otherwise reports the card's current state.
async fn update_if_current(
    db: &impl ConnectionTrait,
    card_id: Uuid,
    expected_version: i64,
    changes: sea_orm::UpdateMany<card::Entity>,
) -> Result<(), StoreError> {
    let updated = changes
        .col_expr(card::Column::Version, Expr::value(expected_version + 1))
        .col_expr(card::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(card::Column::Id.eq(card_id))
        .filter(card::Column::Version.eq(expected_version))
        .exec(db)
        .await?;
    if updated.rows_affected == 1 {
        Ok(())
    } else {
        Err(stale(find(db, card_id).await?))
    }
}

/// The id of a tag, created if new.
async fn tag_id(db: &impl ConnectionTrait, name: &TagName) -> Result<Uuid, StoreError> {
    if let Some(found) = tag::Entity::find()
        .filter(tag::Column::Name.eq(name.as_str()))
        .one(db)
        .await?
    {
        return Ok(found.id);
    }
    let id = Uuid::new_v4();
    tag::Entity::insert(tag::ActiveModel {
        id: Set(id),
        name: Set(name.as_str().to_owned()),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

/// A card that is not archived.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<card::Model, StoreError> {
    card::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|c| !c.archived)
        .ok_or_else(|| StoreError::NotFound("card".into()))
}

/// How many cards are stored, archived ones included.
pub async fn count_all(db: &impl ConnectionTrait) -> Result<u64, StoreError> {
    Ok(card::Entity::find().count(db).await?)
}

/// Every card that is not archived, in board order.
pub async fn list_open(db: &impl ConnectionTrait) -> Result<Vec<card::Model>, StoreError> {
    Ok(card::Entity::find()
        .filter(card::Column::Archived.eq(false))
        .order_by_asc(card::Column::Position)
        .order_by_asc(card::Column::CreatedAt)
        .all(db)
        .await?)
}

/// Moves a card to `to` if the workflow allows it and the card is still at
/// `expected_version`; returns the stage it left and the card now.
///
/// Must run inside a write transaction holding the card's lock ([`super::lock_card`]).
pub async fn move_card(
    db: &impl ConnectionTrait,
    workflow: &Workflow,
    card_id: Uuid,
    to: &str,
    expected_version: i64,
    note: &str,
) -> Result<(String, card::Model), StoreError> {
    let current = find(db, card_id).await?;
    ensure_version(&current, expected_version)?;
    let evidence = load::evidence_of_card(db, card_id).await?;
    workflow.check_move(&current.stage_key, to, &evidence, note)?;
    workflow.check_capacity(to, count_in_stage(db, to).await?)?;
    set_stage(db, card_id, to, expected_version).await?;
    Ok((current.stage_key, find(db, card_id).await?))
}

/// Moves a card forward past gates it may not meet (an admin's override, with `reason`);
/// returns the stage it left, the card now and the gates it was moved past unmet.
///
/// Must run inside a write transaction holding the card's lock ([`super::lock_card`]).
pub async fn move_card_overriding(
    db: &impl ConnectionTrait,
    workflow: &Workflow,
    card_id: Uuid,
    to: &str,
    expected_version: i64,
    reason: &str,
) -> Result<(String, card::Model, Vec<GateCheck>), StoreError> {
    let current = find(db, card_id).await?;
    ensure_version(&current, expected_version)?;
    let evidence = load::evidence_of_card(db, card_id).await?;
    let passed_over = workflow.check_override(&current.stage_key, to, &evidence, reason)?;
    workflow.check_capacity(to, count_in_stage(db, to).await?)?;
    set_stage(db, card_id, to, expected_version).await?;
    Ok((current.stage_key, find(db, card_id).await?, passed_over))
}

/// Parks a card (`reason`, `note`) or, with `None`, takes it up again, if it is still at
/// `expected_version`; returns the card now.
pub async fn set_parking(
    db: &impl ConnectionTrait,
    card_id: Uuid,
    expected_version: i64,
    parking: Option<(&str, &str)>,
) -> Result<card::Model, StoreError> {
    let current = find(db, card_id).await?;
    ensure_version(&current, expected_version)?;
    let (reason, note, at) = match parking {
        Some((reason, note)) => (
            Some(reason.to_owned()),
            Some(note.to_owned()),
            Some(Utc::now()),
        ),
        None => (None, None, None),
    };
    let changes = card::Entity::update_many()
        .col_expr(card::Column::ParkedReason, Expr::value(reason))
        .col_expr(card::Column::ParkedNote, Expr::value(note))
        .col_expr(card::Column::ParkedAt, Expr::value(at));
    update_if_current(db, card_id, expected_version, changes).await?;
    find(db, card_id).await
}

/// Puts a card whose stage a new workflow version removes into `to` (no gate is
/// checked: the card leaves a stage that no longer exists); returns the card now.
pub async fn relocate(
    db: &impl ConnectionTrait,
    card_id: Uuid,
    to: &str,
) -> Result<card::Model, StoreError> {
    let current = find(db, card_id).await?;
    set_stage(db, card_id, to, current.version).await?;
    find(db, card_id).await
}

/// The stage change itself: the card goes to the end of `to`.
async fn set_stage(
    db: &impl ConnectionTrait,
    card_id: Uuid,
    to: &str,
    expected_version: i64,
) -> Result<(), StoreError> {
    let changes = card::Entity::update_many()
        .col_expr(card::Column::StageKey, Expr::value(to))
        .col_expr(
            card::Column::Position,
            Expr::value(Utc::now().timestamp_micros()),
        );
    update_if_current(db, card_id, expected_version, changes).await
}

/// The conflict reported when a card changed since the caller read it.
fn stale(current: card::Model) -> StoreError {
    StoreError::Stale(CardState {
        id: current.id,
        title: current.title,
        stage: StageKey::stored(current.stage_key),
        version: current.version,
    })
}

fn ensure_version(current: &card::Model, expected_version: i64) -> Result<(), StoreError> {
    if current.version == expected_version {
        Ok(())
    } else {
        Err(stale(current.clone()))
    }
}

/// Number of open cards in a stage.
pub async fn count_in_stage(db: &impl ConnectionTrait, stage: &str) -> Result<u32, StoreError> {
    let count = card::Entity::find()
        .filter(card::Column::Archived.eq(false))
        .filter(card::Column::StageKey.eq(stage))
        .count(db)
        .await?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

/// New values for a card's text; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct CardEdit {
    pub title: Option<CardTitle>,
    pub description: Option<Description>,
    pub tags: Option<Vec<TagName>>,
}

/// Edits a card still at `expected_version`, bumping its version; returns the card now and
/// a note saying what changed ("changed title, tags" or "no change").
pub async fn update(
    db: &impl ConnectionTrait,
    card_id: Uuid,
    expected_version: i64,
    edit: &CardEdit,
) -> Result<(card::Model, String), StoreError> {
    let current = find(db, card_id).await?;
    ensure_version(&current, expected_version)?;
    let mut changed = Vec::new();
    let mut query = card::Entity::update_many();
    if let Some(title) = &edit.title
        && title.as_str() != current.title
    {
        query = query.col_expr(card::Column::Title, Expr::value(title.as_str()));
        changed.push("title");
    }
    if let Some(description) = &edit.description
        && description.as_str() != current.description
    {
        query = query.col_expr(card::Column::Description, Expr::value(description.as_str()));
        changed.push("description");
    }
    update_if_current(db, card_id, expected_version, query).await?;
    if let Some(tags) = &edit.tags {
        let before = load::tags_of_card(db, card_id).await?;
        let mut after: Vec<String> = tags.iter().map(|t| t.as_str().to_owned()).collect();
        after.sort();
        after.dedup();
        if before != after {
            card_tag::Entity::delete_many()
                .filter(card_tag::Column::CardId.eq(card_id))
                .exec(db)
                .await?;
            attach_tags(db, card_id, tags).await?;
            changed.push("tags");
        }
    }
    let note = if changed.is_empty() {
        "no change".to_owned()
    } else {
        format!("changed {}", changed.join(", "))
    };
    Ok((find(db, card_id).await?, note))
}

/// Archives a card still at `expected_version`: it leaves the board but keeps its history.
/// Returns the stage it left.
pub async fn archive(
    db: &impl ConnectionTrait,
    card_id: Uuid,
    expected_version: i64,
) -> Result<String, StoreError> {
    let current = find(db, card_id).await?;
    ensure_version(&current, expected_version)?;
    let changes = card::Entity::update_many().col_expr(card::Column::Archived, Expr::value(true));
    update_if_current(db, card_id, expected_version, changes).await?;
    Ok(current.stage_key)
}

/// Everything the card page shows: the card, its solutions, adoptions, and as much of its
/// activity and comments as `history` asks for, with how many there are in all.
pub async fn detail(
    db: &impl ConnectionTrait,
    card_id: Uuid,
    history: History,
) -> Result<CardDetail, StoreError> {
    let card = find(db, card_id).await?;
    let tags = load::tags_of_card(db, card_id).await?;
    let evidence = load::evidence_of_card(db, card_id).await?;
    let solution_rows = load::solutions_of(db, &[card_id]).await?;
    let adoption_rows = load::adoptions_of(db, &solution_rows).await?;
    let companies = load::companies_by_ids(db, adoption_rows.iter().map(|a| a.company_id)).await?;
    let solutions = solution_rows
        .into_iter()
        .map(load::solution)
        .collect::<Result<Vec<_>, _>>()?;
    let adoptions = adoption_rows
        .into_iter()
        .map(|a| {
            let company = companies.get(&a.company_id);
            Ok(Adoption {
                id: a.id,
                solution_id: a.solution_id,
                company_id: a.company_id,
                company_name: company.map(|c| c.name.clone()).unwrap_or_default(),
                company_public: company.is_some_and(|c| c.public),
                company_descriptor: company.map(|c| c.descriptor.clone()).unwrap_or_default(),
                status: AdoptionStatus::parse(&a.status)?,
                since: a.since,
                evidence_url: a.evidence_url,
                notes: a.notes,
                version: a.version,
            })
        })
        .collect::<Result<Vec<_>, DomainError>>()?;
    let limit = history.limit();
    let activity = load::activity_of(db, card_id, limit).await?;
    let comments = load::comments_of(db, card_id, limit).await?;
    // Counted only when the list may have been cut short.
    let activity_total = match limit {
        Some(n) if activity.len() as u64 >= n => {
            activity::Entity::find()
                .filter(activity::Column::CardId.eq(card_id))
                .count(db)
                .await?
        }
        _ => activity.len() as u64,
    };
    let comments_total = match limit {
        Some(n) if comments.len() as u64 >= n => {
            comment::Entity::find()
                .filter(comment::Column::CardId.eq(card_id))
                .count(db)
                .await?
        }
        _ => comments.len() as u64,
    };
    let parked = load::parking_of(&card);
    Ok(CardDetail {
        parked,
        id: card.id,
        title: card.title,
        description: card.description,
        tags,
        stage: StageKey::stored(card.stage_key),
        version: card.version,
        archived: card.archived,
        created_at: card.created_at,
        updated_at: card.updated_at,
        solutions,
        adoptions,
        activity,
        activity_total,
        evidence,
        comments,
        comments_total,
    })
}
