//! Repository of cards with their tags and solutions, the evidence gates read, stage
//! moves and the activity log.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, sea_query::Expr,
};
use uuid::Uuid;

use super::StoreError;
use super::entities::{activity, adoption, card, card_tag, solution, tag, workflow_version};
use super::workflow::CurrentWorkflow;
use crate::domain::{
    ActivityItem, Adoption, AdoptionStatus, CardDetail, CardEvidence, CardState, CardTitle,
    Description, DomainError, Solution, SolutionEvidence, SolutionKind, TagName,
};

/// A challenge to add to the board.
#[derive(Debug, Clone)]
pub struct NewCard {
    pub title: CardTitle,
    pub description: Description,
    pub tags: Vec<TagName>,
}

/// A solution to add to a card.
#[derive(Debug, Clone)]
pub struct NewSolution {
    pub title: CardTitle,
    pub kind: SolutionKind,
    pub summary: Description,
    /// A public http(s) link to the materials, if any.
    pub url: Option<String>,
    /// Where the solution landed, e.g. "Patterns working group".
    pub landed_in: Option<String>,
}

/// One entry to write into the activity log.
#[derive(Debug, Clone)]
pub struct ActivityEntry<'a> {
    pub card_id: Uuid,
    pub actor: Option<&'a str>,
    pub kind: &'a str,
    pub from_stage: Option<&'a str>,
    pub to_stage: Option<&'a str>,
    pub note: &'a str,
}

/// Appends an entry to the activity log under the given workflow version, refreshes the
/// card's catalogue entries and publishes the change to open pages.
pub async fn record(
    db: &impl ConnectionTrait,
    workflow_version_id: Uuid,
    entry: ActivityEntry<'_>,
) -> Result<(), StoreError> {
    activity::Entity::insert(activity::ActiveModel {
        id: Set(Uuid::new_v4()),
        card_id: Set(entry.card_id),
        actor: Set(entry.actor.map(str::to_owned)),
        kind: Set(entry.kind.to_owned()),
        from_stage: Set(entry.from_stage.map(str::to_owned)),
        to_stage: Set(entry.to_stage.map(str::to_owned)),
        note: Set(entry.note.to_owned()),
        workflow_version_id: Set(workflow_version_id),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await?;
    // Every logged change to a card passes here: bring its catalogue entries up to date
    // in the same transaction.
    super::catalog::refresh_card(db, entry.card_id).await?;
    // ...and tell open pages.
    super::events::publish(db, entry.kind, Some(entry.card_id), entry.actor).await?;
    Ok(())
}

/// Creates a card in the workflow's first stage; returns its id.
pub async fn create(
    db: &impl ConnectionTrait,
    workflow: &CurrentWorkflow,
    new: &NewCard,
    actor: Option<&str>,
) -> Result<Uuid, StoreError> {
    let id = Uuid::new_v4();
    let now = Utc::now();
    let first = workflow.workflow.first().key.as_str().to_owned();
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
    })
    .exec_without_returning(db)
    .await?;
    attach_tags(db, id, &new.tags).await?;
    record(
        db,
        workflow.id,
        ActivityEntry {
            card_id: id,
            actor,
            kind: "created",
            from_stage: None,
            to_stage: Some(&first),
            note: "",
        },
    )
    .await?;
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

/// Adds a solution to a card and logs it; returns the solution's id.
pub async fn add_solution(
    db: &impl ConnectionTrait,
    workflow: &CurrentWorkflow,
    card_id: Uuid,
    new: &NewSolution,
    actor: Option<&str>,
) -> Result<Uuid, StoreError> {
    let card = find(db, card_id).await?;
    let id = Uuid::new_v4();
    let now = Utc::now();
    solution::Entity::insert(solution::ActiveModel {
        id: Set(id),
        card_id: Set(card.id),
        title: Set(new.title.as_str().to_owned()),
        kind: Set(new.kind.key().to_owned()),
        summary: Set(new.summary.as_str().to_owned()),
        url: Set(new.url.clone()),
        landed_in: Set(new.landed_in.clone()),
        slug: Set(Some(
            super::catalog::unique_slug(db, new.title.as_str()).await?,
        )),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    })
    .exec_without_returning(db)
    .await?;
    record(
        db,
        workflow.id,
        ActivityEntry {
            card_id,
            actor,
            kind: "solution_added",
            from_stage: None,
            to_stage: None,
            note: new.title.as_str(),
        },
    )
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

/// Every card that is not archived, in board order.
pub async fn list_open(db: &impl ConnectionTrait) -> Result<Vec<card::Model>, StoreError> {
    Ok(card::Entity::find()
        .filter(card::Column::Archived.eq(false))
        .order_by_asc(card::Column::Position)
        .order_by_asc(card::Column::CreatedAt)
        .all(db)
        .await?)
}

/// The tags of each of the given cards, sorted by name.
pub async fn tags_of(
    db: &impl ConnectionTrait,
    card_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<String>>, StoreError> {
    let links = card_tag::Entity::find()
        .filter(card_tag::Column::CardId.is_in(card_ids.iter().copied()))
        .all(db)
        .await?;
    let names: HashMap<Uuid, String> = tag::Entity::find()
        .filter(tag::Column::Id.is_in(links.iter().map(|l| l.tag_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let mut tags: HashMap<Uuid, Vec<String>> = HashMap::new();
    for link in links {
        if let Some(name) = names.get(&link.tag_id) {
            tags.entry(link.card_id).or_default().push(name.clone());
        }
    }
    for list in tags.values_mut() {
        list.sort();
    }
    Ok(tags)
}

/// What the gates see of each of the given cards.
pub async fn evidence_of(
    db: &impl ConnectionTrait,
    card_ids: &[Uuid],
) -> Result<HashMap<Uuid, CardEvidence>, StoreError> {
    let solutions = solution::Entity::find()
        .filter(solution::Column::CardId.is_in(card_ids.iter().copied()))
        .order_by_asc(solution::Column::CreatedAt)
        .all(db)
        .await?;
    let adoptions = adoption::Entity::find()
        .filter(adoption::Column::SolutionId.is_in(solutions.iter().map(|s| s.id)))
        .all(db)
        .await?;
    let mut evidence: HashMap<Uuid, CardEvidence> = card_ids
        .iter()
        .map(|id| (*id, CardEvidence::default()))
        .collect();
    for s in solutions {
        let mut item = SolutionEvidence {
            public_link: s.url.as_deref().is_some_and(is_http_url),
            ..SolutionEvidence::default()
        };
        item.adopting_companies = adoptions
            .iter()
            .filter(|a| a.solution_id == s.id)
            .map(|a| a.company_id)
            .collect();
        evidence.entry(s.card_id).or_default().solutions.push(item);
    }
    Ok(evidence)
}

fn is_http_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// Moves a card to `to` if the workflow allows it and the card is still at
/// `expected_version`; logs the move with the workflow version it was judged under.
///
/// Must run inside a write transaction (see [`super::begin_write`]).
pub async fn move_card(
    db: &impl ConnectionTrait,
    workflow: &CurrentWorkflow,
    card_id: Uuid,
    to: &str,
    expected_version: i64,
    note: &str,
    actor: Option<&str>,
) -> Result<card::Model, StoreError> {
    super::lock_card(db, card_id).await?;
    let current = find(db, card_id).await?;
    ensure_version(&current, expected_version)?;
    let evidence = evidence_of(db, &[card_id])
        .await?
        .remove(&card_id)
        .unwrap_or_default();
    workflow
        .workflow
        .check_move(&current.stage_key, to, &evidence, note)?;
    workflow
        .workflow
        .check_capacity(to, count_in_stage(db, to).await?)?;
    let changes = card::Entity::update_many()
        .col_expr(card::Column::StageKey, Expr::value(to))
        .col_expr(
            card::Column::Position,
            Expr::value(Utc::now().timestamp_micros()),
        );
    update_if_current(db, card_id, expected_version, changes).await?;
    record(
        db,
        workflow.id,
        ActivityEntry {
            card_id,
            actor,
            kind: "moved",
            from_stage: Some(&current.stage_key),
            to_stage: Some(to),
            note,
        },
    )
    .await?;
    find(db, card_id).await
}

/// The conflict reported when a card changed since the caller read it.
fn stale(current: card::Model) -> StoreError {
    StoreError::Stale(CardState {
        id: current.id,
        title: current.title,
        stage: current.stage_key,
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

/// Edits a card still at `expected_version`, bumping its version; logs the edit.
pub async fn update(
    db: &impl ConnectionTrait,
    workflow: &CurrentWorkflow,
    card_id: Uuid,
    expected_version: i64,
    edit: &CardEdit,
    actor: Option<&str>,
) -> Result<card::Model, StoreError> {
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
        let before = tags_of(db, &[card_id])
            .await?
            .remove(&card_id)
            .unwrap_or_default();
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
    record(
        db,
        workflow.id,
        ActivityEntry {
            card_id,
            actor,
            kind: "edited",
            from_stage: None,
            to_stage: None,
            note: &note,
        },
    )
    .await?;
    find(db, card_id).await
}

/// Archives a card still at `expected_version`: it leaves the board but keeps its history.
pub async fn archive(
    db: &impl ConnectionTrait,
    workflow: &CurrentWorkflow,
    card_id: Uuid,
    expected_version: i64,
    note: &str,
    actor: Option<&str>,
) -> Result<(), StoreError> {
    let current = find(db, card_id).await?;
    ensure_version(&current, expected_version)?;
    let changes = card::Entity::update_many().col_expr(card::Column::Archived, Expr::value(true));
    update_if_current(db, card_id, expected_version, changes).await?;
    record(
        db,
        workflow.id,
        ActivityEntry {
            card_id,
            actor,
            kind: "archived",
            from_stage: Some(&current.stage_key),
            to_stage: None,
            note,
        },
    )
    .await
}

/// Changes a solution's fields and logs it on its card.
pub async fn update_solution(
    db: &impl ConnectionTrait,
    workflow: &CurrentWorkflow,
    solution_id: Uuid,
    edit: &NewSolution,
    expected_version: Option<i64>,
    actor: Option<&str>,
) -> Result<(Uuid, i64), StoreError> {
    let existing = solution::Entity::find_by_id(solution_id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound("solution".into()))?;
    super::lock_card(db, existing.card_id).await?;
    find(db, existing.card_id).await?;
    super::check_version("solution", expected_version, existing.version)?;
    solution::Entity::update_many()
        .col_expr(solution::Column::Version, Expr::value(existing.version + 1))
        .col_expr(solution::Column::Title, Expr::value(edit.title.as_str()))
        .col_expr(solution::Column::Kind, Expr::value(edit.kind.key()))
        .col_expr(
            solution::Column::Summary,
            Expr::value(edit.summary.as_str()),
        )
        .col_expr(solution::Column::Url, Expr::value(edit.url.clone()))
        .col_expr(
            solution::Column::LandedIn,
            Expr::value(edit.landed_in.clone()),
        )
        .col_expr(solution::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(solution::Column::Id.eq(solution_id))
        .filter(solution::Column::Version.eq(existing.version))
        .exec(db)
        .await?;
    record(
        db,
        workflow.id,
        ActivityEntry {
            card_id: existing.card_id,
            actor,
            kind: "solution_edited",
            from_stage: None,
            to_stage: None,
            note: edit.title.as_str(),
        },
    )
    .await?;
    Ok((existing.card_id, existing.version + 1))
}

/// The card a solution belongs to.
pub async fn card_of_solution(
    db: &impl ConnectionTrait,
    solution_id: Uuid,
) -> Result<Uuid, StoreError> {
    solution::Entity::find_by_id(solution_id)
        .one(db)
        .await?
        .map(|s| s.card_id)
        .ok_or_else(|| StoreError::NotFound("solution".into()))
}

/// Everything the card page shows: the card, its solutions, adoptions and activity.
pub async fn detail(db: &impl ConnectionTrait, card_id: Uuid) -> Result<CardDetail, StoreError> {
    let card = find(db, card_id).await?;
    let tags = tags_of(db, &[card_id])
        .await?
        .remove(&card_id)
        .unwrap_or_default();
    let evidence = evidence_of(db, &[card_id])
        .await?
        .remove(&card_id)
        .unwrap_or_default();
    let solution_rows = solution::Entity::find()
        .filter(solution::Column::CardId.eq(card_id))
        .order_by_asc(solution::Column::CreatedAt)
        .all(db)
        .await?;
    let adoption_rows = adoption::Entity::find()
        .filter(adoption::Column::SolutionId.is_in(solution_rows.iter().map(|s| s.id)))
        .order_by_asc(adoption::Column::CreatedAt)
        .all(db)
        .await?;
    let companies =
        super::companies::by_ids(db, adoption_rows.iter().map(|a| a.company_id)).await?;
    let versions: HashMap<Uuid, i32> = workflow_version::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v.number))
        .collect();
    let solutions = solution_rows
        .into_iter()
        .map(|s| {
            Ok(Solution {
                id: s.id,
                title: s.title,
                kind: SolutionKind::parse(&s.kind)?,
                summary: s.summary,
                url: s.url,
                landed_in: s.landed_in,
                version: s.version,
            })
        })
        .collect::<Result<Vec<_>, DomainError>>()?;
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
    let activity = activity::Entity::find()
        .filter(activity::Column::CardId.eq(card_id))
        .order_by_desc(activity::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|a| ActivityItem {
            id: a.id,
            at: a.created_at,
            actor: a.actor,
            kind: a.kind,
            from_stage: a.from_stage,
            to_stage: a.to_stage,
            note: a.note,
            workflow_version: versions.get(&a.workflow_version_id).copied().unwrap_or(0),
        })
        .collect();
    Ok(CardDetail {
        id: card.id,
        title: card.title,
        description: card.description,
        tags,
        stage: card.stage_key,
        version: card.version,
        archived: card.archived,
        created_at: card.created_at,
        updated_at: card.updated_at,
        solutions,
        adoptions,
        activity,
        evidence,
        comments: super::comments::of_card(db, card_id).await?,
    })
}

/// The public address (slug) of a solution.
pub async fn slug_of_solution(
    db: &impl ConnectionTrait,
    solution_id: Uuid,
) -> Result<String, StoreError> {
    solution::Entity::find_by_id(solution_id)
        .one(db)
        .await?
        .and_then(|s| s.slug)
        .ok_or_else(|| StoreError::NotFound("solution".into()))
}

/// Every solution of an open card as `(id, "title (answers: challenge)")`, by title.
pub async fn solution_options(
    db: &impl ConnectionTrait,
) -> Result<Vec<(Uuid, String)>, StoreError> {
    let cards: HashMap<Uuid, String> = list_open(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    let mut options: Vec<(Uuid, String)> = solution::Entity::find()
        .filter(solution::Column::CardId.is_in(cards.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|s| {
            let challenge = cards.get(&s.card_id)?;
            Some((s.id, format!("{} (answers: {challenge})", s.title)))
        })
        .collect();
    options.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(options)
}
