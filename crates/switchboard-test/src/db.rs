//! A database per test.

use std::path::PathBuf;
use std::sync::Arc;

use sqlx::ConnectOptions as _;
use sqlx::postgres::PgConnectOptions;
use switchboard_store::{SecretKey, Store, open_postgres_with, open_sqlite};

/// The PostgreSQL server the tests may use.
pub const DATABASE_URL_ENV: &str = "SWITCHBOARD_TEST_DATABASE_URL";
/// `1`: fail instead of skipping when [`DATABASE_URL_ENV`] is unset (CI).
pub const REQUIRE_ENV: &str = "SWITCHBOARD_REQUIRE_POSTGRES";

/// A database for one test, and how to open it again (as a second server would).
pub struct TestDb {
    /// The key its secrets are sealed with.
    pub key: SecretKey,
    kind: Kind,
}

enum Kind {
    Sqlite { dir: PathBuf, _temp: tempfile::TempDir },
    Postgres { base: Box<PgConnectOptions>, url: String, schema: String },
}

impl TestDb {
    /// A SQLite data directory in a fresh temporary directory.
    pub fn sqlite() -> TestDb {
        let temp = tempfile::tempdir().expect("temp dir");
        let dir = temp.path().join("data");
        TestDb { key: SecretKey::generate(), kind: Kind::Sqlite { dir, _temp: temp } }
    }

    /// A fresh schema in the configured PostgreSQL database; `None` (after saying so) when
    /// none is configured, unless [`REQUIRE_ENV`] is `1`.
    pub async fn postgres(test: &str) -> Option<TestDb> {
        let Ok(url) = std::env::var(DATABASE_URL_ENV) else {
            assert!(
                std::env::var(REQUIRE_ENV).as_deref() != Ok("1"),
                "{REQUIRE_ENV}=1 but {DATABASE_URL_ENV} is not set"
            );
            println!("skipped postgres::{test}: {DATABASE_URL_ENV} is not set");
            return None;
        };
        let base: PgConnectOptions = url.parse().expect("a postgres:// URL");
        let schema = format!("sbsrv_{}", switchboard_store::TenantId::random().0.replace('-', ""));
        let mut admin = base.connect().await.expect("connect to postgres");
        sqlx::query(&format!("CREATE SCHEMA {schema}"))
            .execute(&mut admin)
            .await
            .expect("create test schema");
        let separator = if url.contains('?') { '&' } else { '?' };
        let url = format!("{url}{separator}options[search_path]={schema}");
        Some(TestDb {
            key: SecretKey::generate(),
            kind: Kind::Postgres { base: Box::new(base), url, schema },
        })
    }

    /// Opens a store on it (each call is an independent pool, like another server process).
    pub async fn open(&self) -> Arc<dyn Store> {
        self.open_with(&self.key).await
    }

    /// Opens a store on it with another secret key (a server configured with the wrong key).
    pub async fn open_with(&self, key: &SecretKey) -> Arc<dyn Store> {
        match &self.kind {
            Kind::Sqlite { dir, .. } => Arc::new(open_sqlite(dir, key).await.expect("open sqlite")),
            Kind::Postgres { url, .. } => {
                let options: PgConnectOptions = url.parse().expect("test url");
                Arc::new(open_postgres_with(options, key).await.expect("open postgres"))
            }
        }
    }

    /// Runs a statement outside the store (to check what the schema itself refuses); returns
    /// the rows affected.
    ///
    /// # Errors
    /// The database's error for the statement.
    pub async fn exec_raw(&self, sql: &str) -> Result<u64, sqlx::Error> {
        match &self.kind {
            Kind::Sqlite { dir, .. } => {
                use sqlx::Connection as _;
                let url = format!("sqlite://{}", switchboard_store::database_path(dir).display());
                let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("connect");
                Ok(sqlx::query(sql).execute(&mut conn).await?.rows_affected())
            }
            Kind::Postgres { url, .. } => {
                let options: PgConnectOptions = url.parse().expect("test url");
                let mut conn = options.connect().await.expect("connect to postgres");
                Ok(sqlx::query(sql).execute(&mut conn).await?.rows_affected())
            }
        }
    }

    /// What `switchboard serve` takes: `["--data-dir", DIR]` or `["--database-url", URL]`.
    pub fn serve_args(&self) -> Vec<String> {
        match &self.kind {
            Kind::Sqlite { dir, .. } => vec!["--data-dir".into(), dir.display().to_string()],
            Kind::Postgres { url, .. } => vec!["--database-url".into(), url.clone()],
        }
    }

    /// The SQLite data directory, if this is SQLite.
    pub fn data_dir(&self) -> Option<&std::path::Path> {
        match &self.kind {
            Kind::Sqlite { dir, .. } => Some(dir),
            Kind::Postgres { .. } => None,
        }
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        match &self.kind {
            Kind::Sqlite { .. } => "sqlite",
            Kind::Postgres { .. } => "postgres",
        }
    }

    /// Everything the database holds, as bytes: the SQLite files (database, `-wal`, `-shm`),
    /// or every row of every table of the PostgreSQL schema as text plus the raw bytes of its
    /// `bytea` columns.
    pub async fn everything_at_rest(&self) -> Vec<u8> {
        use sqlx::Row as _;
        match &self.kind {
            Kind::Sqlite { dir, .. } => {
                let mut bytes = Vec::new();
                for entry in std::fs::read_dir(dir).expect("read data dir") {
                    let path = entry.expect("dir entry").path();
                    bytes.extend(std::fs::read(&path).expect("read database file"));
                }
                bytes
            }
            Kind::Postgres { base, schema, .. } => {
                let mut conn = base.connect().await.expect("connect to postgres");
                let tables = sqlx::query(
                    "SELECT table_name::text AS name FROM information_schema.tables \
                     WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
                )
                .bind(schema)
                .fetch_all(&mut conn)
                .await
                .expect("list tables");
                assert!(tables.len() >= 10, "expected the whole schema, got {}", tables.len());
                let mut bytes = Vec::new();
                for table in tables {
                    let name: String = table.get("name");
                    let sql = format!("SELECT t::text AS row FROM {schema}.\"{name}\" t");
                    for row in sqlx::query(&sql).fetch_all(&mut conn).await.expect("dump") {
                        bytes.extend(row.get::<String, _>("row").into_bytes());
                        bytes.push(b'\n');
                    }
                    let columns = sqlx::query(
                        "SELECT column_name::text AS col FROM information_schema.columns \
                         WHERE table_schema = $1 AND table_name = $2 AND data_type = 'bytea'",
                    )
                    .bind(schema)
                    .bind(&name)
                    .fetch_all(&mut conn)
                    .await
                    .expect("columns");
                    for col in columns {
                        let col: String = col.get("col");
                        let sql = format!("SELECT \"{col}\" AS v FROM {schema}.\"{name}\"");
                        for row in sqlx::query(&sql).fetch_all(&mut conn).await.expect("bytea") {
                            if let Some(v) = row.get::<Option<Vec<u8>>, _>("v") {
                                bytes.extend(v);
                            }
                        }
                    }
                }
                bytes
            }
        }
    }

    /// Drops the PostgreSQL schema (left in place when a test fails, for inspection).
    pub async fn cleanup(self) {
        if let Kind::Postgres { base, schema, .. } = &self.kind {
            let mut admin = base.connect().await.expect("connect to postgres");
            sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
                .execute(&mut admin)
                .await
                .expect("drop test schema");
        }
    }
}

/// Declares the tests `<name>::sqlite` and `<name>::postgres`, which run
/// `async fn <name>(db: &TestDb)` on a fresh database of each backend: the PostgreSQL one is
/// skipped without a configured server (or fails under [`REQUIRE_ENV`]), and its schema is
/// dropped when the test passes. The calling crate needs `tokio` with its macros.
#[macro_export]
macro_rules! on_each_backend {
    ($name:ident) => {
        mod $name {
            #[::tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(&$crate::TestDb::sqlite()).await;
            }

            #[::tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(db) = $crate::TestDb::postgres(stringify!($name)).await {
                    super::$name(&db).await;
                    db.cleanup().await;
                }
            }
        }
    };
}
