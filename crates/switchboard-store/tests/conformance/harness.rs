//! One store per test: a SQLite database in a fresh temporary directory, or a fresh schema in
//! the PostgreSQL database named by `SWITCHBOARD_TEST_DATABASE_URL`.

use std::path::PathBuf;
use std::sync::Arc;

use sqlx::Row as _;
use sqlx::postgres::PgConnectOptions;
use switchboard_store::{SecretKey, Store, open_postgres_with, open_sqlite};

pub const DATABASE_URL_ENV: &str = "SWITCHBOARD_TEST_DATABASE_URL";
pub const REQUIRE_ENV: &str = "SWITCHBOARD_REQUIRE_POSTGRES";

/// A store under test and the raw access the at-rest checks need.
pub struct Harness {
    pub store: Arc<dyn Store>,
    pub key: SecretKey,
    pub raw: Raw,
}

pub enum Raw {
    Sqlite { dir: PathBuf, _temp: tempfile::TempDir },
    Postgres { options: Box<PgConnectOptions>, base: Box<PgConnectOptions>, schema: String },
}

impl Harness {
    pub async fn sqlite() -> Harness {
        let temp = tempfile::tempdir().expect("temp dir");
        let dir = temp.path().join("data");
        let key = SecretKey::generate();
        let store = Arc::new(open_sqlite(&dir, &key).await.expect("open sqlite store"));
        Harness { store, key, raw: Raw::Sqlite { dir, _temp: temp } }
    }

    /// `None` (after saying so) when no database is configured, unless one is required.
    pub async fn postgres(test: &str) -> Option<Harness> {
        let Ok(url) = std::env::var(DATABASE_URL_ENV) else {
            assert!(
                std::env::var(REQUIRE_ENV).as_deref() != Ok("1"),
                "{REQUIRE_ENV}=1 but {DATABASE_URL_ENV} is not set"
            );
            println!("skipped postgres::{test}: {DATABASE_URL_ENV} is not set");
            return None;
        };
        let base: PgConnectOptions = url.parse().expect("a postgres:// URL");
        let schema = format!("sbtest_{}", uuid_simple());
        let mut admin = sqlx::PgConnection::connect_with_opts(&base).await;
        sqlx::query(&format!("CREATE SCHEMA {schema}"))
            .execute(&mut admin)
            .await
            .expect("create test schema");
        let options = base.clone().options([("search_path", schema.as_str())]);
        let key = SecretKey::generate();
        let store = Arc::new(open_postgres_with(options.clone(), &key).await.expect("open pg"));
        Some(Harness {
            store,
            key,
            raw: Raw::Postgres { options: Box::new(options), base: Box::new(base), schema },
        })
    }

    /// A second, independent store on the same database (another server process, as far as
    /// the database can tell).
    pub async fn reopen(&self) -> Arc<dyn Store> {
        self.reopen_with(&self.key).await
    }

    pub async fn reopen_with(&self, key: &SecretKey) -> Arc<dyn Store> {
        match &self.raw {
            Raw::Sqlite { dir, .. } => Arc::new(open_sqlite(dir, key).await.expect("reopen")),
            Raw::Postgres { options, .. } => {
                Arc::new(open_postgres_with((**options).clone(), key).await.expect("reopen"))
            }
        }
    }

    /// Runs a statement outside the store (to check what the schema itself refuses).
    pub async fn exec_raw(&self, sql: &str) -> Result<u64, sqlx::Error> {
        match &self.raw {
            Raw::Sqlite { dir, .. } => {
                let url = format!("sqlite://{}", switchboard_store::database_path(dir).display());
                let mut conn = sqlx::SqliteConnection::connect_with_url(&url).await;
                Ok(sqlx::query(sql).execute(&mut conn).await?.rows_affected())
            }
            Raw::Postgres { options, .. } => {
                let mut conn = sqlx::PgConnection::connect_with_opts(options).await;
                Ok(sqlx::query(sql).execute(&mut conn).await?.rows_affected())
            }
        }
    }

    /// Everything the database holds, as bytes: the SQLite files (database, WAL, shared
    /// memory) or every column of every row of every table of the schema, as text.
    pub async fn everything_at_rest(&self) -> Vec<u8> {
        match &self.raw {
            Raw::Sqlite { dir, .. } => {
                let mut bytes = Vec::new();
                for entry in std::fs::read_dir(dir).expect("read data dir") {
                    let path = entry.expect("dir entry").path();
                    bytes.extend(std::fs::read(&path).expect("read database file"));
                }
                bytes
            }
            Raw::Postgres { options, schema, .. } => {
                let mut conn = sqlx::PgConnection::connect_with_opts(options).await;
                let tables = sqlx::query(
                    "SELECT table_name::text AS name FROM information_schema.tables \
                     WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
                )
                .bind(schema)
                .fetch_all(&mut conn)
                .await
                .expect("list tables");
                assert!(
                    tables.len() >= 10,
                    "expected the whole schema, got {} tables",
                    tables.len()
                );
                let mut bytes = Vec::new();
                for table in tables {
                    let name: String = table.get("name");
                    // The row as text shows every column; bytea columns also as escaped
                    // text, and converted from their raw bytes below.
                    let sql = format!("SELECT t::text AS row FROM {schema}.\"{name}\" t");
                    for row in sqlx::query(&sql).fetch_all(&mut conn).await.expect("dump") {
                        bytes.extend(row.get::<String, _>("row").into_bytes());
                        bytes.push(b'\n');
                    }
                    let sql = format!(
                        "SELECT column_name::text AS col FROM information_schema.columns \
                         WHERE table_schema = '{schema}' AND table_name = '{name}' \
                         AND data_type = 'bytea'"
                    );
                    for col in sqlx::query(&sql).fetch_all(&mut conn).await.expect("columns") {
                        let col: String = col.get("col");
                        let sql = format!("SELECT \"{col}\" AS v FROM {schema}.\"{name}\" t");
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
        if let Raw::Postgres { base, schema, .. } = &self.raw {
            let mut conn = sqlx::PgConnection::connect_with_opts(base).await;
            sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
                .execute(&mut conn)
                .await
                .expect("drop test schema");
        }
    }
}

fn uuid_simple() -> String {
    switchboard_store::TenantId::random().0.replace('-', "")
}

/// Small connection helpers that panic with the reason (this is test code).
trait ConnectExt: Sized {
    async fn connect_with_opts(options: &PgConnectOptions) -> sqlx::PgConnection;
}

impl ConnectExt for sqlx::PgConnection {
    async fn connect_with_opts(options: &PgConnectOptions) -> sqlx::PgConnection {
        use sqlx::ConnectOptions as _;
        options.connect().await.expect("connect to postgres")
    }
}

trait SqliteConnectExt: Sized {
    async fn connect_with_url(url: &str) -> sqlx::SqliteConnection;
}

impl SqliteConnectExt for sqlx::SqliteConnection {
    async fn connect_with_url(url: &str) -> sqlx::SqliteConnection {
        use sqlx::Connection as _;
        sqlx::SqliteConnection::connect(url).await.expect("connect to sqlite")
    }
}
