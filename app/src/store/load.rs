//! Shared loaders: what several repositories read about cards — their tags, solutions and
//! adoptions, gate evidence, comments and activity — and companies by id. Each join is
//! written once, here. This module imports no repository, so repositories may use it and
//! stay leaves.

use std::collections::HashMap;

use sea_orm::sea_query::{Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PrimaryKeyTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use super::StoreError;
use super::entities::{
    activity, adoption, card, card_tag, comment, company, solution, tag, workflow_version,
};
use crate::domain::{
    ActivityItem, AdoptionStatus, CardEvidence, ChangeKind, Comment, Solution, SolutionEvidence,
    SolutionKind, StageKey,
};

/// The row of `E` with this id; none is "`what` not found".
pub async fn by_id<E>(
    db: &impl ConnectionTrait,
    id: Uuid,
    what: &str,
) -> Result<E::Model, StoreError>
where
    E: EntityTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
{
    E::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound(what.to_owned()))
}

/// Which cards a loader reads for: a list, or every open card (the board, whatever its
/// size: a subquery instead of one parameter per card).
#[derive(Debug, Clone, Copy)]
pub enum Which<'a> {
    Ids(&'a [Uuid]),
    Open,
}

impl Which<'_> {
    /// `column` (a card id) is one of these cards.
    fn holds(self, column: impl ColumnTrait) -> SimpleExpr {
        match self {
            Which::Ids(ids) => column.is_in(ids.iter().copied()),
            Which::Open => column.in_subquery(
                Query::select()
                    .column(card::Column::Id)
                    .from(card::Entity)
                    .and_where(card::Column::Archived.eq(false))
                    .to_owned(),
            ),
        }
    }
}

/// The tags of each of the given cards, sorted by name.
pub async fn tags_of(
    db: &impl ConnectionTrait,
    card_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<String>>, StoreError> {
    tags_where(db, Which::Ids(card_ids)).await
}

/// The tags of each of `which` cards, sorted by name.
pub async fn tags_where(
    db: &impl ConnectionTrait,
    which: Which<'_>,
) -> Result<HashMap<Uuid, Vec<String>>, StoreError> {
    let links = card_tag::Entity::find()
        .filter(which.holds(card_tag::Column::CardId))
        .all(db)
        .await?;
    let names: HashMap<Uuid, String> = tag::Entity::find()
        .filter(
            tag::Column::Id.in_subquery(
                Query::select()
                    .column(card_tag::Column::TagId)
                    .from(card_tag::Entity)
                    .and_where(which.holds(card_tag::Column::CardId))
                    .to_owned(),
            ),
        )
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

/// The tags of one card, sorted by name.
pub async fn tags_of_card(
    db: &impl ConnectionTrait,
    card_id: Uuid,
) -> Result<Vec<String>, StoreError> {
    Ok(tags_of(db, &[card_id])
        .await?
        .remove(&card_id)
        .unwrap_or_default())
}

/// The solutions of the given cards, oldest first.
pub async fn solutions_of(
    db: &impl ConnectionTrait,
    card_ids: &[Uuid],
) -> Result<Vec<solution::Model>, StoreError> {
    Ok(solution::Entity::find()
        .filter(solution::Column::CardId.is_in(card_ids.iter().copied()))
        .order_by_asc(solution::Column::CreatedAt)
        .all(db)
        .await?)
}

/// A stored solution as the domain reads it.
pub fn solution(row: solution::Model) -> Result<Solution, StoreError> {
    Ok(Solution {
        id: row.id,
        title: row.title,
        kind: SolutionKind::parse(&row.kind)?,
        summary: row.summary,
        url: row.url,
        landed_in: row.landed_in,
        version: row.version,
    })
}

/// The adoptions of the given solutions, oldest first.
pub async fn adoptions_of(
    db: &impl ConnectionTrait,
    solutions: &[solution::Model],
) -> Result<Vec<adoption::Model>, StoreError> {
    Ok(adoption::Entity::find()
        .filter(adoption::Column::SolutionId.is_in(solutions.iter().map(|s| s.id)))
        .order_by_asc(adoption::Column::CreatedAt)
        .all(db)
        .await?)
}

/// What the gates see of each of the given cards.
pub async fn evidence_of(
    db: &impl ConnectionTrait,
    card_ids: &[Uuid],
) -> Result<HashMap<Uuid, CardEvidence>, StoreError> {
    let mut evidence = evidence_where(db, Which::Ids(card_ids)).await?;
    for id in card_ids {
        evidence.entry(*id).or_default();
    }
    Ok(evidence)
}

/// What the gates see of each of `which` cards that has a solution (two queries).
pub async fn evidence_where(
    db: &impl ConnectionTrait,
    which: Which<'_>,
) -> Result<HashMap<Uuid, CardEvidence>, StoreError> {
    let solutions = solution::Entity::find()
        .filter(which.holds(solution::Column::CardId))
        .order_by_asc(solution::Column::CreatedAt)
        .all(db)
        .await?;
    let adoptions = adoption::Entity::find()
        .filter(
            adoption::Column::SolutionId.in_subquery(
                Query::select()
                    .column(solution::Column::Id)
                    .from(solution::Entity)
                    .and_where(which.holds(solution::Column::CardId))
                    .to_owned(),
            ),
        )
        .order_by_asc(adoption::Column::CreatedAt)
        .all(db)
        .await?;
    let mut companies: HashMap<Uuid, std::collections::BTreeSet<Uuid>> = HashMap::new();
    let mut in_use: HashMap<Uuid, std::collections::BTreeSet<Uuid>> = HashMap::new();
    for a in adoptions {
        if a.status == AdoptionStatus::InUse.key() {
            in_use
                .entry(a.solution_id)
                .or_default()
                .insert(a.company_id);
        }
        companies
            .entry(a.solution_id)
            .or_default()
            .insert(a.company_id);
    }
    let mut evidence: HashMap<Uuid, CardEvidence> = HashMap::new();
    for s in solutions {
        let item = SolutionEvidence {
            public_link: s.url.as_deref().is_some_and(is_http_url),
            adopting_companies: companies.remove(&s.id).unwrap_or_default(),
            in_use_companies: in_use.remove(&s.id).unwrap_or_default(),
        };
        evidence.entry(s.card_id).or_default().solutions.push(item);
    }
    Ok(evidence)
}

/// When each of the given cards last saw activity (its newest activity entry).
pub async fn last_activity_where(
    db: &impl ConnectionTrait,
    which: Which<'_>,
) -> Result<HashMap<Uuid, chrono::DateTime<chrono::Utc>>, StoreError> {
    #[derive(sea_orm::FromQueryResult)]
    struct Row {
        card_id: Uuid,
        newest: chrono::DateTime<chrono::Utc>,
    }
    let rows = activity::Entity::find()
        .select_only()
        .column(activity::Column::CardId)
        .column_as(activity::Column::CreatedAt.max(), "newest")
        .filter(which.holds(activity::Column::CardId))
        .group_by(activity::Column::CardId)
        .into_model::<Row>()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| (r.card_id, r.newest)).collect())
}

/// A card row's parking, if it is parked (an unreadable reason reads as not parked).
pub fn parking_of(row: &card::Model) -> Option<crate::domain::Parking> {
    let reason = crate::domain::ParkReason::parse(row.parked_reason.as_deref()?).ok()?;
    Some(crate::domain::Parking {
        reason,
        note: row.parked_note.clone().unwrap_or_default(),
        since: row.parked_at.unwrap_or(row.updated_at),
    })
}

/// What the gates see of one card.
pub async fn evidence_of_card(
    db: &impl ConnectionTrait,
    card_id: Uuid,
) -> Result<CardEvidence, StoreError> {
    Ok(evidence_of(db, &[card_id])
        .await?
        .remove(&card_id)
        .unwrap_or_default())
}

fn is_http_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// The titles of the given cards, by id.
pub async fn card_titles(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, String>, StoreError> {
    Ok(card::Entity::find()
        .filter(card::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect())
}

/// The stored companies with these ids, by id.
pub async fn companies_by_ids(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, company::Model>, StoreError> {
    Ok(company::Entity::find()
        .filter(company::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect())
}

/// The comments of a card, oldest first: all of them, or the newest `limit`.
pub async fn comments_of(
    db: &impl ConnectionTrait,
    card_id: Uuid,
    limit: Option<u64>,
) -> Result<Vec<Comment>, StoreError> {
    let mut rows = comment::Entity::find()
        .filter(comment::Column::CardId.eq(card_id))
        .order_by_desc(comment::Column::CreatedAt)
        .order_by_desc(comment::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    rows.reverse();
    Ok(rows.into_iter().map(comment_of).collect())
}

/// One comment by its id.
pub async fn comment(db: &impl ConnectionTrait, id: Uuid) -> Result<Comment, StoreError> {
    Ok(comment_of(
        by_id::<comment::Entity>(db, id, "comment").await?,
    ))
}

fn comment_of(c: comment::Model) -> Comment {
    Comment {
        id: c.id,
        author: c.author,
        body: c.body,
        at: c.created_at,
    }
}

/// The activity of a card, newest first: all of it, or the newest `limit` entries.
pub async fn activity_of(
    db: &impl ConnectionTrait,
    card_id: Uuid,
    limit: Option<u64>,
) -> Result<Vec<ActivityItem>, StoreError> {
    let versions = workflow_numbers(db).await?;
    activity::Entity::find()
        .filter(activity::Column::CardId.eq(card_id))
        .order_by_desc(activity::Column::CreatedAt)
        .order_by_desc(activity::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|a| activity_item(a, &versions))
        .collect()
}

/// The newest entry that put a card in `stage` (created there, moved there, or moved
/// there past its gates), however old.
pub async fn last_entry_into(
    db: &impl ConnectionTrait,
    card_id: Uuid,
    stage: &StageKey,
) -> Result<Option<ActivityItem>, StoreError> {
    let kinds = [
        ChangeKind::Created,
        ChangeKind::Moved,
        ChangeKind::GateOverridden,
    ]
    .map(|k| k.key());
    let Some(row) = activity::Entity::find()
        .filter(activity::Column::CardId.eq(card_id))
        .filter(activity::Column::ToStage.eq(stage.as_str()))
        .filter(activity::Column::Kind.is_in(kinds))
        .order_by_desc(activity::Column::CreatedAt)
        .order_by_desc(activity::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(activity_item(row, &workflow_numbers(db).await?)?))
}

/// An activity row as the domain reads it, with the number of the workflow version it was
/// judged under (0 when not known). A kind this version does not know is refused.
pub fn activity_item(
    row: activity::Model,
    versions: &HashMap<Uuid, i32>,
) -> Result<ActivityItem, StoreError> {
    let kind = ChangeKind::parse(&row.kind)?;
    Ok(ActivityItem {
        id: row.id,
        at: row.created_at,
        actor: row.actor,
        kind,
        from_stage: row.from_stage.map(StageKey::stored),
        to_stage: row.to_stage.map(StageKey::stored),
        note: row.note,
        workflow_version: versions.get(&row.workflow_version_id).copied().unwrap_or(0),
        missing: row.missing,
    })
}

/// The number of every stored workflow version, by id.
pub async fn workflow_numbers(db: &impl ConnectionTrait) -> Result<HashMap<Uuid, i32>, StoreError> {
    Ok(workflow_version::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v.number))
        .collect())
}
