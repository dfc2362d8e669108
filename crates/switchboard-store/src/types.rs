//! The domain types the store reads and writes. Timestamps are UTC seconds since the epoch.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ids::{ConnectionId, ConnectorId, EnvironmentId, GroupId, TenantId, TokenId, UserId};
use crate::{ConnectorArchive, SecretString};

/// UTC seconds since the Unix epoch.
pub type Timestamp = i64;

/// Declares a string enum with its stored/wire spelling, `as_str` and `parse`.
macro_rules! text_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// The spelling stored in the database and used on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text,)+ }
            }

            /// The value spelt `text`, if any.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some(Self::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

text_enum!(
    /// A user's role inside its tenant. The platform administrator is not a stored user: the
    /// server recognises `SWITCHBOARD_ADMIN_TOKEN` and acts as [`Viewer::PlatformAdmin`].
    Role {
        /// Manages the tenant: users, groups, environments; sees and edits every connector.
        TenantAdmin = "tenant-admin",
        /// Builds and uses connectors in the environments it is a member of.
        Maker = "maker",
    }
);

text_enum!(
    /// Where a connector stands in the certification workflow (a later issue drives it).
    CertificationState {
        /// Not submitted.
        None = "none",
        /// Submitted for review.
        Submitted = "submitted",
        /// Being reviewed.
        InReview = "in-review",
        /// Published as a preview.
        Preview = "preview",
        /// Generally available.
        GenerallyAvailable = "generally-available",
    }
);

text_enum!(
    /// What a share grants, and what a viewer may do with a connector.
    Permission {
        /// See, download and create connections.
        Use = "use",
        /// Also publish new versions and manage shares.
        Edit = "edit",
    }
);

text_enum!(
    /// The state of a connection.
    ConnectionStatus {
        /// Usable.
        Connected = "connected",
        /// Waiting for the OAuth authorization-code flow to complete.
        PendingOAuth = "pending-oauth",
        /// The last use or refresh failed.
        Error = "error",
    }
);

/// A tenant: the outermost isolation boundary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Tenant {
    /// Id.
    pub id: TenantId,
    /// Unique name.
    pub name: String,
    /// Creation time.
    pub created_at: Timestamp,
}

/// A user, in exactly one tenant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct User {
    /// Id.
    pub id: UserId,
    /// Its tenant.
    pub tenant_id: TenantId,
    /// Name, unique in the tenant.
    pub name: String,
    /// Role in the tenant.
    pub role: Role,
    /// Creation time.
    pub created_at: Timestamp,
}

/// An API token's metadata (the token itself is never stored).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    /// Id, to list and revoke it.
    pub id: TokenId,
    /// Whose token it is.
    pub user_id: UserId,
    /// A label chosen by the user.
    pub label: String,
    /// Creation time.
    pub created_at: Timestamp,
    /// When it stops working, if ever.
    pub expires_at: Option<Timestamp>,
}

/// Who a token authenticates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authenticated {
    /// The user.
    pub user: User,
    /// The user's tenant.
    pub tenant: Tenant,
    /// The token used.
    pub token_id: TokenId,
}

/// A group of users of one tenant, a target of shares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Group {
    /// Id.
    pub id: GroupId,
    /// Its tenant.
    pub tenant_id: TenantId,
    /// Name, unique in the tenant.
    pub name: String,
    /// Creation time.
    pub created_at: Timestamp,
}

/// An environment of a tenant, in a region; connectors and connections live in one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Environment {
    /// Id.
    pub id: EnvironmentId,
    /// Its tenant.
    pub tenant_id: TenantId,
    /// Name, unique in the tenant.
    pub name: String,
    /// Region, such as `europe`.
    pub region: String,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Who is asking, for the visibility-filtered queries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Viewer {
    /// The platform administrator: sees everything.
    PlatformAdmin,
    /// A user of a tenant.
    User {
        /// The user.
        id: UserId,
        /// The user's tenant.
        tenant_id: TenantId,
        /// The user's role.
        role: Role,
    },
}

impl From<&User> for Viewer {
    fn from(user: &User) -> Self {
        Viewer::User { id: user.id.clone(), tenant_id: user.tenant_id.clone(), role: user.role }
    }
}

/// A custom connector's current state (its files are in its versions).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Connector {
    /// Id.
    pub id: ConnectorId,
    /// The environment it lives in.
    pub environment_id: EnvironmentId,
    /// Its owner.
    pub owner_id: UserId,
    /// Name, unique in the environment.
    pub name: String,
    /// Display title (`info.title` of the current version).
    pub title: String,
    /// The current version number (versions count from 1).
    pub current_version: i64,
    /// Certification state.
    pub certification_state: CertificationState,
    /// Creation time.
    pub created_at: Timestamp,
    /// Time of the last new version or state change.
    pub updated_at: Timestamp,
}

/// A connector as seen by a viewer who may see it, with what the viewer may do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VisibleConnector {
    /// The connector.
    #[serde(flatten)]
    pub connector: Connector,
    /// `edit` for its owner, tenant and platform administrators and `edit` shares (direct or
    /// through a group); `use` for everyone else who can see it.
    pub access: Permission,
}

/// A connector version's metadata, without its files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VersionInfo {
    /// The connector.
    pub connector_id: ConnectorId,
    /// Version number, from 1, without gaps.
    pub version: i64,
    /// SHA-256 of the archive, lowercase hex (an ETag).
    pub sha256: String,
    /// The validator's warnings at publication, as the server serialised them.
    pub warnings: serde_json::Value,
    /// Who published it (kept even after that user is deleted).
    pub created_by: UserId,
    /// Publication time.
    pub created_at: Timestamp,
}

/// A connector version with its files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectorVersion {
    /// Metadata.
    pub info: VersionInfo,
    /// The files.
    pub archive: ConnectorArchive,
}

/// Whom a connector is shared with.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum Principal {
    /// One user.
    User(UserId),
    /// Every member of a group.
    Group(GroupId),
}

/// A share of a connector.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Share {
    /// The connector.
    pub connector_id: ConnectorId,
    /// With whom.
    pub principal: Principal,
    /// What it grants.
    pub permission: Permission,
    /// Creation (or last change) time.
    pub created_at: Timestamp,
}

/// A connection's metadata; its secret values are only in [`ConnectionSecrets`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Connection {
    /// Id.
    pub id: ConnectionId,
    /// The connector's environment.
    pub environment_id: EnvironmentId,
    /// The connector.
    pub connector_id: ConnectorId,
    /// Its owner.
    pub owner_id: UserId,
    /// Display name.
    pub display_name: String,
    /// Status.
    pub status: ConnectionStatus,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last change.
    pub updated_at: Timestamp,
}

/// Connection parameter values by parameter name, all treated as secret.
pub type ParameterValues = BTreeMap<String, SecretString>;

/// OAuth 2 tokens of a connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OAuthTokens {
    /// The access token.
    pub access_token: SecretString,
    /// The refresh token, if the provider issued one.
    pub refresh_token: Option<SecretString>,
    /// `token_type` as returned by the provider.
    pub token_type: Option<String>,
    /// Granted scope.
    pub scope: Option<String>,
    /// When the access token expires.
    pub expires_at: Option<Timestamp>,
}

/// A connection's decrypted secrets, for the runtime.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectionSecrets {
    /// Parameter values.
    pub parameters: ParameterValues,
    /// OAuth tokens, once the flow has completed.
    pub oauth_tokens: Option<OAuthTokens>,
}

/// An OAuth authorization-code flow in progress, taken back once by the redirect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OAuthState {
    /// The connection being authorised.
    pub connection_id: ConnectionId,
    /// The user who started the flow.
    pub user_id: UserId,
    /// The PKCE code verifier.
    pub pkce_verifier: SecretString,
    /// The redirect URI sent to the provider (must be sent again with the code).
    pub redirect_uri: String,
    /// Start time.
    pub created_at: Timestamp,
    /// Expiry.
    pub expires_at: Timestamp,
}

/// What a rate limiter answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    /// A token was taken: go ahead.
    Granted,
    /// The bucket is empty.
    Refused {
        /// How long until a token is back.
        retry_after: std::time::Duration,
    },
}
