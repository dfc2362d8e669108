//! What callers pass to create things, and pagination.

use crate::ids::{ConnectionId, ConnectorId, EnvironmentId, UserId};
use crate::types::{ConnectionStatus, ParameterValues, Timestamp};
use crate::{ConnectorArchive, SecretString};

/// A new connector with its first version.
#[derive(Clone, Debug)]
pub struct NewConnector {
    /// The environment it goes into.
    pub environment_id: EnvironmentId,
    /// Its owner (a user of the environment's tenant).
    pub owner_id: UserId,
    /// Name, unique in the environment.
    pub name: String,
    /// Display title.
    pub title: String,
    /// Version 1's files.
    pub archive: ConnectorArchive,
    /// Version 1's validator warnings.
    pub warnings: serde_json::Value,
}

/// A new version of an existing connector.
#[derive(Clone, Debug)]
pub struct NewVersion {
    /// The connector.
    pub connector_id: ConnectorId,
    /// Who publishes it.
    pub created_by: UserId,
    /// The connector's title from now on.
    pub title: String,
    /// The files.
    pub archive: ConnectorArchive,
    /// The validator's warnings.
    pub warnings: serde_json::Value,
    /// When set, the write succeeds only if this is still the current version (an `If-Match`
    /// from a client that read that version); otherwise [`crate::StoreError::Conflict`].
    pub expected_current: Option<i64>,
}

/// A new connection.
#[derive(Clone, Debug)]
pub struct NewConnection {
    /// The connector.
    pub connector_id: ConnectorId,
    /// The connector's environment (checked to match the connector's).
    pub environment_id: EnvironmentId,
    /// Its owner.
    pub owner_id: UserId,
    /// Display name.
    pub display_name: String,
    /// Parameter values (encrypted before they are stored).
    pub parameters: ParameterValues,
    /// Initial status (`pending-oauth` for OAuth connections before the flow).
    pub status: ConnectionStatus,
}

/// A new OAuth authorization-code flow.
#[derive(Clone, Debug)]
pub struct NewOAuthState {
    /// The `state` sent to the provider (stored as its hash).
    pub state: SecretString,
    /// The connection being authorised.
    pub connection_id: ConnectionId,
    /// The user starting the flow.
    pub user_id: UserId,
    /// The PKCE code verifier (stored encrypted).
    pub pkce_verifier: SecretString,
    /// The redirect URI sent to the provider.
    pub redirect_uri: String,
    /// Expiry.
    pub expires_at: Timestamp,
}

/// Which page of a list to return.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageRequest {
    /// At most this many items (clamped to 1..=[`PageRequest::MAX_LIMIT`]; 0 means the
    /// default of 50).
    pub limit: u32,
    /// The `next` cursor of the previous page; `None` for the first page.
    pub after: Option<String>,
}

impl PageRequest {
    /// The largest page.
    pub const MAX_LIMIT: u32 = 500;
    /// The page size when none is asked for.
    pub const DEFAULT_LIMIT: u32 = 50;

    /// The first page of `limit` items.
    pub fn first(limit: u32) -> Self {
        Self { limit, after: None }
    }

    /// The effective limit.
    pub fn effective_limit(&self) -> u32 {
        match self.limit {
            0 => Self::DEFAULT_LIMIT,
            n => n.min(Self::MAX_LIMIT),
        }
    }
}

/// One page of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    /// The items, in list order.
    pub items: Vec<T>,
    /// The cursor of the next page, if there may be one (opaque to callers).
    pub next: Option<String>,
}
