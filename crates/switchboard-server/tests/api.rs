//! The catalog API end to end over HTTP: the setup a platform team does with curl, uploads,
//! validation failures, imports, versions, downloads, sharing, pagination, and errors.
//! Representative responses are insta snapshots with ids, times, tokens and hashes redacted.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

use reqwest::Method;
use serde_json::{Value, json};
use switchboard_test::{
    TestDb, TestServer, is_id_or_time, on_each_backend, taskforge_files, taskforge_zip, unzip,
    zip_files,
};

/// Replaces values that change from run to run with placeholders.
fn redact(mut value: Value) -> Value {
    switchboard_test::redact(
        &mut value,
        &|key| is_id_or_time(key) || ["created_by", "token", "sha256", "next"].contains(&key),
        &[],
    );
    value
}

struct Setup {
    server: TestServer,
    tenant: String,
    env: String,
    admin: String,
    maker: String,
    maker_id: String,
}

/// What the README does with curl: a tenant, its administrator, an environment, a maker in it.
async fn setup(db: &TestDb) -> Setup {
    let server = TestServer::start(db.open().await).await;
    let root = Some(server.admin_token.clone());
    let (s, tenant) = server
        .send_json(Method::POST, "/api/v1/tenants", root.as_deref(), &json!({"name": "contoso"}))
        .await;
    assert_eq!(s, 201, "{tenant}");
    insta::assert_json_snapshot!("create_tenant", redact(tenant.clone()));
    let tenant = tenant["id"].as_str().unwrap().to_owned();
    let (s, admin) = server
        .send_json(
            Method::POST,
            &format!("/api/v1/tenants/{tenant}/users"),
            root.as_deref(),
            &json!({"name": "alice", "role": "tenant-admin"}),
        )
        .await;
    assert_eq!(s, 201, "{admin}");
    insta::assert_json_snapshot!("create_user", redact(admin.clone()));
    assert!(admin["token"].as_str().unwrap().starts_with("sbt_"));
    let admin = admin["token"].as_str().unwrap().to_owned();
    let (s, env) = server
        .send_json(
            Method::POST,
            &format!("/api/v1/tenants/{tenant}/environments"),
            Some(&admin),
            &json!({"name": "prod", "region": "europe"}),
        )
        .await;
    assert_eq!(s, 201, "{env}");
    insta::assert_json_snapshot!("create_environment", redact(env.clone()));
    let env = env["id"].as_str().unwrap().to_owned();
    let (s, maker) = server
        .send_json(
            Method::POST,
            &format!("/api/v1/tenants/{tenant}/users"),
            Some(&admin),
            &json!({"name": "bob"}),
        )
        .await;
    assert_eq!(s, 201);
    let maker_id = maker["id"].as_str().unwrap().to_owned();
    let response = server
        .request(
            Method::PUT,
            &format!("/api/v1/environments/{env}/members/{maker_id}"),
            Some(&admin),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    Setup {
        server,
        tenant,
        env,
        admin,
        maker: maker["token"].as_str().unwrap().to_owned(),
        maker_id,
    }
}

async fn upload(
    s: &Setup,
    token: &str,
    query: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (u16, Value) {
    let response = s
        .server
        .request(
            Method::POST,
            &format!("/api/v1/environments/{}/connectors{query}", s.env),
            Some(token),
        )
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

async fn put(s: &Setup, id: &str, if_match: Option<&str>, body: Vec<u8>) -> (u16, Value) {
    let mut request = s
        .server
        .request(Method::PUT, &format!("/api/v1/connectors/{id}"), Some(&s.maker))
        .header("content-type", "application/zip")
        .body(body);
    if let Some(v) = if_match {
        request = request.header("if-match", v);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn publish_update_download() {
    let db = TestDb::sqlite();
    let s = setup(&db).await;
    let (status, created) = upload(&s, &s.maker, "", "application/zip", taskforge_zip()).await;
    assert_eq!(status, 201, "{created}");
    insta::assert_json_snapshot!("create_connector", redact(created.clone()));
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["owner_id"], s.maker_id.as_str());

    // The same name again: 409.
    let (status, body) = upload(&s, &s.maker, "", "application/zip", taskforge_zip()).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("name_taken")));

    // A new version with a changed description; If-Match on the current version.
    let mut files = taskforge_files();
    for (name, bytes) in &mut files {
        if name == "apiDefinition.swagger.json" {
            let text = String::from_utf8(bytes.clone()).unwrap();
            *bytes = text.replace("helps teams plan", "helps every team plan").into_bytes();
        }
    }
    let (status, v2) = put(&s, &id, Some("1"), zip_files(&files)).await;
    assert_eq!(status, 200, "{v2}");
    assert_eq!(v2["current_version"], 2);
    assert_eq!(v2["version"]["version"], 2);
    // A stale If-Match: 412, nothing stored.
    let (status, stale) = put(&s, &id, Some("1"), taskforge_zip()).await;
    assert_eq!(status, 412, "{stale}");
    insta::assert_json_snapshot!("stale_if_match", stale);

    let (status, versions) =
        s.server.get_json(&format!("/api/v1/connectors/{id}/versions"), Some(&s.maker)).await;
    assert_eq!(status, 200);
    insta::assert_json_snapshot!("versions", redact(versions));

    // Both versions download, in paconn's layout, with settings.json naming the connector.
    for (version, needle) in [(1, "helps teams plan"), (2, "helps every team plan")] {
        let response = s
            .server
            .request(
                Method::GET,
                &format!("/api/v1/connectors/{id}/download?version={version}"),
                Some(&s.maker),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/zip");
        assert_eq!(response.headers()["x-switchboard-version"], version.to_string().as_str());
        let files = unzip(&response.bytes().await.unwrap());
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "apiDefinition.swagger.json",
                "apiProperties.json",
                "icon.png",
                "readme.md",
                "intro.md",
                "settings.json"
            ]
        );
        let swagger = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(swagger.contains(needle));
        let settings: Value = serde_json::from_slice(&files[5].1).unwrap();
        assert_eq!(settings["connectorId"], id.as_str());
        assert_eq!(settings["environment"], s.env.as_str());
        assert_eq!(settings["icon"], "icon.png");
        // What was uploaded comes back byte for byte.
        let original = taskforge_files();
        let icon = original.iter().find(|(n, _)| n == "icon.png").unwrap();
        assert_eq!(files[2].1, icon.1);
    }
    let (status, missing) = s
        .server
        .get_json(&format!("/api/v1/connectors/{id}/download?version=9"), Some(&s.maker))
        .await;
    assert_eq!((status, missing["code"].as_str()), (404, Some("version_not_found")));

    // A downloaded connector uploads again as it is (the layout the registry takes).
    let response = s
        .server
        .request(Method::GET, &format!("/api/v1/connectors/{id}/download"), Some(&s.maker))
        .send()
        .await
        .unwrap();
    let round_trip = response.bytes().await.unwrap().to_vec();
    let (status, again) =
        upload(&s, &s.maker, "?name=taskforge-copy", "application/zip", round_trip).await;
    assert_eq!(status, 201, "{again}");

    // Delete: gone, versions and downloads with it.
    let response = s
        .server
        .request(Method::DELETE, &format!("/api/v1/connectors/{id}"), Some(&s.maker))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let (status, _) =
        s.server.get_json(&format!("/api/v1/connectors/{id}/versions"), Some(&s.maker)).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn validation_failures_and_bad_uploads() {
    let db = TestDb::sqlite();
    let s = setup(&db).await;
    let mut files = taskforge_files();
    for (name, bytes) in &mut files {
        if name == "apiDefinition.swagger.json" {
            *bytes = br#"{"swagger": "2.0", "info": {"title": "Broken", "version": "1.0"}, "host": "api.example.com", "paths": {"/x": {"get": {"responses": {"200": {"description": "ok"}}}}}"#.to_vec();
        }
    }
    let (status, refused) = upload(&s, &s.maker, "", "application/zip", zip_files(&files)).await;
    assert_eq!(status, 422);
    assert_eq!(refused["code"], "validation_failed");
    assert!(refused["summary"]["errors"].as_u64().unwrap() >= 1);
    insta::assert_json_snapshot!("validation_failed", refused);
    // Nothing was stored.
    let (_, page) = s
        .server
        .get_json(&format!("/api/v1/environments/{}/connectors", s.env), Some(&s.maker))
        .await;
    assert_eq!(page["items"], json!([]));

    let (status, body) = upload(&s, &s.maker, "", "application/zip", b"not a zip".to_vec()).await;
    assert_eq!((status, body["code"].as_str()), (422, Some("invalid_connector")), "{body}");
    let pkg = zip_files(&[("PkgAssets/Connector.zip".into(), taskforge_zip())]);
    let package = zip_files(&[("intro.md".into(), b"# T".to_vec()), ("T.pdpkg.zip".into(), pkg)]);
    let (status, body) = upload(&s, &s.maker, "", "application/zip", package).await;
    assert_eq!((status, body["code"].as_str()), (422, Some("invalid_connector")), "{body}");
    assert!(body["message"].as_str().unwrap().contains("certification package"), "{body}");
    let (status, body) = upload(&s, &s.maker, "", "text/plain", taskforge_zip()).await;
    assert_eq!((status, body["code"].as_str()), (415, Some("unsupported_media_type")));
    let (status, body) =
        upload(&s, &s.maker, "?import=wsdl", "application/json", b"{}".to_vec()).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_parameter")), "{body}");
    let (status, body) =
        upload(&s, &s.maker, "?import=openapi", "application/json", b"{\"openapi\": 3".to_vec())
            .await;
    assert_eq!((status, body["code"].as_str()), (422, Some("import_failed")), "{body}");
}

#[tokio::test]
async fn import_an_openapi_document() {
    let db = TestDb::sqlite();
    let s = setup(&db).await;
    let openapi = json!({
        "openapi": "3.0.3",
        "info": {"title": "Contoso Tasks", "version": "1.0", "description": "Tasks of Contoso teams."},
        "servers": [{"url": "https://api.contoso.com/v1"}],
        "paths": {"/tasks": {"get": {
            "operationId": "listTasks",
            "summary": "List tasks",
            "description": "Lists the tasks.",
            "parameters": [{"name": "session", "in": "cookie", "schema": {"type": "string"}}],
            "responses": {"200": {"description": "The tasks.", "content": {"application/json": {
                "schema": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}}}}
            }}}}
        }}}
    });
    let body = serde_json::to_vec(&openapi).unwrap();
    let (status, created) = upload(&s, &s.maker, "?import=openapi", "application/json", body).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["name"], "contoso-tasks");
    assert!(!created["import"]["losses"].as_array().unwrap().is_empty(), "the cookie is a loss");
    insta::assert_json_snapshot!("import_openapi", redact(created));
}

#[tokio::test]
async fn catalog_pages_and_group_shares() {
    let db = TestDb::sqlite();
    let s = setup(&db).await;
    let mut ids = Vec::new();
    for title in ["Gamma", "Alpha", "Beta"] {
        let mut files = taskforge_files();
        for (name, bytes) in &mut files {
            if name == "apiDefinition.swagger.json" {
                let text = String::from_utf8(bytes.clone()).unwrap();
                *bytes = text
                    .replacen("\"title\": \"Taskforge\"", &format!("\"title\": \"{title}\""), 1)
                    .into_bytes();
            }
        }
        let (status, c) = upload(&s, &s.maker, "", "application/zip", zip_files(&files)).await;
        assert_eq!(status, 201, "{c}");
        ids.push(c["id"].as_str().unwrap().to_owned());
    }
    let list = format!("/api/v1/environments/{}/connectors", s.env);
    let (status, first) = s.server.get_json(&format!("{list}?limit=2"), Some(&s.maker)).await;
    assert_eq!(status, 200);
    let titles: Vec<&str> =
        first["items"].as_array().unwrap().iter().map(|c| c["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Alpha", "Beta"]);
    let next = first["next"].as_str().unwrap();
    let (_, second) =
        s.server.get_json(&format!("{list}?limit=2&after={next}"), Some(&s.maker)).await;
    assert_eq!(second["items"][0]["title"], "Gamma");
    assert_eq!(second["next"], Value::Null);
    insta::assert_json_snapshot!("catalog_page", redact(second));
    for bad in ["?limit=0", "?limit=501", "?after=%21%21", "?limit=x"] {
        let (status, body) = s.server.get_json(&format!("{list}{bad}"), Some(&s.maker)).await;
        assert_eq!(status, 400, "{bad}: {body}");
    }

    // A maker outside the environment sees nothing, then what a group they are in was given.
    let (_, carol) = s
        .server
        .send_json(
            Method::POST,
            &format!("/api/v1/tenants/{}/users", s.tenant),
            Some(&s.admin),
            &json!({"name": "carol"}),
        )
        .await;
    let carol_token = carol["token"].as_str().unwrap();
    let (_, group) = s
        .server
        .send_json(
            Method::POST,
            &format!("/api/v1/tenants/{}/groups", s.tenant),
            Some(&s.admin),
            &json!({"name": "readers"}),
        )
        .await;
    let group = group["id"].as_str().unwrap();
    let response = s
        .server
        .request(
            Method::PUT,
            &format!("/api/v1/groups/{group}/members/{}", carol["id"].as_str().unwrap()),
            Some(&s.admin),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let (_, page) = s.server.get_json(&list, Some(carol_token)).await;
    assert_eq!(page["items"], json!([]));
    let (status, _) =
        s.server.get_json(&format!("/api/v1/connectors/{}", ids[0]), Some(carol_token)).await;
    assert_eq!(status, 404);
    let (status, share) = s
        .server
        .send_json(
            Method::POST,
            &format!("/api/v1/connectors/{}/shares", ids[0]),
            Some(&s.maker),
            &json!({"group": group, "permission": "use"}),
        )
        .await;
    assert_eq!(status, 201, "{share}");
    insta::assert_json_snapshot!("share", redact(share));
    // Sharing again changes the permission: 200.
    let (status, share) = s
        .server
        .send_json(
            Method::POST,
            &format!("/api/v1/connectors/{}/shares", ids[0]),
            Some(&s.maker),
            &json!({"group": group, "permission": "edit"}),
        )
        .await;
    assert_eq!((status, share["permission"].as_str()), (200, Some("edit")));
    let (_, page) = s.server.get_json(&list, Some(carol_token)).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0]["access"], "edit");
    // Unsharing (JSON body form) hides it again.
    let response = s
        .server
        .request(Method::DELETE, &format!("/api/v1/connectors/{}/shares", ids[0]), Some(&s.maker))
        .json(&json!({"group": group}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let (status, _) =
        s.server.get_json(&format!("/api/v1/connectors/{}", ids[0]), Some(carol_token)).await;
    assert_eq!(status, 404);
    // Sharing with a user of another tenant is refused as if the user did not exist.
    let (_, other) = s
        .server
        .send_json(
            Method::POST,
            "/api/v1/tenants",
            Some(&s.server.admin_token),
            &json!({"name": "fabrikam"}),
        )
        .await;
    let (_, stranger) = s
        .server
        .send_json(
            Method::POST,
            &format!("/api/v1/tenants/{}/users", other["id"].as_str().unwrap()),
            Some(&s.server.admin_token),
            &json!({"name": "mallory"}),
        )
        .await;
    let (status, body) = s
        .server
        .send_json(
            Method::POST,
            &format!("/api/v1/connectors/{}/shares", ids[0]),
            Some(&s.maker),
            &json!({"user": stranger["id"], "permission": "use"}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (404, Some("user_not_found")));
}

#[tokio::test]
async fn errors_and_system_routes() {
    let db = TestDb::sqlite();
    let s = setup(&db).await;
    let (status, body) = s.server.get_json("/api/v1/nope", None).await;
    assert_eq!(status, 404);
    insta::assert_json_snapshot!("route_not_found", body);
    let response = s.server.request(Method::PATCH, "/api/v1/tenants", None).send().await.unwrap();
    assert_eq!(response.status(), 405);
    let (status, body) = s.server.get_json("/api/v1/me", Some("sbt_not_a_token")).await;
    assert_eq!(status, 401);
    insta::assert_json_snapshot!("invalid_token", body);
    let (status, body) = s.server.get_json("/api/v1/me", None).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("missing_token")));
    let (status, body) = s
        .server
        .send_json(
            Method::POST,
            "/api/v1/tenants",
            Some(&s.server.admin_token),
            &json!({"nam": "x"}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_json")), "{body}");
    let (status, body) = s
        .server
        .send_json(
            Method::POST,
            "/api/v1/tenants",
            Some(&s.server.admin_token),
            &json!({"name": "  "}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_field")));
    let (status, body) = s
        .server
        .send_json(
            Method::POST,
            "/api/v1/tenants",
            Some(&s.server.admin_token),
            &json!({"name": "contoso"}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("name_taken")));

    let (status, me) = s.server.get_json("/api/v1/me", Some(&s.maker)).await;
    assert_eq!(status, 200);
    insta::assert_json_snapshot!("me", redact(me));
    let (status, health) = s.server.get_json("/healthz", None).await;
    assert_eq!(status, 200);
    assert_eq!(health, json!({"status": "ok", "database": "sqlite"}));
    let (status, doc) = s.server.get_json("/openapi.json", None).await;
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["paths"]["/api/v1/connectors/{connector}"]["put"].is_object());

    let response = s.server.request(Method::GET, "/metrics", None).send().await.unwrap();
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
    let text = response.text().await.unwrap();
    assert!(text.contains(
        "switchboard_http_requests_total{method=\"POST\",route=\"/api/v1/tenants\",status=\"409\"} 1"
    ), "{text}");
    assert!(text.contains("switchboard_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/me\",status=\"200\",le=\"+Inf\"} 1"));
    assert!(text.contains("route=\"unmatched\",status=\"404\"} 1"));
}

/// Two servers on one database (another node, as far as the database can tell) take two
/// concurrent PUTs: the versions they assign are distinct and consecutive.
async fn concurrent_updates_from_two_nodes(db: &TestDb) {
    let s = setup(db).await;
    let second = TestServer::start(db.open().await).await;
    let (status, created) = upload(&s, &s.maker, "", "application/zip", taskforge_zip()).await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_str().unwrap();
    let send = |server: &TestServer| {
        server
            .request(Method::PUT, &format!("/api/v1/connectors/{id}"), Some(&s.maker))
            .header("content-type", "application/zip")
            .body(taskforge_zip())
            .send()
    };
    let mut numbers = Vec::new();
    for _ in 0..3 {
        let (a, b) = tokio::join!(send(&s.server), send(&second));
        for response in [a.unwrap(), b.unwrap()] {
            assert_eq!(response.status(), 200);
            let body: Value = response.json().await.unwrap();
            numbers.push(body["version"]["version"].as_i64().unwrap());
        }
    }
    numbers.sort_unstable();
    assert_eq!(numbers, [2, 3, 4, 5, 6, 7]);
    let (_, versions) =
        s.server.get_json(&format!("/api/v1/connectors/{id}/versions"), Some(&s.maker)).await;
    assert_eq!(versions["items"].as_array().unwrap().len(), 7);
    assert_eq!(versions["items"][0]["current"], true);
    drop(second);
    drop(s);
}

on_each_backend!(concurrent_updates_from_two_nodes);
