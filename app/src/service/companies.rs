//! Company and adoption operations. An adoption is a change to its solution's card (logged
//! there, re-indexed, announced); a company's change reaches every card it adopted for.

use chrono::NaiveDate;
use sea_orm::DatabaseConnection;

use super::changes::{Change, Write};
use crate::auth::Actor;
use crate::contract::AppError;
use crate::contract::input::{AdoptionInput, CompanyInput};
use crate::domain::{
    Adoption, AdoptionId, AdoptionStatus, CardId, ChangeKind, Company, CompanyId, CompanyName,
    DomainError, History, Permission, SolutionId, WebLink, bounded,
};
use crate::store::adoptions::NewAdoption;
use crate::store::companies::NewCompany;
use crate::store::{self, StoreError};

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
    let account = actor.require(Permission::Administer)?;
    let new = parse_company(input)?;
    let w = Write::begin(db, Some(&account.name)).await?;
    let id = create_in(&w, &new).await?;
    let company = store::companies::get(w.txn(), id.uuid()).await?;
    w.commit().await?;
    Ok(company)
}

/// Step: a new company (on no card yet, so nothing to log or re-index).
pub async fn create_in(w: &Write, new: &NewCompany) -> Result<CompanyId, AppError> {
    let id = store::companies::create(w.txn(), new).await?;
    w.after_change(Change::company(id)).await?;
    Ok(CompanyId(id))
}

/// Records that a company uses a solution; returns the adoption's id and its card's id.
pub async fn add_adoption(
    db: &DatabaseConnection,
    solution_id: SolutionId,
    input: &AdoptionInput,
    actor: &Actor,
) -> Result<(AdoptionId, CardId), AppError> {
    let account = actor.require(Permission::EditBoard)?;
    let new = parse_adoption(input)?;
    let w = Write::begin(db, Some(&account.name)).await?;
    let ids = add_adoption_in(&w, solution_id, &new).await?;
    w.commit().await?;
    Ok(ids)
}

/// Step: a company's adoption of a solution, logged on the solution's card.
pub async fn add_adoption_in(
    w: &Write,
    solution_id: SolutionId,
    new: &NewAdoption,
) -> Result<(AdoptionId, CardId), AppError> {
    let solution = store::solutions::find(w.txn(), solution_id.uuid()).await?;
    store::lock_card(w.txn(), solution.card_id).await?;
    store::cards::find(w.txn(), solution.card_id).await?;
    let company = store::companies::get(w.txn(), new.company_id).await?;
    let id = store::adoptions::add(w.txn(), solution.id, new)
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => AppError::conflict(format!(
                "{} has already adopted \"{}\"",
                company.name, solution.title
            )),
            other => other.into(),
        })?;
    let note = format!("{} \u{2014} {}", company.name, solution.title);
    w.after_change(Change::card(ChangeKind::AdoptionAdded, solution.card_id).note(&note))
        .await?;
    Ok((AdoptionId(id), CardId(solution.card_id)))
}

/// Changes an adoption's status, date, evidence and notes; returns its card's id.
pub async fn update_adoption(
    db: &DatabaseConnection,
    adoption_id: AdoptionId,
    input: &AdoptionInput,
    actor: &Actor,
) -> Result<CardId, AppError> {
    let account = actor.require(Permission::EditBoard)?;
    let edit = parse_adoption(input)?;
    let w = Write::begin(db, Some(&account.name)).await?;
    let existing = store::adoptions::find(w.txn(), adoption_id.uuid()).await?;
    let solution = store::solutions::find(w.txn(), existing.solution_id).await?;
    store::lock_card(w.txn(), solution.card_id).await?;
    let company = store::companies::get(w.txn(), existing.company_id).await?;
    store::adoptions::update(w.txn(), &existing, &edit, input.version).await?;
    let note = format!("{} \u{2014} {}", company.name, solution.title);
    w.after_change(Change::card(ChangeKind::AdoptionEdited, solution.card_id).note(&note))
        .await?;
    w.commit().await?;
    Ok(CardId(solution.card_id))
}

/// One adoption as `viewer` may see it on its card (visitors: anonymised).
pub async fn adoption(
    db: &DatabaseConnection,
    id: AdoptionId,
    viewer: &Actor,
) -> Result<Adoption, AppError> {
    let existing = store::adoptions::find(db, id.uuid()).await?;
    let solution = store::solutions::find(db, existing.solution_id).await?;
    let card =
        super::cards::card_for(db, CardId(solution.card_id), viewer, History::Recent).await?;
    card.adoptions
        .into_iter()
        .find(|a| a.id == id.uuid())
        .ok_or_else(|| AppError::NotFound("adoption".into()))
}

/// Changes a company (admins only).
pub async fn update(
    db: &DatabaseConnection,
    id: CompanyId,
    input: &CompanyInput,
    actor: &Actor,
) -> Result<Company, AppError> {
    let account = actor.require(Permission::Administer)?;
    let edit = parse_company(input)?;
    let w = Write::begin(db, Some(&account.name)).await?;
    let company = update_in(&w, id, &edit, input.version).await?;
    w.commit().await?;
    Ok(company)
}

/// Step: a company's new name, naming or descriptor, still at `version` (if named).
pub async fn update_in(
    w: &Write,
    id: CompanyId,
    edit: &NewCompany,
    version: Option<i64>,
) -> Result<Company, AppError> {
    let company = store::companies::update(w.txn(), id.uuid(), edit, version).await?;
    // Its name or naming shows in the catalogue entries of what it adopted.
    w.after_change(Change::company(id)).await?;
    Ok(company)
}
