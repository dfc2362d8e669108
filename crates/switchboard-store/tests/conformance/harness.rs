//! One store per test: a SQLite database in a fresh temporary directory, or a fresh schema in
//! the PostgreSQL database named by `SWITCHBOARD_TEST_DATABASE_URL` — the test support crate's
//! [`TestDb`], with the store opened on it.

use std::sync::Arc;

use switchboard_store::{SecretKey, Store};
use switchboard_test::TestDb;

/// A store under test and the raw access the at-rest checks need.
pub struct Harness {
    pub store: Arc<dyn Store>,
    db: TestDb,
}

impl Harness {
    pub async fn sqlite() -> Harness {
        Self::on(TestDb::sqlite()).await
    }

    /// `None` (after saying so) when no database is configured, unless one is required.
    pub async fn postgres(test: &str) -> Option<Harness> {
        Some(Self::on(TestDb::postgres(test).await?).await)
    }

    async fn on(db: TestDb) -> Harness {
        Harness { store: db.open().await, db }
    }

    /// A second, independent store on the same database (another server process, as far as
    /// the database can tell).
    pub async fn reopen(&self) -> Arc<dyn Store> {
        self.db.open().await
    }

    pub async fn reopen_with(&self, key: &SecretKey) -> Arc<dyn Store> {
        self.db.open_with(key).await
    }

    /// Runs a statement outside the store (to check what the schema itself refuses).
    pub async fn exec_raw(&self, sql: &str) -> Result<u64, sqlx::Error> {
        self.db.exec_raw(sql).await
    }

    /// Everything the database holds, as bytes (see [`TestDb::everything_at_rest`]).
    pub async fn everything_at_rest(&self) -> Vec<u8> {
        self.db.everything_at_rest().await
    }

    /// Drops the PostgreSQL schema (left in place when a test fails, for inspection).
    pub async fn cleanup(self) {
        self.db.cleanup().await;
    }
}
