//! The route table: every endpoint with the permission it requires.
//!
//! The router ([`crate::app`]), the authorisation check run before each handler and
//! `/openapi.json` are all generated from [`ROUTES`], so they cannot disagree; tenancy and
//! sharing rules can be reviewed here in one place. The rules behind each [`Permission`] are in
//! `auth.rs`; an invisible tenant, environment, group or connector answers 404, never 403.

use axum::http::Method;
use axum::routing::MethodRouter;

use crate::AppState;
use crate::api;
use crate::auth::Permission;

/// A request or response body, by schema name (see `openapi/schemas.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payload {
    /// No body.
    Empty,
    /// `application/json` of this schema.
    Json(&'static str),
    /// A connector archive (`application/zip`).
    Zip,
    /// A connector archive, or with `?import=` an API description (JSON or YAML).
    ConnectorUpload,
    /// Prometheus text exposition.
    Prometheus,
}

/// A query parameter.
#[derive(Clone, Copy, Debug)]
pub struct QueryParam {
    /// Its name.
    pub name: &'static str,
    /// JSON Schema type: `string` or `integer`.
    pub kind: &'static str,
    /// What it does.
    pub description: &'static str,
}

/// One endpoint.
#[derive(Debug)]
pub struct Route {
    /// The HTTP method.
    pub method: Method,
    /// The path, with `{param}` segments as axum and OpenAPI both write them.
    pub path: &'static str,
    /// The handler, as a method router for `method` (the macro keeps the two in step).
    pub handler: fn() -> MethodRouter<AppState>,
    /// What the caller must be allowed.
    pub permission: Permission,
    /// The OpenAPI `operationId`.
    pub operation_id: &'static str,
    /// One line.
    pub summary: &'static str,
    /// Query parameters.
    pub query: &'static [QueryParam],
    /// The request body.
    pub request: Payload,
    /// The success status.
    pub status: u16,
    /// The success body.
    pub response: Payload,
}

/// One row of the table: `METHOD "path" => handler, Permission, "operationId", "summary",
/// query [..], request Payload, status => response Payload`.
macro_rules! route {
    ($method:ident $path:literal => $handler:path, $perm:ident, $op:literal, $summary:literal,
     query $query:expr, $req:expr, $status:literal => $resp:expr) => {
        Route {
            method: Method::$method,
            path: $path,
            handler: || axum::routing::on(axum::routing::MethodFilter::$method, $handler),
            permission: Permission::$perm,
            operation_id: $op,
            summary: $summary,
            query: $query,
            request: $req,
            status: $status,
            response: $resp,
        }
    };
}

use Payload::{ConnectorUpload, Empty, Json, Prometheus, Zip};

const NONE: &[QueryParam] = &[];
const PAGE: &[QueryParam] = &[
    QueryParam { name: "limit", kind: "integer", description: "Page size, 1 to 500 (default 50)." },
    QueryParam {
        name: "after",
        kind: "string",
        description: "The `next` cursor of the previous page.",
    },
];
const UPLOAD: &[QueryParam] = &[
    QueryParam {
        name: "import",
        kind: "string",
        description: "`openapi`, `swagger` or `postman`: the body is that API description (JSON or YAML), imported into a connector; without it the body is a connector zip.",
    },
    QueryParam {
        name: "name",
        kind: "string",
        description: "On creation: the connector's name, unique in the environment (default: from the title).",
    },
    QueryParam {
        name: "title",
        kind: "string",
        description: "With `import`: the title to give the connector instead of the source's.",
    },
];
const DOWNLOAD: &[QueryParam] = &[QueryParam {
    name: "version",
    kind: "integer",
    description: "The version to download (default: the current one).",
}];
const OAUTH_REDIRECT: &[QueryParam] = &[
    QueryParam { name: "code", kind: "string", description: "The authorization code." },
    QueryParam {
        name: "state",
        kind: "string",
        description: "The state the flow started with (the credential of this request).",
    },
    QueryParam {
        name: "error",
        kind: "string",
        description: "The provider's error, when consent was not granted.",
    },
];
const UNSHARE: &[QueryParam] = &[
    QueryParam { name: "user", kind: "string", description: "The user to stop sharing with." },
    QueryParam { name: "group", kind: "string", description: "The group to stop sharing with." },
];

/// Every endpoint of the server.
pub static ROUTES: &[Route] = &[
    // ---- the server itself ----
    route!(GET "/healthz" => api::system::healthz, Public, "healthz",
        "Check that the server answers and reaches its database",
        query NONE, Empty, 200 => Json("Health")),
    route!(GET "/openapi.json" => api::system::openapi, Public, "openapi",
        "This API's OpenAPI 3.1 description, generated from the route table",
        query NONE, Empty, 200 => Json("OpenApiDocument")),
    // Public like most Prometheus endpoints: labels are route templates and statuses only,
    // never ids, names or tenants.
    route!(GET "/metrics" => api::system::metrics, Public, "metrics",
        "Request counts and latency histograms per route and status (Prometheus text)",
        query NONE, Empty, 200 => Prometheus),
    route!(GET "/api/v1/me" => api::system::me, Authenticated, "whoami",
        "Who the bearer token belongs to",
        query NONE, Empty, 200 => Json("Me")),
    // ---- tenants ----
    route!(POST "/api/v1/tenants" => api::tenants::create, PlatformAdmin, "createTenant",
        "Create a tenant",
        query NONE, Json("NewTenant"), 201 => Json("Tenant")),
    route!(GET "/api/v1/tenants" => api::tenants::list, PlatformAdmin, "listTenants",
        "List every tenant",
        query NONE, Empty, 200 => Json("TenantList")),
    route!(GET "/api/v1/tenants/{tenant}" => api::tenants::get, TenantMember, "getTenant",
        "Get a tenant",
        query NONE, Empty, 200 => Json("Tenant")),
    // ---- users ----
    route!(POST "/api/v1/tenants/{tenant}/users" => api::users::create, TenantAdmin, "createUser",
        "Create a user with an API token (shown once)",
        query NONE, Json("NewUser"), 201 => Json("CreatedUser")),
    route!(GET "/api/v1/tenants/{tenant}/users" => api::users::list, TenantAdmin, "listUsers",
        "List the tenant's users",
        query NONE, Empty, 200 => Json("UserList")),
    // ---- groups ----
    route!(POST "/api/v1/tenants/{tenant}/groups" => api::groups::create, TenantAdmin, "createGroup",
        "Create a group (a target for shares)",
        query NONE, Json("NewGroup"), 201 => Json("Group")),
    route!(GET "/api/v1/tenants/{tenant}/groups" => api::groups::list, TenantMember, "listGroups",
        "List the tenant's groups",
        query NONE, Empty, 200 => Json("GroupList")),
    route!(PUT "/api/v1/groups/{group}/members/{user}" => api::groups::add_member, GroupAdmin,
        "addGroupMember", "Add a user to a group",
        query NONE, Empty, 204 => Empty),
    route!(DELETE "/api/v1/groups/{group}/members/{user}" => api::groups::remove_member, GroupAdmin,
        "removeGroupMember", "Remove a user from a group",
        query NONE, Empty, 204 => Empty),
    // ---- environments and membership ----
    route!(POST "/api/v1/tenants/{tenant}/environments" => api::environments::create, TenantAdmin,
        "createEnvironment", "Create an environment in a region",
        query NONE, Json("NewEnvironment"), 201 => Json("Environment")),
    route!(GET "/api/v1/tenants/{tenant}/environments" => api::environments::list, TenantMember,
        "listEnvironments",
        "List environments: all of them for administrators, a maker's own memberships otherwise",
        query NONE, Empty, 200 => Json("EnvironmentList")),
    route!(GET "/api/v1/environments/{env}" => api::environments::get, EnvironmentMember,
        "getEnvironment", "Get an environment",
        query NONE, Empty, 200 => Json("Environment")),
    route!(GET "/api/v1/environments/{env}/members" => api::members::list, EnvironmentMember,
        "listEnvironmentMembers", "List an environment's members",
        query NONE, Empty, 200 => Json("UserList")),
    route!(PUT "/api/v1/environments/{env}/members/{user}" => api::members::add, EnvironmentAdmin,
        "addEnvironmentMember", "Make a user of the tenant a member of the environment",
        query NONE, Empty, 204 => Empty),
    route!(DELETE "/api/v1/environments/{env}/members/{user}" => api::members::remove,
        EnvironmentAdmin, "removeEnvironmentMember", "Remove a member from the environment",
        query NONE, Empty, 204 => Empty),
    // ---- connectors ----
    route!(GET "/api/v1/environments/{env}/connectors" => api::connectors::list, EnvironmentCatalog,
        "listConnectors",
        "The environment's connectors the caller can see, by title, one page at a time",
        query PAGE, Empty, 200 => Json("ConnectorPage")),
    route!(POST "/api/v1/environments/{env}/connectors" => api::connectors::create,
        EnvironmentMember, "createConnector",
        "Upload a connector (zip, or an API description with ?import=); validated, version 1",
        query UPLOAD, ConnectorUpload, 201 => Json("PublishedConnector")),
    route!(GET "/api/v1/connectors/{connector}" => api::connectors::get, ConnectorUse,
        "getConnector", "Get a connector",
        query NONE, Empty, 200 => Json("Connector")),
    route!(PUT "/api/v1/connectors/{connector}" => api::connectors::update, ConnectorEdit,
        "updateConnector",
        "Publish a new immutable version (If-Match: N refuses if N is no longer current)",
        query UPLOAD, ConnectorUpload, 200 => Json("PublishedConnector")),
    route!(DELETE "/api/v1/connectors/{connector}" => api::connectors::delete, ConnectorEdit,
        "deleteConnector", "Delete a connector with its versions and shares",
        query NONE, Empty, 204 => Empty),
    route!(GET "/api/v1/connectors/{connector}/versions" => api::versions::list, ConnectorUse,
        "listVersions", "List a connector's versions, newest first, with their warnings",
        query NONE, Empty, 200 => Json("VersionList")),
    route!(GET "/api/v1/connectors/{connector}/download" => api::download::download, ConnectorUse,
        "downloadConnector",
        "Download a version as a zip in paconn's folder layout, with settings.json",
        query DOWNLOAD, Empty, 200 => Zip),
    // ---- shares ----
    route!(GET "/api/v1/connectors/{connector}/shares" => api::shares::list, ConnectorEdit,
        "listShares", "List whom the connector is shared with",
        query NONE, Empty, 200 => Json("ShareList")),
    route!(POST "/api/v1/connectors/{connector}/shares" => api::shares::create, ConnectorEdit,
        "shareConnector", "Share with a user or group for `use` or `edit` (or change the permission)",
        query NONE, Json("NewShare"), 201 => Json("Share")),
    route!(DELETE "/api/v1/connectors/{connector}/shares" => api::shares::delete, ConnectorEdit,
        "unshareConnector", "Stop sharing with a user (?user=) or group (?group=)",
        query UNSHARE, Empty, 204 => Empty),
    // ---- connections ----
    route!(GET "/api/v1/environments/{env}/connections" => api::connections::list,
        EnvironmentMember, "listConnections",
        "The caller's connections in the environment (every connection, for administrators)",
        query NONE, Empty, 200 => Json("ConnectionList")),
    route!(POST "/api/v1/environments/{env}/connections" => api::connections::create,
        EnvironmentMember, "createConnection",
        "Create a connection to a connector the caller can use; values checked and encrypted",
        query NONE, Json("NewConnection"), 201 => Json("Connection")),
    route!(GET "/api/v1/connections/{connection}" => api::connections::get, ConnectionManage,
        "getConnection", "Get a connection: its parameter names and OAuth state, never a value",
        query NONE, Empty, 200 => Json("Connection")),
    route!(DELETE "/api/v1/connections/{connection}" => api::connections::delete,
        ConnectionManage, "deleteConnection", "Delete a connection with its secrets and tokens",
        query NONE, Empty, 204 => Empty),
    route!(POST "/api/v1/connections/{connection}/test" => api::operations::test,
        ConnectionOwner, "testConnection",
        "Run the connector's test-connection operation; 2xx marks the connection connected",
        query NONE, Empty, 200 => Json("ConnectionTest")),
    route!(POST "/api/v1/connections/{connection}/operations/{operationId}" => api::operations::invoke,
        ConnectionOwner, "invokeOperation",
        "Invoke an operation of the connector with this connection, through the runtime",
        query NONE, Json("OperationCall"), 200 => Json("OperationResult")),
    // ---- OAuth ----
    route!(GET "/api/v1/connections/{connection}/oauth/start" => api::oauth::start,
        ConnectionOwner, "startOAuth",
        "Start the OAuth authorization-code flow (PKCE): 302 to the provider",
        query NONE, Empty, 302 => Json("OAuthStart")),
    // Anonymous: the provider sends the browser here, and the one-time `state` is the
    // credential.
    route!(GET "/api/v1/oauth/redirect" => api::oauth::redirect, Public, "completeOAuth",
        "The OAuth redirect URL: exchanges the code, stores the tokens, connects the connection",
        query OAUTH_REDIRECT, Empty, 200 => Json("OAuthCompleted")),
];

/// The route for a method and path template, if any.
pub fn find(method: &Method, path: &str) -> Option<&'static Route> {
    ROUTES.iter().find(|r| r.method == *method && r.path == path)
}

/// The `{name}` parameters of a path template, in order.
pub fn path_params(path: &'static str) -> impl Iterator<Item = &'static str> {
    path.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn routes_are_unique_and_permissions_have_their_parameter() {
        let mut seen = HashSet::new();
        let mut ops = HashSet::new();
        for r in ROUTES {
            assert!(seen.insert((r.method.clone(), r.path)), "duplicate {} {}", r.method, r.path);
            assert!(ops.insert(r.operation_id), "duplicate operationId {}", r.operation_id);
            let params: Vec<_> = path_params(r.path).collect();
            let needed = match r.permission {
                Permission::TenantMember | Permission::TenantAdmin => Some("tenant"),
                Permission::GroupAdmin => Some("group"),
                Permission::EnvironmentCatalog
                | Permission::EnvironmentMember
                | Permission::EnvironmentAdmin => Some("env"),
                Permission::ConnectorUse | Permission::ConnectorEdit => Some("connector"),
                Permission::ConnectionManage | Permission::ConnectionOwner => Some("connection"),
                _ => None,
            };
            if let Some(needed) = needed {
                assert!(params.contains(&needed), "{} {} lacks {{{needed}}}", r.method, r.path);
            }
            assert!(
                r.path.starts_with("/api/v1/") || r.permission == Permission::Public,
                "{} is outside /api/v1 but not public",
                r.path
            );
        }
    }
}
