//! Company and adoption operations.

use chrono::NaiveDate;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::api::AppError;
use crate::api::dto::{AdoptionInput, CompanyInput};
use crate::auth::Actor;
use crate::domain::{
    AdoptionStatus, Company, CompanyName, DomainError, Permission, WebLink, bounded,
};
use crate::store::companies::{NewAdoption, NewCompany};
use crate::store::{self, begin_write, workflow};

fn parse_adoption(input: &AdoptionInput) -> Result<NewAdoption, AppError> {
    let since =
        match input.since.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                DomainError::BadDate {
                    field: "since".into(),
                }
            })?),
        };
    Ok(NewAdoption {
        company_id: input.company_id,
        status: AdoptionStatus::parse(&input.status)?,
        since,
        evidence_url: WebLink::parse_optional("evidence_url", input.evidence_url.as_deref())?
            .map(|l| l.as_str().to_owned()),
        notes: bounded("notes", &input.notes, 5_000)?,
    })
}

/// Every company as `viewer` may see it: visitors who are not signed in see the
/// descriptor in place of the name of a company that may not be named.
pub async fn list(db: &DatabaseConnection, viewer: &Actor) -> Result<Vec<Company>, AppError> {
    let companies = store::companies::list(db).await?;
    Ok(if viewer.account.is_some() {
        companies
    } else {
        companies.into_iter().map(Company::for_public).collect()
    })
}

/// Every company with its real name, for the admins' company page.
pub async fn list_for_admin(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<Company>, AppError> {
    actor.require(Permission::Administer)?;
    Ok(store::companies::list(db).await?)
}

/// Records a company; a name already used (in any case) is a conflict.
fn parse_company(input: &CompanyInput) -> Result<NewCompany, AppError> {
    let name = CompanyName::parse(&input.name)?;
    let descriptor = bounded("descriptor", &input.descriptor, 200)?;
    let descriptor = if descriptor.is_empty() {
        "a company".to_owned()
    } else {
        descriptor
    };
    Ok(NewCompany {
        name,
        public: input.public,
        descriptor,
    })
}

pub async fn create(
    db: &DatabaseConnection,
    input: &CompanyInput,
    actor: &Actor,
) -> Result<Company, AppError> {
    actor.require(Permission::Administer)?;
    let new = parse_company(input)?;
    let txn = begin_write(db).await?;
    let id = store::companies::create(&txn, &new).await?;
    let company = store::companies::get(&txn, id).await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(company)
}

/// Records that a company uses a solution; returns the adoption's id and its card's id.
pub async fn add_adoption(
    db: &DatabaseConnection,
    solution_id: Uuid,
    input: &AdoptionInput,
    actor: &Actor,
) -> Result<(Uuid, Uuid), AppError> {
    let actor = Some(actor.require(Permission::EditBoard)?.name.as_str());
    let new = parse_adoption(input)?;
    let txn = begin_write(db).await?;
    let current = workflow::current(&txn).await?;
    let id = store::companies::add_adoption(&txn, &current, solution_id, &new, actor).await?;
    let card_id = store::cards::card_of_solution(&txn, solution_id).await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok((id, card_id))
}

/// Changes an adoption's status, date, evidence and notes; returns its card's id.
pub async fn update_adoption(
    db: &DatabaseConnection,
    adoption_id: Uuid,
    input: &AdoptionInput,
    actor: &Actor,
) -> Result<Uuid, AppError> {
    let actor = Some(actor.require(Permission::EditBoard)?.name.as_str());
    let edit = parse_adoption(input)?;
    let txn = begin_write(db).await?;
    let current = workflow::current(&txn).await?;
    let card_id =
        store::companies::update_adoption(&txn, &current, adoption_id, &edit, input.version, actor)
            .await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(card_id)
}

/// Changes a company (admins only).
pub async fn update(
    db: &DatabaseConnection,
    id: Uuid,
    input: &CompanyInput,
    actor: &Actor,
) -> Result<Company, AppError> {
    actor.require(Permission::Administer)?;
    let edit = parse_company(input)?;
    let txn = begin_write(db).await?;
    let company = store::companies::update(&txn, id, &edit, input.version).await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(company)
}
