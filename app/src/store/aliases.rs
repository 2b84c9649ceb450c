//! Repository of company aliases: another spelling of a company's name and the name it
//! stands for.

use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, QueryOrder};

use super::StoreError;
use super::entities::company_alias;

/// Every alias, by alias.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<company_alias::Model>, StoreError> {
    Ok(company_alias::Entity::find()
        .order_by_asc(company_alias::Column::AliasKey)
        .all(db)
        .await?)
}

/// Records that `alias` means the company `name`, replacing what it meant before.
pub async fn set(db: &impl ConnectionTrait, alias: &str, name: &str) -> Result<(), StoreError> {
    let key = alias.to_lowercase();
    company_alias::Entity::delete_by_id(key.clone())
        .exec(db)
        .await?;
    company_alias::Entity::insert(company_alias::ActiveModel {
        alias_key: Set(key),
        alias: Set(alias.to_owned()),
        name: Set(name.to_owned()),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Removes the alias with this key; whether there was one.
pub async fn remove(db: &impl ConnectionTrait, alias_key: &str) -> Result<bool, StoreError> {
    let result = company_alias::Entity::delete_by_id(alias_key.to_owned())
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}
