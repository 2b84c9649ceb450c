//! Server functions of the admins' import tools: the company alias table and the last
//! Patterns import's review list.

use leptos::prelude::*;

use crate::contract::AppError;
use crate::contract::imports::{AliasView, ReviewItem};

#[cfg(feature = "ssr")]
fn db() -> Result<sea_orm::DatabaseConnection, AppError> {
    Ok(crate::state::app_state()?.db)
}

/// Every company alias (admins only).
#[server]
pub async fn list_aliases() -> Result<Vec<AliasView>, AppError> {
    crate::service::patterns::aliases::list(&db()?, &crate::auth::current_actor()).await
}

/// Records that `alias` names the company `name` (admins only).
#[server]
pub async fn add_alias(alias: String, name: String) -> Result<(), AppError> {
    crate::service::patterns::aliases::add(&db()?, &crate::auth::current_actor(), &alias, &name)
        .await
}

/// Removes an alias (admins only).
#[server]
pub async fn remove_alias(alias: String) -> Result<(), AppError> {
    crate::service::patterns::aliases::remove(&db()?, &crate::auth::current_actor(), &alias).await
}

/// What the last Patterns import left for review (admins only).
#[server]
pub async fn import_review() -> Result<Vec<ReviewItem>, AppError> {
    crate::service::patterns::last_review(&db()?, &crate::auth::current_actor()).await
}
