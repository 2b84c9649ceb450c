//! What a server does before it serves: the charter's workflow stored when there is none,
//! solutions stored before slugs existed given one, and the catalogue index filled when it
//! is empty (a database from before the catalogue) or built by an older format.

use sea_orm::DatabaseConnection;

use crate::contract::AppError;
use crate::domain::Workflow;
use crate::store::{self, StoreError};

const INDEX_FORMAT_KEY: &str = "catalog_index_format";

/// Stores the charter's workflow as version 1 when the database has no workflow yet.
pub async fn ensure_workflow(db: &DatabaseConnection) -> Result<(), AppError> {
    if store::workflow::exists(db).await? {
        return Ok(());
    }
    let txn = store::begin_write(db).await?;
    if store::workflow::exists(&*txn).await? {
        return Ok(());
    }
    let charter = Workflow::charter();
    match store::workflow::insert_version(
        &*txn,
        &charter,
        "The working group charter's workflow",
        None,
    )
    .await
    {
        Ok(_) => {}
        // Another process stored it first: that is what we wanted.
        Err(StoreError::Conflict(_)) => return Ok(()),
        Err(other) => return Err(other.into()),
    }
    txn.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Gives slugs to solutions without one and (re)builds the catalogue index when needed.
pub async fn ensure_index(db: &DatabaseConnection) -> Result<(), AppError> {
    let txn = store::begin_write(db).await?;
    let slugged = store::solutions::fill_missing_slugs(&*txn).await?;
    let (indexed, open) = store::catalog::index_state(&*txn).await?;
    let format = store::settings::get(&*txn, INDEX_FORMAT_KEY).await?;
    let outdated = format.as_deref() != Some(store::catalog::INDEX_FORMAT);
    if slugged > 0 || (indexed == 0 && open > 0) || (outdated && open > 0) {
        store::catalog::rebuild(&*txn).await?;
    }
    if outdated {
        store::settings::set(&*txn, INDEX_FORMAT_KEY, store::catalog::INDEX_FORMAT).await?;
    }
    txn.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Whether the database answers a trivial query (the health check).
pub async fn ping(db: &DatabaseConnection) -> Result<(), AppError> {
    Ok(store::ping(db).await?)
}
