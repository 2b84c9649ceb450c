//! Fresh databases for tests: a temporary SQLite file, or a new PostgreSQL database on the
//! local server (`ISPO_TEST_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432`),
//! dropped when the test ends.

use sea_orm::{ConnectionTrait, Database};

pub enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

/// A database that exists for one test.
pub struct TestDb {
    pub url: String,
    cleanup: Cleanup,
}

pub fn postgres_admin_url() -> String {
    std::env::var("ISPO_TEST_POSTGRES_URL")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432".to_owned())
}

impl TestDb {
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("ispo-board.db").display()
        );
        Self {
            url,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    pub async fn postgres() -> Self {
        let admin_url = postgres_admin_url();
        let admin = Database::connect(format!("{admin_url}/postgres"))
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "PostgreSQL is not reachable at {admin_url} ({e}). Start it, set \
                     ISPO_TEST_POSTGRES_URL, or run `make test`, which reports the PostgreSQL \
                     tests as not run when no server is available."
                )
            });
        let name = format!("ispo_test_{}", uuid::Uuid::new_v4().simple());
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("create the test database");
        admin.close().await.ok();
        Self {
            url: format!("{admin_url}/{name}"),
            cleanup: Cleanup::Postgres { admin_url, name },
        }
    }

    /// Removes the database; call after the test body (a failed test leaves it for
    /// inspection).
    pub async fn finish(self) {
        if let Cleanup::Postgres { admin_url, name } = self.cleanup
            && let Ok(admin) = Database::connect(format!("{admin_url}/postgres")).await
        {
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await
                .ok();
            admin.close().await.ok();
        }
    }
}

/// Runs an async test body, `async fn name(db: &TestDb)`, once on SQLite (`name::sqlite`)
/// and once on PostgreSQL (`name::postgres`).
macro_rules! db_test {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::support::TestDb::sqlite().await;
                super::$name(&db).await;
                db.finish().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let db = $crate::support::TestDb::postgres().await;
                super::$name(&db).await;
                db.finish().await;
            }
        }
    };
}
pub(crate) use db_test;
