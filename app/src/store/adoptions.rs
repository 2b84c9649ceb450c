//! Repository of adoptions: one company's use of one solution, the evidence gates count.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr,
};
use uuid::Uuid;

use super::entities::adoption;
use super::{StoreError, check_version, load};
use crate::domain::AdoptionStatus;

/// A company's use of a solution, or the new values of one.
#[derive(Debug, Clone)]
pub struct NewAdoption {
    pub company_id: Uuid,
    pub status: AdoptionStatus,
    pub since: Option<NaiveDate>,
    pub evidence_url: Option<String>,
    pub notes: String,
}

/// The stored adoption.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<adoption::Model, StoreError> {
    load::by_id::<adoption::Entity>(db, id, "adoption").await
}

/// Changes an adoption's status, date, evidence and notes if it is still at
/// `expected_version` (none named: whatever is current).
pub async fn update(
    db: &impl ConnectionTrait,
    existing: &adoption::Model,
    edit: &NewAdoption,
    expected_version: Option<i64>,
) -> Result<(), StoreError> {
    check_version("adoption", expected_version, existing.version)?;
    let updated = adoption::Entity::update_many()
        .col_expr(adoption::Column::Version, Expr::value(existing.version + 1))
        .col_expr(adoption::Column::Status, Expr::value(edit.status.key()))
        .col_expr(adoption::Column::Since, Expr::value(edit.since))
        .col_expr(
            adoption::Column::EvidenceUrl,
            Expr::value(edit.evidence_url.clone()),
        )
        .col_expr(adoption::Column::Notes, Expr::value(edit.notes.trim()))
        .filter(adoption::Column::Id.eq(existing.id))
        .filter(adoption::Column::Version.eq(existing.version))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        let now = find(db, existing.id).await?;
        check_version("adoption", Some(existing.version), now.version)?;
    }
    Ok(())
}

/// Records that a company uses a solution; returns the adoption's id. A company that has
/// adopted the solution already is a conflict.
pub async fn add(
    db: &impl ConnectionTrait,
    solution_id: Uuid,
    new: &NewAdoption,
) -> Result<Uuid, StoreError> {
    let id = Uuid::new_v4();
    adoption::Entity::insert(adoption::ActiveModel {
        id: Set(id),
        solution_id: Set(solution_id),
        company_id: Set(new.company_id),
        status: Set(new.status.key().to_owned()),
        since: Set(new.since),
        evidence_url: Set(new.evidence_url.clone()),
        notes: Set(new.notes.trim().to_owned()),
        created_at: Set(Utc::now()),
        version: Set(1),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}
