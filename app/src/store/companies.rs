//! Repository of companies and their adoptions of solutions.

use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::StoreError;
use super::cards::{ActivityEntry, record};
use super::entities::{adoption, company, solution};
use super::workflow::CurrentWorkflow;
use crate::domain::{AdoptionStatus, CompanyName};

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

/// Records a company; a name that exists already (in any case) is a conflict.
pub async fn create(db: &impl ConnectionTrait, new: &NewCompany) -> Result<Uuid, StoreError> {
    let key = new.name.key();
    let taken = company::Entity::find()
        .filter(company::Column::NameKey.eq(key.clone()))
        .one(db)
        .await?
        .is_some();
    if taken {
        return Err(StoreError::Conflict(format!(
            "a company named \"{}\" already exists",
            new.name.as_str()
        )));
    }
    let id = Uuid::new_v4();
    company::Entity::insert(company::ActiveModel {
        id: Set(id),
        name: Set(new.name.as_str().to_owned()),
        name_key: Set(key),
        public: Set(new.public),
        descriptor: Set(new.descriptor.trim().to_owned()),
        created_at: Set(Utc::now()),
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
    let note = format!("{} — {}", company.name, solution.title);
    record(
        db,
        workflow.id,
        ActivityEntry {
            card_id: solution.card_id,
            actor,
            kind: "adoption_added",
            from_stage: None,
            to_stage: None,
            note: &note,
        },
    )
    .await?;
    Ok(id)
}
