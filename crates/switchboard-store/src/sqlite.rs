//! The SQLite backend: one file in the data directory, WAL mode, created on first use.

use std::path::{Path, PathBuf};
use std::str::FromStr as _;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::crypto::{Cipher, SecretKey};
use crate::error::Result;
use crate::store::Backend;

// The shared SQL implementation, compiled again with this backend's `Db` (see sql/mod.rs);
// loading one file as two modules is the point, not a slip.
#[allow(clippy::duplicate_mod)]
#[path = "sql/mod.rs"]
mod sql;

pub use sql::SqlStore as SqliteStore;

type Db = sqlx::Sqlite;

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "switchboard.db";

/// Opens (creating the directory and the file if needed) the store in `data_dir`, and applies
/// the migrations.
pub async fn open_sqlite(data_dir: &Path, key: &SecretKey) -> Result<SqliteStore> {
    fs_err::create_dir_all(data_dir)?;
    let path = database_path(data_dir);
    let options = SqliteConnectOptions::from_str("sqlite:")?
        .filename(&path)
        .create_if_missing(true)
        // WAL: readers never block the writer, and a killed process loses nothing committed.
        .journal_mode(SqliteJournalMode::Wal)
        // FULL syncs the WAL on every commit, so an acknowledged write survives power loss too;
        // registry writes are rare enough that the fsync does not matter.
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        // Writers queue on the database lock instead of failing with SQLITE_BUSY.
        .busy_timeout(Duration::from_secs(30));
    let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options.clone()).await?;
    sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
    // Rate-limit counters: in WAL mode NORMAL still never corrupts the database; it may lose
    // the last commits on power loss, which for counters is harmless.
    let counters = SqlitePoolOptions::new()
        .max_connections(2)
        .connect_with(options.synchronous(SqliteSynchronous::Normal))
        .await?;
    tracing::debug!(path = %path.display(), "sqlite store open");
    Ok(SqliteStore::new(pool, counters, Cipher::new(key), Backend::Sqlite))
}

/// The database file of a data directory (with `-wal` and `-shm` files beside it).
pub fn database_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DATABASE_FILE)
}

/// A write transaction. `BEGIN IMMEDIATE` takes the write lock up front: a deferred
/// transaction that reads first and writes later can fail with SQLITE_BUSY when another writer
/// commits in between, without the busy timeout helping.
async fn begin_write(pool: &sqlx::Pool<Db>) -> Result<sqlx::Transaction<'static, Db>> {
    Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
}
