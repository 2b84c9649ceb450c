//! Repository of companies and their adoptions of solutions.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};
use uuid::Uuid;

use super::StoreError;
use super::cards::{ActivityEntry, record};
use super::entities::{adoption, company, solution};
use super::workflow::CurrentWorkflow;
use crate::domain::{AdoptionStatus, Company, CompanyName};

/// A company to record.
#[derive(Debug, Clone)]
pub struct NewCompany {
    pub name: CompanyName,
    /// Whether the company may be named publicly.
    pub public: bool,
    /// What anonymised pages say instead of the name, e.g. "a large financial services
    /// company".
    pub descriptor: String,
}

/// A company's use of a solution.
#[derive(Debug, Clone)]
pub struct NewAdoption {
    pub company_id: Uuid,
    pub status: AdoptionStatus,
    pub since: Option<NaiveDate>,
    pub evidence_url: Option<String>,
    pub notes: String,
}

/// The comparison key of `name`, if no other company (than `except`) uses it.
async fn name_key_if_free(
    db: &impl ConnectionTrait,
    name: &CompanyName,
    except: Option<Uuid>,
) -> Result<String, StoreError> {
    let key = name.key();
    let mut query = company::Entity::find().filter(company::Column::NameKey.eq(key.clone()));
    if let Some(id) = except {
        query = query.filter(company::Column::Id.ne(id));
    }
    if query.one(db).await?.is_some() {
        return Err(StoreError::Conflict(format!(
            "a company named \"{}\" already exists",
            name.as_str()
        )));
    }
    Ok(key)
}

/// Writes an adoption change into the activity log of the solution's card.
async fn log_adoption(
    db: &impl ConnectionTrait,
    workflow: &CurrentWorkflow,
    kind: &str,
    company_name: &str,
    solution: &solution::Model,
    actor: Option<&str>,
) -> Result<(), StoreError> {
    let note = format!("{company_name} — {}", solution.title);
    record(
        db,
        workflow.id,
        ActivityEntry {
            card_id: solution.card_id,
            actor,
            kind,
            from_stage: None,
            to_stage: None,
            note: &note,
        },
    )
    .await
}

/// Records a company; a name that exists already (in any case) is a conflict.
pub async fn create(db: &impl ConnectionTrait, new: &NewCompany) -> Result<Uuid, StoreError> {
    let key = name_key_if_free(db, &new.name, None).await?;
    let id = Uuid::new_v4();
    company::Entity::insert(company::ActiveModel {
        id: Set(id),
        name: Set(new.name.as_str().to_owned()),
        name_key: Set(key),
        public: Set(new.public),
        descriptor: Set(new.descriptor.trim().to_owned()),
        created_at: Set(Utc::now()),
        version: Set(1),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

/// Records that a company uses a solution, and logs it on the solution's card.
pub async fn add_adoption(
    db: &impl ConnectionTrait,
    workflow: &CurrentWorkflow,
    solution_id: Uuid,
    new: &NewAdoption,
    actor: Option<&str>,
) -> Result<Uuid, StoreError> {
    let solution = solution::Entity::find_by_id(solution_id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound("solution".into()))?;
    super::lock_card(db, solution.card_id).await?;
    let company = company::Entity::find_by_id(new.company_id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound("company".into()))?;
    let id = Uuid::new_v4();
    adoption::Entity::insert(adoption::ActiveModel {
        id: Set(id),
        solution_id: Set(solution.id),
        company_id: Set(company.id),
        status: Set(new.status.key().to_owned()),
        since: Set(new.since),
        evidence_url: Set(new.evidence_url.clone()),
        notes: Set(new.notes.trim().to_owned()),
        created_at: Set(Utc::now()),
        version: Set(1),
    })
    .exec_without_returning(db)
    .await
    .map_err(|e| match StoreError::from(e) {
        StoreError::Conflict(_) => StoreError::Conflict(format!(
            "{} has already adopted \"{}\"",
            company.name, solution.title
        )),
        other => other,
    })?;
    log_adoption(
        db,
        workflow,
        "adoption_added",
        &company.name,
        &solution,
        actor,
    )
    .await?;
    Ok(id)
}

fn to_view(row: company::Model) -> Company {
    Company {
        id: row.id,
        name: row.name,
        public: row.public,
        descriptor: row.descriptor,
        version: row.version,
    }
}

/// Every company, by name.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Company>, StoreError> {
    Ok(company::Entity::find()
        .order_by_asc(company::Column::NameKey)
        .all(db)
        .await?
        .into_iter()
        .map(to_view)
        .collect())
}

/// One company.
pub async fn get(db: &impl ConnectionTrait, id: Uuid) -> Result<Company, StoreError> {
    company::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(to_view)
        .ok_or_else(|| StoreError::NotFound("company".into()))
}

/// Changes an adoption's status, date, evidence and notes; logs it on the card. Returns
/// the card's id.
pub async fn update_adoption(
    db: &impl ConnectionTrait,
    workflow: &CurrentWorkflow,
    adoption_id: Uuid,
    edit: &NewAdoption,
    expected_version: Option<i64>,
    actor: Option<&str>,
) -> Result<Uuid, StoreError> {
    let existing = adoption::Entity::find_by_id(adoption_id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound("adoption".into()))?;
    let solution = solution::Entity::find_by_id(existing.solution_id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound("solution".into()))?;
    super::lock_card(db, solution.card_id).await?;
    super::check_version("adoption", expected_version, existing.version)?;
    let company = get(db, existing.company_id).await?;
    adoption::Entity::update_many()
        .col_expr(adoption::Column::Version, Expr::value(existing.version + 1))
        .col_expr(adoption::Column::Status, Expr::value(edit.status.key()))
        .col_expr(adoption::Column::Since, Expr::value(edit.since))
        .col_expr(
            adoption::Column::EvidenceUrl,
            Expr::value(edit.evidence_url.clone()),
        )
        .col_expr(adoption::Column::Notes, Expr::value(edit.notes.trim()))
        .filter(adoption::Column::Id.eq(adoption_id))
        .filter(adoption::Column::Version.eq(existing.version))
        .exec(db)
        .await?;
    log_adoption(
        db,
        workflow,
        "adoption_edited",
        &company.name,
        &solution,
        actor,
    )
    .await?;
    Ok(solution.card_id)
}

/// Changes a company's name, whether it may be named publicly, and its descriptor; a name
/// another company has (in any case) is a conflict.
pub async fn update(
    db: &impl ConnectionTrait,
    id: Uuid,
    edit: &NewCompany,
    expected_version: Option<i64>,
) -> Result<Company, StoreError> {
    let existing = get(db, id).await?;
    super::check_version("company", expected_version, existing.version)?;
    let key = name_key_if_free(db, &edit.name, Some(id)).await?;
    let updated = company::Entity::update_many()
        .col_expr(company::Column::Version, Expr::value(existing.version + 1))
        .col_expr(company::Column::Name, Expr::value(edit.name.as_str()))
        .col_expr(company::Column::NameKey, Expr::value(key))
        .col_expr(company::Column::Public, Expr::value(edit.public))
        .col_expr(
            company::Column::Descriptor,
            Expr::value(edit.descriptor.trim()),
        )
        .filter(company::Column::Id.eq(id))
        .filter(company::Column::Version.eq(existing.version))
        .exec(db)
        .await?;
    // Changed by someone else between the read and the write.
    if updated.rows_affected == 0 {
        let now = get(db, id).await?;
        super::check_version("company", Some(existing.version), now.version)?;
    }
    // Its name or naming shows in the catalogue entries of what it adopted.
    super::catalog::refresh_company(db, id).await?;
    super::events::publish(db, "company_edited", None, None).await?;
    get(db, id).await
}

/// The stored companies with these ids, by id.
pub async fn by_ids(
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
