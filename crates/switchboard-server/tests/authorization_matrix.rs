//! The authorisation matrix: every route of the route table × every kind of caller, with the
//! status each must get, in one table, driven over real HTTP on 127.0.0.1:0.
//!
//! Each cell runs against fresh targets (a new connector shared for `use` and `edit`, a new
//! user who is a member of the environment and the group, a new connection of the owner to a
//! connector whose backend and OAuth provider are a loopback upstream), so cells do not depend
//! on order.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

use reqwest::Method;
use switchboard_server::routes::ROUTES;
use switchboard_store::OAuthTokens;
use switchboard_test::{
    EchoAuth, Principals, TestDb, TestServer, Upstream, Who, echo_connector_files, on_each_backend,
    taskforge_zip,
};

/// Columns: owner, member (same environment), shared `use`, shared `edit`, other environment
/// (same tenant), other tenant (its administrator), anonymous, tenant admin, platform admin.
#[rustfmt::skip]
const MATRIX: &[(&str, &str, [u16; 9])] = &[
    //                                                        own  mem  use  edit oenv oten anon tadm padm
    ("GET",    "/healthz",                                    [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET",    "/openapi.json",                               [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET",    "/metrics",                                    [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET",    "/api/v1/me",                                  [200, 200, 200, 200, 200, 200, 401, 200, 200]),
    ("POST",   "/api/v1/tenants",                             [403, 403, 403, 403, 403, 403, 401, 403, 201]),
    ("GET",    "/api/v1/tenants",                             [403, 403, 403, 403, 403, 403, 401, 403, 200]),
    ("GET",    "/api/v1/tenants/{tenant}",                    [200, 200, 200, 200, 200, 404, 401, 200, 200]),
    ("POST",   "/api/v1/tenants/{tenant}/users",              [403, 403, 403, 403, 403, 404, 401, 201, 201]),
    ("GET",    "/api/v1/tenants/{tenant}/users",              [403, 403, 403, 403, 403, 404, 401, 200, 200]),
    ("POST",   "/api/v1/tenants/{tenant}/groups",             [403, 403, 403, 403, 403, 404, 401, 201, 201]),
    ("GET",    "/api/v1/tenants/{tenant}/groups",             [200, 200, 200, 200, 200, 404, 401, 200, 200]),
    ("PUT",    "/api/v1/groups/{group}/members/{user}",       [403, 403, 403, 403, 403, 404, 401, 204, 204]),
    ("DELETE", "/api/v1/groups/{group}/members/{user}",       [403, 403, 403, 403, 403, 404, 401, 204, 204]),
    ("POST",   "/api/v1/tenants/{tenant}/environments",       [403, 403, 403, 403, 403, 404, 401, 201, 201]),
    ("GET",    "/api/v1/tenants/{tenant}/environments",       [200, 200, 200, 200, 200, 404, 401, 200, 200]),
    ("GET",    "/api/v1/environments/{env}",                  [200, 200, 403, 403, 403, 404, 401, 200, 200]),
    ("GET",    "/api/v1/environments/{env}/members",          [200, 200, 403, 403, 403, 404, 401, 200, 200]),
    ("PUT",    "/api/v1/environments/{env}/members/{user}",   [403, 403, 403, 403, 403, 404, 401, 204, 204]),
    ("DELETE", "/api/v1/environments/{env}/members/{user}",   [403, 403, 403, 403, 403, 404, 401, 204, 204]),
    ("GET",    "/api/v1/environments/{env}/connectors",       [200, 200, 200, 200, 200, 404, 401, 200, 200]),
    ("POST",   "/api/v1/environments/{env}/connectors",       [201, 201, 403, 403, 403, 404, 401, 201, 403]),
    ("GET",    "/api/v1/connectors/{connector}",              [200, 200, 200, 200, 404, 404, 401, 200, 200]),
    ("PUT",    "/api/v1/connectors/{connector}",              [200, 403, 403, 200, 404, 404, 401, 200, 403]),
    ("DELETE", "/api/v1/connectors/{connector}",              [204, 403, 403, 204, 404, 404, 401, 204, 204]),
    ("GET",    "/api/v1/connectors/{connector}/versions",     [200, 200, 200, 200, 404, 404, 401, 200, 200]),
    ("GET",    "/api/v1/connectors/{connector}/download",     [200, 200, 200, 200, 404, 404, 401, 200, 200]),
    ("GET",    "/api/v1/connectors/{connector}/shares",       [200, 403, 403, 200, 404, 404, 401, 200, 200]),
    ("POST",   "/api/v1/connectors/{connector}/shares",       [201, 403, 403, 201, 404, 404, 401, 201, 201]),
    ("DELETE", "/api/v1/connectors/{connector}/shares",       [204, 403, 403, 204, 404, 404, 401, 204, 204]),
    // Connections are personal: the owner uses them; administrators of the tenant may see and
    // delete them (and get 403 using them); nobody else can tell they exist.
    ("GET",    "/api/v1/environments/{env}/connections",      [200, 200, 403, 403, 403, 404, 401, 200, 200]),
    ("POST",   "/api/v1/environments/{env}/connections",      [201, 201, 403, 403, 403, 404, 401, 201, 403]),
    ("GET",    "/api/v1/connections/{connection}",            [200, 404, 404, 404, 404, 404, 401, 200, 200]),
    ("DELETE", "/api/v1/connections/{connection}",            [204, 404, 404, 404, 404, 404, 401, 204, 204]),
    ("POST",   "/api/v1/connections/{connection}/test",       [200, 404, 404, 404, 404, 404, 401, 403, 403]),
    ("POST",   "/api/v1/connections/{connection}/operations/{operationId}",
                                                              [200, 404, 404, 404, 404, 404, 401, 403, 403]),
    ("GET",    "/api/v1/connections/{connection}/oauth/start",[302, 404, 404, 404, 404, 404, 401, 403, 403]),
    // Anonymous by design (the provider sends the browser back): the `state` is the
    // credential, and a bogus one is refused whoever asks.
    ("GET",    "/api/v1/oauth/redirect",                      [400, 400, 400, 400, 400, 400, 400, 400, 400]),
];

#[test]
fn the_matrix_covers_exactly_the_route_table() {
    let mut missing = Vec::new();
    for route in ROUTES {
        if !MATRIX.iter().any(|(m, p, _)| *m == route.method.as_str() && *p == route.path) {
            missing.push(format!("{} {}", route.method, route.path));
        }
    }
    let mut extra = Vec::new();
    for (m, p, _) in MATRIX {
        if !ROUTES.iter().any(|r| r.method.as_str() == *m && r.path == *p) {
            extra.push(format!("{m} {p}"));
        }
    }
    assert!(missing.is_empty(), "routes without a matrix row: {missing:#?}");
    assert!(extra.is_empty(), "matrix rows without a route: {extra:#?}");
}

on_each_backend!(authorisation_matrix);

async fn authorisation_matrix(db: &TestDb) {
    let server = TestServer::start(db.open().await).await;
    let store = server.store().clone();
    let p = Principals::create(&*store, &server.admin_token).await;
    let zip = taskforge_zip();
    let upstream = Upstream::start().await;
    let echo = echo_connector_files(&upstream.base, EchoAuth::Both);
    let tokens = OAuthTokens {
        access_token: "matrix-access".into(),
        refresh_token: Some("matrix-refresh".into()),
        token_type: Some("Bearer".into()),
        scope: None,
        expires_at: Some(4_000_000_000),
    };
    let mut failures = Vec::new();
    let mut cell = 0;
    for (method, template, expected) in MATRIX {
        for (who, want) in Who::ALL.iter().zip(expected) {
            cell += 1;
            // Fresh targets per cell.
            let connector = p.connector(&*store, &format!("matrix-{cell}")).await;
            let target = store
                .create_user(
                    &p.tenant.id,
                    &format!("target-{cell}"),
                    switchboard_store::Role::Maker,
                )
                .await
                .unwrap();
            store.add_environment_member(&p.env.id, &target.id).await.unwrap();
            store.add_group_member(&p.group.id, &target.id).await.unwrap();
            let echo_connector =
                p.connector_from(&*store, &format!("echo-{cell}"), "Loopback Echo", &echo).await;
            let connection = p
                .connection(
                    &*store,
                    Who::Owner,
                    &echo_connector,
                    &[("api_key", "matrix-key")],
                    Some(tokens.clone()),
                )
                .await;

            let path = template
                .replace("{tenant}", p.tenant.id.as_str())
                .replace("{env}", p.env.id.as_str())
                .replace("{group}", p.group.id.as_str())
                .replace("{user}", target.id.as_str())
                .replace("{connector}", connector.as_str())
                .replace("{connection}", connection.as_str())
                .replace("{operationId}", "Ping");
            let method = Method::from_bytes(method.as_bytes()).unwrap();
            let mut request = server.request(method.clone(), &path, p.token(*who));
            request = match (method.as_str(), *template) {
                ("POST", "/api/v1/tenants") => {
                    request.json(&serde_json::json!({"name": format!("t-{cell}")}))
                }
                ("POST", "/api/v1/tenants/{tenant}/users" | "/api/v1/tenants/{tenant}/groups") => {
                    request.json(&serde_json::json!({"name": format!("n-{cell}")}))
                }
                ("POST", "/api/v1/tenants/{tenant}/environments") => request
                    .json(&serde_json::json!({"name": format!("e-{cell}"), "region": "europe"})),
                ("POST", "/api/v1/environments/{env}/connectors") => request
                    .query(&[("name", format!("c-{cell}"))])
                    .header("content-type", "application/zip")
                    .body(zip.clone()),
                ("PUT", "/api/v1/connectors/{connector}") => {
                    request.header("content-type", "application/zip").body(zip.clone())
                }
                ("POST", "/api/v1/connectors/{connector}/shares") => request
                    .json(&serde_json::json!({"user": target.id.as_str(), "permission": "use"})),
                ("DELETE", "/api/v1/connectors/{connector}/shares") => {
                    request.query(&[("user", p.user(Who::SharedUse).id.as_str())])
                }
                ("POST", "/api/v1/environments/{env}/connections") => request.json(
                    &serde_json::json!({"connector": echo_connector.as_str(), "parameters": {"api_key": "k"}}),
                ),
                ("POST", "/api/v1/connections/{connection}/operations/{operationId}") => {
                    request.json(&serde_json::json!({}))
                }
                ("GET", "/api/v1/oauth/redirect") => {
                    request.query(&[("code", "x"), ("state", "not-a-state-of-this-server")])
                }
                _ => request,
            };
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let body = response.bytes().await.unwrap();
            if status != *want {
                failures.push(format!(
                    "{} {template} as {who:?}: expected {want}, got {status}: {}",
                    method,
                    String::from_utf8_lossy(&body)
                ));
                continue;
            }
            if status >= 400 {
                let error: serde_json::Value = serde_json::from_slice(&body).unwrap();
                for key in ["message", "code", "type", "link"] {
                    assert!(error[key].is_string(), "{method} {template} as {who:?}: {error}");
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cell} cells failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// For someone in another tenant, an existing connector answers exactly as a missing one.
#[tokio::test]
async fn other_tenant_cannot_tell_a_connector_exists() {
    let db = TestDb::sqlite();
    let server = TestServer::start(db.open().await).await;
    let store = server.store().clone();
    let p = Principals::create(&*store, &server.admin_token).await;
    let real = p.connector(&*store, "real").await;
    let token = p.token(Who::OtherTenant);
    for suffix in ["", "/versions", "/download", "/shares"] {
        let (s1, b1) = server.get_json(&format!("/api/v1/connectors/{real}{suffix}"), token).await;
        let missing = "00000000-0000-4000-8000-000000000000";
        let (s2, b2) =
            server.get_json(&format!("/api/v1/connectors/{missing}{suffix}"), token).await;
        assert_eq!((s1, &b1), (s2, &b2), "{suffix}");
        assert_eq!(s1, 404);
        assert_eq!(b1["code"], "connector_not_found");
    }
    // Environments and tenants alike.
    let (s, b) = server.get_json(&format!("/api/v1/environments/{}", p.env.id), token).await;
    assert_eq!((s, b["code"].as_str()), (404, Some("environment_not_found")));
    let (s, b) =
        server.get_json(&format!("/api/v1/environments/{}/connectors", p.env.id), token).await;
    assert_eq!((s, b["code"].as_str()), (404, Some("environment_not_found")));
}
