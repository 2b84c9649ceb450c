//! Fresh databases for tests: a temporary SQLite file, or a new PostgreSQL database on the
//! local server (`ISPO_TEST_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432`),
//! dropped when the test ends. Nothing a test waits on waits for ever: HTTP clients give
//! up after [`REQUEST_LIMIT`] and every database test after [`TEST_LIMIT`], so a hang
//! fails with a message instead of eating CI's time.

use std::time::Duration;

use sea_orm::{ConnectionTrait, Database};

pub enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres {
        admin_url: String,
        name: String,
    },
    /// A database the test made and removes by itself.
    Nothing,
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

    /// A database at `url` that the test manages itself.
    pub fn at(url: String) -> Self {
        Self {
            url,
            cleanup: Cleanup::Nothing,
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

/// The longest one HTTP request of a test may take.
pub const REQUEST_LIMIT: Duration = Duration::from_secs(60);
/// The longest one database test may take (the slowest takes about 20 s).
pub const TEST_LIMIT: Duration = Duration::from_secs(240);

/// An HTTP client for tests whose requests give up after [`REQUEST_LIMIT`].
pub fn client() -> reqwest::Client {
    client_builder().build().expect("an HTTP client")
}

/// The builder of [`client`], for tests that need more settings.
pub fn client_builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder().timeout(REQUEST_LIMIT)
}

/// Runs a test body, failing it with its name when it takes longer than [`TEST_LIMIT`].
pub async fn bounded(name: &str, body: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(TEST_LIMIT, body).await.is_err() {
        panic!("{name} did not finish within {TEST_LIMIT:?}: something it waits on hangs");
    }
}

/// Runs an async test body, `async fn name(db: &TestDb)`, once on SQLite (`name::sqlite`)
/// and once on PostgreSQL (`name::postgres`), each bounded by [`TEST_LIMIT`].
macro_rules! db_test {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::support::TestDb::sqlite().await;
                $crate::support::bounded(concat!(stringify!($name), "::sqlite"), super::$name(&db))
                    .await;
                db.finish().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let db = $crate::support::TestDb::postgres().await;
                $crate::support::bounded(
                    concat!(stringify!($name), "::postgres"),
                    super::$name(&db),
                )
                .await;
                db.finish().await;
            }
        }
    };
}
pub(crate) use db_test;
