//! The alias table: "Robert Bosch" and "Robert Bosch GmbH" are one company. The
//! Patterns import applies it to every name it reads; admins list, add and remove
//! aliases on the companies page.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::auth::Actor;
use crate::contract::AppError;
use crate::contract::imports::AliasView;
use crate::domain::{CompanyName, Permission};
use crate::store::{self, StoreError};

/// The aliases in force, by the alias's comparison key.
#[derive(Debug, Clone, Default)]
pub struct Aliases(HashMap<String, String>);

impl Aliases {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Self, AppError> {
        Ok(Self(
            store::aliases::list(db)
                .await?
                .into_iter()
                .map(|a| (a.alias_key, a.name))
                .collect(),
        ))
    }

    /// The company `name` stands for: itself, unless it is an alias.
    pub fn resolve(&self, name: &str) -> String {
        let key = name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        self.0.get(&key).cloned().unwrap_or_else(|| name.to_owned())
    }
}

/// Every alias (admins).
pub async fn list(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<AliasView>, AppError> {
    actor.require(Permission::Administer)?;
    Ok(store::aliases::list(db)
        .await?
        .into_iter()
        .map(|a| AliasView {
            alias: a.alias,
            name: a.name,
        })
        .collect())
}

/// Records that `alias` means the company `name` (admins).
pub async fn add(
    db: &DatabaseConnection,
    actor: &Actor,
    alias: &str,
    name: &str,
) -> Result<(), AppError> {
    actor.require(Permission::Administer)?;
    let alias = CompanyName::parse(alias)?;
    let name = CompanyName::parse(name)?;
    if alias.key() == name.key() {
        return Err(AppError::Validation(
            "an alias must differ from the name it stands for".into(),
        ));
    }
    let txn = store::begin_write(db).await?;
    store::aliases::set(&*txn, alias.as_str(), name.as_str()).await?;
    txn.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Removes an alias (admins).
pub async fn remove(db: &DatabaseConnection, actor: &Actor, alias: &str) -> Result<(), AppError> {
    actor.require(Permission::Administer)?;
    let key = CompanyName::parse(alias)?.key();
    let txn = store::begin_write(db).await?;
    let removed = store::aliases::remove(&*txn, &key).await?;
    txn.commit().await.map_err(StoreError::from)?;
    if removed {
        Ok(())
    } else {
        Err(AppError::NotFound(format!("alias \u{201c}{alias}\u{201d}")))
    }
}

#[cfg(test)]
mod tests {
    use super::Aliases;

    #[test]
    fn names_resolve_through_the_table_in_any_case_and_spacing() {
        let aliases = Aliases(
            [("robert bosch".to_owned(), "Robert Bosch GmbH".to_owned())]
                .into_iter()
                .collect(),
        );
        assert_eq!(aliases.resolve("Robert  BOSCH"), "Robert Bosch GmbH");
        assert_eq!(aliases.resolve("Airbus"), "Airbus");
    }
}
