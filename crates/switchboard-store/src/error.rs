//! The store's error type.

use crate::crypto::CryptoError;

/// What went wrong in a store operation.
///
/// The server maps these to HTTP: `NotFound` → 404, `Conflict` → 409, `Invalid` → 400/422, the
/// rest → 500 (without the details, which may name tables or hosts).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The entity the operation names does not exist.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A uniqueness rule or an optimistic-concurrency check refused the write.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The request breaks a rule of the model (for example, a user of another tenant).
    #[error("invalid: {0}")]
    Invalid(String),
    /// Encryption, decryption or key handling failed.
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    /// The database failed or refused a statement.
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    /// Applying the migrations failed.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A file of the data directory could not be read or written.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// A stored value could not be read back (a bad JSON column, an unknown enum value).
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    /// A connector archive could not be written or read.
    #[error("connector archive: {0}")]
    Archive(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &error {
            if db.is_unique_violation() {
                return StoreError::Conflict(db.message().to_owned());
            }
            if db.is_foreign_key_violation() {
                return StoreError::Invalid(format!(
                    "a referenced entity does not exist or is still referenced: {}",
                    db.message()
                ));
            }
        }
        StoreError::Database(error)
    }
}

/// The store's result type.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
