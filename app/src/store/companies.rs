//! Repository of companies: their names (unique in any case), whether they may be named
//! publicly, and what anonymised pages call them instead.

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};
use uuid::Uuid;

use super::entities::{adoption, company, solution};
use super::{StoreError, check_version};
use crate::domain::{Company, CompanyName};

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

/// Changes a company's name, whether it may be named publicly, and its descriptor; a name
/// another company has (in any case) is a conflict.
pub async fn update(
    db: &impl ConnectionTrait,
    id: Uuid,
    edit: &NewCompany,
    expected_version: Option<i64>,
) -> Result<Company, StoreError> {
    let existing = get(db, id).await?;
    check_version("company", expected_version, existing.version)?;
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
        check_version("company", Some(existing.version), now.version)?;
    }
    get(db, id).await
}

/// The cards with a solution the company adopted (its name shows on them).
pub async fn cards_of(
    db: &impl ConnectionTrait,
    company_id: Uuid,
) -> Result<Vec<Uuid>, StoreError> {
    let solution_ids: Vec<Uuid> = adoption::Entity::find()
        .filter(adoption::Column::CompanyId.eq(company_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.solution_id)
        .collect();
    let mut card_ids: Vec<Uuid> = solution::Entity::find()
        .filter(solution::Column::Id.is_in(solution_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.card_id)
        .collect();
    card_ids.sort();
    card_ids.dedup();
    Ok(card_ids)
}
