//! Repository of solutions: what answers a card's challenge, with its public address (a
//! slug set once) and its version.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, sea_query::Expr,
};
use uuid::Uuid;

use super::entities::{card, solution};
use super::{StoreError, check_version, load};
use crate::domain::catalog::slugify;
use crate::domain::{CardTitle, Description, Solution, SolutionKind};

/// A solution to add to a card, or the new values of one.
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

/// The stored solution.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<solution::Model, StoreError> {
    load::by_id::<solution::Entity>(db, id, "solution").await
}

/// Adds a solution to a card; returns its id.
pub async fn add(
    db: &impl ConnectionTrait,
    card_id: Uuid,
    new: &NewSolution,
) -> Result<Uuid, StoreError> {
    let id = Uuid::new_v4();
    let now = Utc::now();
    solution::Entity::insert(solution::ActiveModel {
        id: Set(id),
        card_id: Set(card_id),
        title: Set(new.title.as_str().to_owned()),
        kind: Set(new.kind.key().to_owned()),
        summary: Set(new.summary.as_str().to_owned()),
        url: Set(new.url.clone()),
        landed_in: Set(new.landed_in.clone()),
        slug: Set(Some(unique_slug(db, new.title.as_str()).await?)),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

/// Changes a solution's fields if it is still at `expected_version` (none named: whatever
/// is current); returns the solution now.
pub async fn update(
    db: &impl ConnectionTrait,
    existing: &solution::Model,
    edit: &NewSolution,
    expected_version: Option<i64>,
) -> Result<Solution, StoreError> {
    check_version("solution", expected_version, existing.version)?;
    let updated = solution::Entity::update_many()
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
        .filter(solution::Column::Id.eq(existing.id))
        .filter(solution::Column::Version.eq(existing.version))
        .exec(db)
        .await?;
    let now = find(db, existing.id).await?;
    if updated.rows_affected == 0 {
        check_version("solution", Some(existing.version), now.version)?;
    }
    load::solution(now)
}

/// The public address (slug) of a solution.
pub async fn slug_of(db: &impl ConnectionTrait, solution_id: Uuid) -> Result<String, StoreError> {
    find(db, solution_id)
        .await?
        .slug
        .ok_or_else(|| StoreError::NotFound("solution".into()))
}

/// Every solution of an open card as `(id, "title (answers: challenge)")`, by title.
pub async fn options(db: &impl ConnectionTrait) -> Result<Vec<(Uuid, String)>, StoreError> {
    let cards: HashMap<Uuid, String> = card::Entity::find()
        .filter(card::Column::Archived.eq(false))
        .all(db)
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

/// A slug for a new solution titled `title`, not used by any other solution.
pub async fn unique_slug(db: &impl ConnectionTrait, title: &str) -> Result<String, StoreError> {
    let base = slugify(title);
    for n in 1..=50u32 {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let taken = solution::Entity::find()
            .filter(solution::Column::Slug.eq(candidate.as_str()))
            .count(db)
            .await?
            > 0;
        if !taken {
            return Ok(candidate);
        }
    }
    let suffix = Uuid::new_v4().simple().to_string();
    Ok(format!("{base}-{}", &suffix[..8]))
}

/// Gives slugs to solutions stored before slugs existed; returns how many it gave.
pub async fn fill_missing_slugs(db: &impl ConnectionTrait) -> Result<usize, StoreError> {
    let missing = solution::Entity::find()
        .filter(solution::Column::Slug.is_null())
        .order_by_asc(solution::Column::CreatedAt)
        .all(db)
        .await?;
    for s in &missing {
        let slug = unique_slug(db, &s.title).await?;
        solution::Entity::update_many()
            .col_expr(solution::Column::Slug, Expr::value(slug))
            .filter(solution::Column::Id.eq(s.id))
            .exec(db)
            .await?;
    }
    Ok(missing.len())
}
