//! A consistent copy of a live SQLite database in one file (`VACUUM INTO`), taken while
//! the server keeps reading and writing: it sees the database as of one moment, like any
//! reader in WAL mode. PostgreSQL has its own tools (`pg_dump`).

use std::path::Path;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use super::StoreError;

/// Writes a copy of the database to `target`, which must not exist yet.
pub async fn sqlite_into(db: &DatabaseConnection, target: &Path) -> Result<(), StoreError> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Err(StoreError::Config(
            "backup copies SQLite databases; for PostgreSQL use pg_dump (see the README)".into(),
        ));
    }
    if target.exists() {
        return Err(StoreError::Config(format!(
            "{} exists already: a backup never overwrites a file",
            target.display()
        )));
    }
    if let Some(dir) = target.parent()
        && !dir.as_os_str().is_empty()
        && !dir.is_dir()
    {
        return Err(StoreError::Config(format!(
            "the folder {} does not exist",
            dir.display()
        )));
    }
    let path = target.to_string_lossy().into_owned();
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "VACUUM INTO ?",
        [path.into()],
    ))
    .await?;
    Ok(())
}

/// `PRAGMA integrity_check` of an SQLite database: `ok`, or what is wrong.
pub async fn sqlite_integrity(db: &DatabaseConnection) -> Result<String, StoreError> {
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await?;
    let lines: Vec<String> = rows
        .iter()
        .filter_map(|row| row.try_get_by_index::<String>(0).ok())
        .collect();
    Ok(lines.join("; "))
}
