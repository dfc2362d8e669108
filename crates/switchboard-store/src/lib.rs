//! The registry's storage: domain types, the async [`Store`] trait, SQLite and PostgreSQL
//! backends with their migrations, and encryption of connection secrets at rest.
//!
//! ```no_run
//! # async fn demo() -> Result<(), switchboard_store::StoreError> {
//! let store = switchboard_store::open("./switchboard-data").await?; // or "postgres://…"
//! let tenant = store.create_tenant("contoso").await?;
//! # Ok(()) }
//! ```

mod archive;
pub mod crypto;
mod error;
pub mod fixture;
mod ids;
mod input;
mod postgres;
mod secret;
mod sqlite;
mod store;
mod token;
mod types;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use archive::ConnectorArchive;
pub use crypto::{CryptoError, SecretKey};
pub use error::{Result, StoreError};
pub use ids::{ConnectionId, ConnectorId, EnvironmentId, GroupId, TenantId, TokenId, UserId};
pub use input::{NewConnection, NewConnector, NewOAuthState, NewVersion, Page, PageRequest};
pub use postgres::{PostgresStore, open_postgres, open_postgres_with};
pub use secret::SecretString;
pub use sqlite::{DATABASE_FILE, SqliteStore, database_path, open_sqlite};
pub use store::{Backend, Store};
pub use token::{TOKEN_PREFIX, TokenHash, generate_api_token, random_token};
pub use types::{
    Admission, ApiToken, Authenticated, CertificationState, Connection, ConnectionSecrets,
    ConnectionStatus, Connector, ConnectorVersion, Environment, Group, OAuthState, OAuthTokens,
    ParameterValues, Permission, Principal, Role, Share, Tenant, Timestamp, User, VersionInfo,
    Viewer, VisibleConnector,
};

/// The data directory when none is given.
pub const DEFAULT_DATA_DIR: &str = "./switchboard-data";

/// Where the data lives, from `--database-url` or `--data-dir`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// A SQLite database in this directory.
    Sqlite(PathBuf),
    /// A PostgreSQL URL.
    Postgres(String),
}

impl Location {
    /// `postgres://…` or `postgresql://…` is PostgreSQL; anything else is a data directory.
    pub fn parse(url_or_path: &str) -> Self {
        if url_or_path.starts_with("postgres://") || url_or_path.starts_with("postgresql://") {
            Location::Postgres(url_or_path.to_owned())
        } else {
            Location::Sqlite(PathBuf::from(url_or_path))
        }
    }
}

/// Opens the store at `url_or_path` (see [`Location::parse`]), applying migrations.
///
/// The key comes from `SWITCHBOARD_SECRET_KEY`, or else from the key file in the data
/// directory: `url_or_path` itself for SQLite, [`DEFAULT_DATA_DIR`] for PostgreSQL (servers
/// sharing a PostgreSQL database should all set the variable). Use [`open_with_key`] to
/// choose.
pub async fn open(url_or_path: &str) -> Result<Arc<dyn Store>> {
    let location = Location::parse(url_or_path);
    let key_dir = match &location {
        Location::Sqlite(dir) => dir.clone(),
        Location::Postgres(_) => PathBuf::from(DEFAULT_DATA_DIR),
    };
    let key = SecretKey::load(&key_dir)?;
    open_with_key(&location, &key).await
}

/// Opens the store at `location` with an explicit key, applying migrations.
pub async fn open_with_key(location: &Location, key: &SecretKey) -> Result<Arc<dyn Store>> {
    Ok(match location {
        Location::Sqlite(dir) => Arc::new(open_sqlite(dir, key).await?),
        Location::Postgres(url) => Arc::new(open_postgres(url, key).await?),
    })
}

/// The key file path for a data directory (see [`SecretKey::load`]).
pub fn key_file_path(data_dir: &Path) -> PathBuf {
    data_dir.join(crypto::KEY_FILE_NAME)
}
