//! Who is asking (bearer token → [`Caller`]) and whether they may do what a route requires
//! ([`authorize`] of a [`Permission`] from the route table).
//!
//! Invisibility is answered as absence: a tenant, environment, group or connector the caller
//! may not see gives the same 404 as one that does not exist, so nobody in another tenant can
//! tell that it exists. A 403 is only given to callers who may already see the resource (a
//! maker of the same tenant on an administrator's route, a `use` share on an edit route).

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use sha2::{Digest as _, Sha256};
use subtle::ConstantTimeEq as _;
use switchboard_store::{
    Authenticated, Connection, ConnectionId, ConnectorId, Environment, EnvironmentId, Group,
    GroupId, Permission as Access, Role, SecretString, Store, Tenant, TenantId, TokenHash, Viewer,
    VisibleConnector,
};

use crate::errors::{ApiError, ErrorCode};

/// The caller of a request.
#[derive(Clone, Debug)]
pub enum Caller {
    /// No `Authorization` header.
    Anonymous,
    /// The bearer of `SWITCHBOARD_ADMIN_TOKEN`.
    PlatformAdmin,
    /// A user, by one of their API tokens.
    User(Box<Authenticated>),
}

impl Caller {
    /// The viewer for the store's visibility-filtered queries (`None` when anonymous).
    pub fn viewer(&self) -> Option<Viewer> {
        match self {
            Caller::Anonymous => None,
            Caller::PlatformAdmin => Some(Viewer::PlatformAdmin),
            Caller::User(who) => Some(Viewer::from(&who.user)),
        }
    }

    /// The user, if the caller is one.
    pub fn user(&self) -> Option<&Authenticated> {
        match self {
            Caller::User(who) => Some(who),
            _ => None,
        }
    }

    /// The caller's tenant and role when a user.
    fn tenant_role(&self) -> Option<(&TenantId, Role)> {
        self.user().map(|who| (&who.user.tenant_id, who.user.role))
    }
}

/// What a route requires. Every variant but the first three names the path parameter it is
/// checked against: `{tenant}`, `{group}`, `{env}`, `{connector}` or `{connection}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// Anyone, without a token.
    Public,
    /// Any valid token.
    Authenticated,
    /// The platform administrator.
    PlatformAdmin,
    /// Any user of `{tenant}` (or the platform administrator).
    TenantMember,
    /// A tenant administrator of `{tenant}` (or the platform administrator).
    TenantAdmin,
    /// A tenant administrator of the tenant of `{group}`.
    GroupAdmin,
    /// Any user of the tenant of `{env}`: the catalog answers with what they can see (members
    /// everything, others what is shared with them).
    EnvironmentCatalog,
    /// A member of `{env}`, or an administrator of its tenant.
    EnvironmentMember,
    /// A tenant administrator of the tenant of `{env}`.
    EnvironmentAdmin,
    /// Anyone who can see `{connector}` (member of its environment, owner, a share).
    ConnectorUse,
    /// `edit` access to `{connector}`: owner, an `edit` share, tenant or platform administrator.
    ConnectorEdit,
    /// To see or delete `{connection}`: its owner, an administrator of its tenant, or the
    /// platform administrator. Anyone else gets 404: connections are personal.
    ConnectionManage,
    /// To use `{connection}` (invoke, test, sign in): its owner only. Administrators, who can
    /// see it, get 403: using a connection acts with its owner's credentials.
    ConnectionOwner,
}

impl Permission {
    /// One line for the OpenAPI description and the route table's review.
    pub fn describe(self) -> &'static str {
        match self {
            Permission::Public => "public: no token",
            Permission::Authenticated => "any valid token",
            Permission::PlatformAdmin => "the platform administrator",
            Permission::TenantMember => "a user of {tenant}",
            Permission::TenantAdmin => "a tenant administrator of {tenant}",
            Permission::GroupAdmin => "a tenant administrator of the group's tenant",
            Permission::EnvironmentCatalog => {
                "a user of the environment's tenant (the list holds what they can see)"
            }
            Permission::EnvironmentMember => "a member of {env} or an administrator of its tenant",
            Permission::EnvironmentAdmin => "a tenant administrator of the environment's tenant",
            Permission::ConnectorUse => "`use` access to {connector}",
            Permission::ConnectorEdit => "`edit` access to {connector}",
            Permission::ConnectionManage => {
                "the owner of {connection} or an administrator of its tenant"
            }
            Permission::ConnectionOwner => "the owner of {connection}",
        }
    }

    /// Whether a bearer token is required.
    pub fn needs_token(self) -> bool {
        self != Permission::Public
    }
}

/// What an authorisation check resolved, handed to the handler so it need not look it up
/// again.
#[derive(Clone, Debug)]
pub enum Grant {
    /// Nothing resolved (public or token-only routes).
    None,
    /// The `{tenant}` of the path.
    Tenant(Tenant),
    /// The `{group}` of the path.
    Group(Group),
    /// The `{env}` of the path.
    Environment(Environment),
    /// The `{connector}` of the path, with the caller's access.
    Connector(Box<VisibleConnector>),
    /// The `{connection}` of the path.
    Connection(Box<Connection>),
}

/// Resolves the bearer token of `headers`.
pub async fn authenticate(
    store: &dyn Store,
    admin_token: Option<&SecretString>,
    headers: &HeaderMap,
) -> Result<Caller, ApiError> {
    let Some(value) = headers.get(AUTHORIZATION) else { return Ok(Caller::Anonymous) };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError::with_message(
                ErrorCode::InvalidToken,
                "The Authorization header must be `Bearer TOKEN`.",
            )
        })?;
    if let Some(admin) = admin_token
        && constant_time_eq(token, admin.expose())
    {
        return Ok(Caller::PlatformAdmin);
    }
    match store.authenticate(&TokenHash::of(token)).await? {
        Some(who) => Ok(Caller::User(Box::new(who))),
        None => Err(ApiError::new(ErrorCode::InvalidToken)),
    }
}

/// Compares the SHA-256 digests of both strings in constant time: the time taken depends on
/// neither the content nor the length of the secret.
fn constant_time_eq(given: &str, secret: &str) -> bool {
    let a = Sha256::digest(given.as_bytes());
    let b = Sha256::digest(secret.as_bytes());
    a.ct_eq(&b).into()
}

/// The path parameters a permission is checked against.
pub trait PathParams {
    /// The value of `{name}`, if the path has it.
    fn get(&self, name: &str) -> Option<&str>;
}

/// Checks `permission` for `caller` against the path parameters; returns what it resolved.
pub async fn authorize(
    store: &dyn Store,
    caller: &Caller,
    permission: Permission,
    params: &(dyn PathParams + Sync),
) -> Result<Grant, ApiError> {
    if permission == Permission::Public {
        return Ok(Grant::None);
    }
    let Some(viewer) = caller.viewer() else { return Err(ApiError::new(ErrorCode::MissingToken)) };
    let param = |name: &str| {
        params.get(name).ok_or_else(|| {
            // A route declared with a permission whose parameter its path lacks: a bug in the
            // table, caught by the route-table test.
            tracing::error!(parameter = name, "route lacks the parameter its permission needs");
            ApiError::new(ErrorCode::Internal)
        })
    };
    let admin = matches!(caller, Caller::PlatformAdmin);
    match permission {
        Permission::Public | Permission::Authenticated => Ok(Grant::None),
        Permission::PlatformAdmin => {
            if admin {
                Ok(Grant::None)
            } else {
                Err(ApiError::with_message(
                    ErrorCode::Forbidden,
                    "Only the platform administrator may do this.",
                ))
            }
        }
        Permission::TenantMember | Permission::TenantAdmin => {
            let id = TenantId::from(param("tenant")?);
            let tenant = store.get_tenant(&id).await?;
            let tenant = visible_tenant(caller, tenant, ErrorCode::TenantNotFound)?;
            if permission == Permission::TenantAdmin {
                require_tenant_admin(caller)?;
            }
            Ok(Grant::Tenant(tenant))
        }
        Permission::GroupAdmin => {
            let id = GroupId::from(param("group")?);
            let group = store.get_group(&id).await?;
            let group =
                in_caller_tenant(caller, group, |g| &g.tenant_id, ErrorCode::GroupNotFound)?;
            require_tenant_admin(caller)?;
            Ok(Grant::Group(group))
        }
        Permission::EnvironmentCatalog
        | Permission::EnvironmentMember
        | Permission::EnvironmentAdmin => {
            let id = EnvironmentId::from(param("env")?);
            let env = store.get_environment(&id).await?;
            let env =
                in_caller_tenant(caller, env, |e| &e.tenant_id, ErrorCode::EnvironmentNotFound)?;
            match permission {
                Permission::EnvironmentAdmin => require_tenant_admin(caller)?,
                Permission::EnvironmentMember => {
                    if let Some(who) = caller.user()
                        && who.user.role != Role::TenantAdmin
                        && !store.is_environment_member(&env.id, &who.user.id).await?
                    {
                        return Err(ApiError::with_message(
                            ErrorCode::Forbidden,
                            "You are not a member of this environment.",
                        ));
                    }
                }
                _ => {}
            }
            Ok(Grant::Environment(env))
        }
        Permission::ConnectorUse | Permission::ConnectorEdit => {
            let id = ConnectorId::from(param("connector")?);
            let Some(connector) = store.get_visible_connector(&viewer, &id).await? else {
                return Err(ApiError::new(ErrorCode::ConnectorNotFound));
            };
            if permission == Permission::ConnectorEdit && connector.access != Access::Edit {
                return Err(ApiError::with_message(
                    ErrorCode::Forbidden,
                    "This connector is shared with you for use only; editing needs `edit`.",
                ));
            }
            Ok(Grant::Connector(Box::new(connector)))
        }
        Permission::ConnectionManage | Permission::ConnectionOwner => {
            let id = ConnectionId::from(param("connection")?);
            let connection = store
                .get_connection(&id)
                .await?
                .ok_or_else(|| ApiError::new(ErrorCode::ConnectionNotFound))?;
            let owner = caller.user().is_some_and(|who| who.user.id == connection.owner_id);
            if !owner {
                // Administrators of the connection's tenant may see it; anyone else may not
                // know it exists.
                let administers = match caller.tenant_role() {
                    None => true, // the platform administrator
                    Some((tenant, Role::TenantAdmin)) => store
                        .get_environment(&connection.environment_id)
                        .await?
                        .is_some_and(|env| env.tenant_id == *tenant),
                    Some((_, Role::Maker)) => false,
                };
                if !administers {
                    return Err(ApiError::new(ErrorCode::ConnectionNotFound));
                }
                if permission == Permission::ConnectionOwner {
                    return Err(ApiError::with_message(
                        ErrorCode::Forbidden,
                        "Only the connection's owner may use it: it acts with their credentials.",
                    ));
                }
            }
            Ok(Grant::Connection(Box::new(connection)))
        }
    }
}

/// The tenant if the caller belongs to it (or is the platform administrator); 404 otherwise.
fn visible_tenant(
    caller: &Caller,
    tenant: Option<Tenant>,
    missing: ErrorCode,
) -> Result<Tenant, ApiError> {
    in_caller_tenant(caller, tenant, |t| &t.id, missing)
}

/// `entity` if it exists and lies in the caller's tenant (anything, for the platform
/// administrator); the same 404 otherwise.
fn in_caller_tenant<T>(
    caller: &Caller,
    entity: Option<T>,
    tenant_of: impl Fn(&T) -> &TenantId,
    missing: ErrorCode,
) -> Result<T, ApiError> {
    let entity = entity.ok_or_else(|| ApiError::new(missing))?;
    match caller.tenant_role() {
        None => Ok(entity), // the platform administrator (anonymous never gets here)
        Some((tenant, _)) if tenant_of(&entity) == tenant => Ok(entity),
        Some(_) => Err(ApiError::new(missing)),
    }
}

fn require_tenant_admin(caller: &Caller) -> Result<(), ApiError> {
    match caller.tenant_role() {
        None | Some((_, Role::TenantAdmin)) => Ok(()),
        Some((_, Role::Maker)) => Err(ApiError::with_message(
            ErrorCode::Forbidden,
            "Only a tenant administrator may do this.",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_comparison_is_equality() {
        assert!(constant_time_eq("sbt_abc", "sbt_abc"));
        assert!(!constant_time_eq("sbt_abc", "sbt_abd"));
        assert!(!constant_time_eq("sbt_ab", "sbt_abc"));
        assert!(!constant_time_eq("", "x"));
    }
}
