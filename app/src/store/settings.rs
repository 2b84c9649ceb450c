//! Table `app_settings`: facts the server keeps about its own derived data (key, value),
//! such as the format the catalogue index was built with.

use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement};

use super::StoreError;

/// The value stored under `key`, if any.
pub async fn get(db: &impl ConnectionTrait, key: &str) -> Result<Option<String>, StoreError> {
    #[derive(FromQueryResult)]
    struct Row {
        value: String,
    }
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "SELECT value FROM app_settings WHERE key = $1",
        _ => "SELECT value FROM app_settings WHERE key = ?",
    };
    let row = Row::find_by_statement(Statement::from_sql_and_values(backend, sql, [key.into()]))
        .one(db)
        .await?;
    Ok(row.map(|r| r.value))
}

/// Stores `value` under `key`, replacing what was there.
pub async fn set(db: &impl ConnectionTrait, key: &str, value: &str) -> Result<(), StoreError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "INSERT INTO app_settings (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        }
        _ => {
            "INSERT INTO app_settings (key, value) VALUES (?, ?) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        }
    };
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [key.into(), value.into()],
    ))
    .await?;
    Ok(())
}
