//! The PostgreSQL backend: several server processes may share one database.

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::crypto::{Cipher, SecretKey};
use crate::error::Result;
use crate::store::Backend;

// The shared SQL implementation, compiled again with this backend's `Db` (see sql/mod.rs);
// loading one file as two modules is the point, not a slip.
#[allow(clippy::duplicate_mod)]
#[path = "sql/mod.rs"]
mod sql;

pub use sql::SqlStore as PostgresStore;

type Db = sqlx::Postgres;

/// Connects to `url` (`postgres://…`) and applies the migrations.
pub async fn open_postgres(url: &str, key: &SecretKey) -> Result<PostgresStore> {
    open_postgres_with(url.parse()?, key).await
}

/// Connects with explicit options (for example a `search_path`, as the tests do to give each
/// test its own schema) and applies the migrations. sqlx's migrator holds an advisory lock
/// while it runs, so servers starting together do not apply a migration twice.
pub async fn open_postgres_with(
    options: PgConnectOptions,
    key: &SecretKey,
) -> Result<PostgresStore> {
    let pool = PgPoolOptions::new().max_connections(10).connect_with(options.clone()).await?;
    sqlx::migrate!("./migrations/postgres").run(&pool).await?;
    // Rate-limit counters: an asynchronous commit can lose the last few on a crash, never
    // corrupt anything, and saves a WAL flush per request.
    let counters = PgPoolOptions::new()
        .max_connections(4)
        .connect_with(options.options([("synchronous_commit", "off")]))
        .await?;
    tracing::debug!("postgres store open");
    Ok(PostgresStore::new(pool, counters, Cipher::new(key), Backend::Postgres))
}

/// A write transaction. READ COMMITTED is enough: the statements that must serialise (the
/// version increment) lock the rows they update.
async fn begin_write(pool: &sqlx::Pool<Db>) -> Result<sqlx::Transaction<'static, Db>> {
    Ok(pool.begin().await?)
}
