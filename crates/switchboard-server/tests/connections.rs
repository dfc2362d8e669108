//! Connections, the OAuth authorization-code flow and invocations end to end over HTTP, against
//! a loopback upstream (backend and OAuth provider) started by each test. Representative
//! responses are insta snapshots with ids, times, ports and tokens redacted.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

use reqwest::Method;
use serde_json::{Value, json};
use switchboard_server::Config;
use switchboard_store::{ConnectionId, ConnectorId};
use switchboard_test::{
    CLIENT_SECRET, EchoAuth, Principals, TestDb, TestServer, Upstream, Who, echo_connector_files,
    is_id_or_time, on_each_backend, zip_files,
};

/// Replaces values that change from run to run with placeholders.
fn redact(value: &Value, upstream: &Upstream, server: &TestServer) -> Value {
    let mut value = value.clone();
    let server_host = server.base.trim_start_matches("http://").to_owned();
    let upstream_host = upstream.base.trim_start_matches("http://").to_owned();
    switchboard_test::redact(
        &mut value,
        &|key| is_id_or_time(key) || ["connection", "start", "date"].contains(&key),
        &[(&upstream_host, "[upstream]"), (&server_host, "[server]")],
    );
    value
}

/// A server, its principals and an upstream.
struct World {
    server: TestServer,
    p: Principals,
    upstream: Upstream,
}

impl World {
    async fn new(db: &TestDb) -> World {
        Self::with_config(db, TestServer::config()).await
    }

    async fn with_config(db: &TestDb, config: Config) -> World {
        let server = TestServer::start_with(db.open().await, config).await;
        let p = Principals::create(&**server.store(), &server.admin_token).await;
        World { server, p, upstream: Upstream::start().await }
    }

    fn owner(&self) -> Option<&str> {
        self.p.token(Who::Owner)
    }

    /// Uploads the Loopback Echo connector through the API (so it is validated) as the owner.
    async fn upload_echo(&self, auth: EchoAuth, name: &str) -> ConnectorId {
        let zip = zip_files(&echo_connector_files(&self.upstream.base, auth));
        let response = self
            .server
            .request(
                Method::POST,
                &format!("/api/v1/environments/{}/connectors", self.p.env.id),
                self.owner(),
            )
            .query(&[("name", name)])
            .header("content-type", "application/zip")
            .body(zip)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap();
        assert_eq!(status, 201, "{body}");
        ConnectorId::from(body["id"].as_str().unwrap())
    }

    fn connections_path(&self) -> String {
        format!("/api/v1/environments/{}/connections", self.p.env.id)
    }

    async fn create_connection(&self, token: Option<&str>, body: &Value) -> (u16, Value) {
        self.server.send_json(Method::POST, &self.connections_path(), token, body).await
    }

    /// The environment's connections as `token` sees them.
    async fn list_connections(&self, token: Option<&str>) -> (u16, Value) {
        self.server.get_json(&self.connections_path(), token).await
    }

    /// A connection of the owner, created through the API; returns its id.
    async fn connection(&self, connector: &ConnectorId, parameters: &Value) -> ConnectionId {
        let (s, body) = self
            .create_connection(
                self.owner(),
                &json!({"connector": connector, "parameters": parameters}),
            )
            .await;
        assert_eq!(s, 201, "{body}");
        ConnectionId::from(body["id"].as_str().unwrap())
    }

    async fn invoke(
        &self,
        connection: &ConnectionId,
        operation: &str,
        body: &Value,
    ) -> (u16, Value) {
        self.invoke_on(&self.server, connection, operation, body).await
    }

    async fn invoke_on(
        &self,
        server: &TestServer,
        connection: &ConnectionId,
        operation: &str,
        body: &Value,
    ) -> (u16, Value) {
        server
            .send_json(
                Method::POST,
                &format!("/api/v1/connections/{connection}/operations/{operation}"),
                self.owner(),
                body,
            )
            .await
    }

    /// Runs the OAuth flow as a browser would: start (302 to the provider), the provider's
    /// 302 back, the redirect endpoint. Returns the redirect endpoint's answer.
    async fn sign_in(&self, connection: &ConnectionId) -> (u16, Value, String) {
        let start = self
            .server
            .request(
                Method::GET,
                &format!("/api/v1/connections/{connection}/oauth/start"),
                self.owner(),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(start.status(), 302);
        let authorize = start.headers()["location"].to_str().unwrap().to_owned();
        assert!(
            authorize.starts_with(&format!("{}/authorize?", self.upstream.base)),
            "{authorize}"
        );
        let consent = self.server.client.get(&authorize).send().await.unwrap();
        assert_eq!(consent.status(), 302, "{}", consent.text().await.unwrap());
        let back = consent.headers()["location"].to_str().unwrap().to_owned();
        assert!(
            back.starts_with(&format!("{}/api/v1/oauth/redirect?", self.server.base)),
            "{back}"
        );
        let done = self.server.client.get(&back).send().await.unwrap();
        let status = done.status().as_u16();
        (status, done.json().await.unwrap_or(Value::Null), back)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_are_created_checked_listed_and_deleted_without_echoing_secrets() {
    let db = TestDb::sqlite();
    let w = World::new(&db).await;
    let echo = w.upload_echo(EchoAuth::Both, "echo").await;
    let secret = "sk-live-DISTINCTIVE-9f8e7d";

    // Unknown and missing parameters are named (the values never are).
    let (s, refused) = w
        .create_connection(w.owner(), &json!({"connector": echo, "parameters": {"apikey": secret}}))
        .await;
    assert_eq!(s, 422);
    assert!(!refused.to_string().contains(secret));
    insta::assert_json_snapshot!(
        "connection_parameters_refused",
        redact(&refused, &w.upstream, &w.server)
    );
    let (s, refused) = w
        .create_connection(
            w.owner(),
            &json!({"connector": echo, "parameters": {"api_key": secret, "token": "x"}}),
        )
        .await;
    assert_eq!((s, refused["invalid"].clone()), (422, json!(["token"])));

    // A connector of another environment, or none, is not found.
    let (s, body) = w
        .create_connection(
            w.owner(),
            &json!({"connector": ConnectionId::random(), "parameters": {}}),
        )
        .await;
    assert_eq!((s, body["code"].as_str()), (404, Some("connector_not_found")));

    let (s, created) = w
        .create_connection(
            w.owner(),
            &json!({"connector": echo, "displayName": "Mine", "parameters": {"api_key": secret, "token:clientSecret": CLIENT_SECRET}}),
        )
        .await;
    assert_eq!(s, 201, "{created}");
    assert_eq!(created["status"], "pending-oauth");
    insta::assert_json_snapshot!("create_connection", redact(&created, &w.upstream, &w.server));
    let id = created["id"].as_str().unwrap().to_owned();

    let (s, got) = w.server.get_json(&format!("/api/v1/connections/{id}"), w.owner()).await;
    assert_eq!(s, 200);
    assert_eq!(got["parameters"], json!(["api_key", "token:clientSecret"]));
    let (s, mine) = w.list_connections(w.owner()).await;
    assert_eq!((s, mine["items"].as_array().unwrap().len()), (200, 1));
    // Another member sees none of it; the tenant administrator sees every connection.
    let (_, theirs) = w.list_connections(w.p.token(Who::Member)).await;
    assert_eq!(theirs["items"], json!([]));
    let (_, all) = w.list_connections(w.p.token(Who::TenantAdmin)).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 1);
    for text in [created.to_string(), got.to_string(), mine.to_string(), all.to_string()] {
        assert!(!text.contains(secret) && !text.contains(CLIENT_SECRET), "{text}");
    }

    let path = format!("/api/v1/connections/{id}");
    let response = w.server.request(Method::DELETE, &path, w.owner()).send().await.unwrap();
    assert_eq!(response.status(), 204);
    let (s, gone) = w.server.get_json(&path, w.owner()).await;
    assert_eq!((s, gone["code"].as_str()), (404, Some("connection_not_found")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_oauth_flow_stores_tokens_and_a_state_is_good_once() {
    let db = TestDb::sqlite();
    let w = World::new(&db).await;
    let echo = w.upload_echo(EchoAuth::OAuth, "echo").await;
    let id = w.connection(&echo, &json!({"token:clientSecret": CLIENT_SECRET})).await;

    // Before the flow the connection has no credentials.
    let (s, body) = w.invoke(&id, "Ping", &json!({})).await;
    assert_eq!((s, body["code"].as_str()), (409, Some("connection_not_connected")), "{body}");

    // The start answer is a 302 with the URL in the body too.
    let start = w
        .server
        .request(Method::GET, &format!("/api/v1/connections/{id}/oauth/start"), w.owner())
        .send()
        .await
        .unwrap();
    assert_eq!(start.status(), 302);
    let body: Value = start.json().await.unwrap();
    let url = url::Url::parse(body["authorization_url"].as_str().unwrap()).unwrap();
    let q: std::collections::BTreeMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(q["redirect_uri"], format!("{}/api/v1/oauth/redirect", w.server.base));
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["scope"], "tasks.read");
    assert_eq!(body["redirect_uri"], q["redirect_uri"]);

    let (s, done, redirect) = w.sign_in(&id).await;
    assert_eq!(s, 200, "{done}");
    assert_eq!(done, json!({"connection": id.as_str(), "status": "connected"}));
    // The code was exchanged with the verifier (the provider checks it against the challenge)
    // and the client secret the connection brought.
    let exchange = w.upstream.lock().token_requests.last().cloned().unwrap();
    assert_eq!(exchange["grant_type"], "authorization_code");
    assert_eq!(exchange["code_verifier"].len(), 43);

    let (s, got) = w.server.get_json(&format!("/api/v1/connections/{id}"), w.owner()).await;
    assert_eq!((s, got["status"].as_str()), (200, Some("connected")));
    assert_eq!(got["oauth"]["signed_in"], true);
    let issued = w.upstream.lock().issued_tokens.clone();
    assert!(issued.iter().all(|t| !got.to_string().contains(t)), "{got}");

    // The stored token reaches the backend.
    let (s, body) = w.invoke(&id, "Ping", &json!({})).await;
    assert_eq!(s, 200, "{body}");
    let seen = w.upstream.requests().pop().unwrap();
    assert_eq!(seen.header("authorization"), Some(format!("Bearer {}", issued[0]).as_str()));

    // The same redirect again: the state was taken.
    let replay = w.server.client.get(&redirect).send().await.unwrap();
    assert_eq!(replay.status(), 400);
    let body: Value = replay.json().await.unwrap();
    assert_eq!(body["code"], "oauth_state_invalid");
    insta::assert_json_snapshot!("oauth_state_replayed", body);

    // A browser gets a page.
    let (_, _, redirect) = {
        let start = w
            .server
            .request(Method::GET, &format!("/api/v1/connections/{id}/oauth/start"), w.owner())
            .send()
            .await
            .unwrap();
        let authorize = start.headers()["location"].to_str().unwrap().to_owned();
        let consent = w.server.client.get(&authorize).send().await.unwrap();
        (0, Value::Null, consent.headers()["location"].to_str().unwrap().to_owned())
    };
    let page = w.server.client.get(&redirect).header("accept", "text/html").send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("is connected"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_consent_and_a_wrong_client_secret_are_clear_errors() {
    let db = TestDb::sqlite();
    let w = World::new(&db).await;
    let echo = w.upload_echo(EchoAuth::OAuth, "echo").await;
    let id = w.connection(&echo, &json!({"token:clientSecret": "not-the-secret"})).await;
    let (s, body, _) = w.sign_in(&id).await;
    assert_eq!(
        (s, body["code"].as_str(), body["type"].as_str()),
        (502, Some("oauth_exchange_failed"), Some("upstream")),
        "{body}"
    );
    assert!(body["message"].as_str().unwrap().contains("invalid_client"), "{body}");

    // The provider sends the user back with an error instead of a code.
    let start = w
        .server
        .request(Method::GET, &format!("/api/v1/connections/{id}/oauth/start"), w.owner())
        .send()
        .await
        .unwrap();
    let authorize = url::Url::parse(start.headers()["location"].to_str().unwrap()).unwrap();
    let state = authorize.query_pairs().find(|(k, _)| k == "state").unwrap().1.into_owned();
    let (s, body) = w
        .server
        .get_json(&format!("/api/v1/oauth/redirect?state={state}&error=access_denied&error_description=The+user+said+no"), None)
        .await;
    assert_eq!((s, body["code"].as_str()), (400, Some("oauth_denied")));
    assert!(body["message"].as_str().unwrap().contains("The user said no"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refreshed_tokens_are_stored_and_used_by_another_server() {
    let db = TestDb::sqlite();
    let w = World::new(&db).await;
    // Tokens from the code flow expire within the runtime's five-minute margin.
    w.upstream.lock().code_token_lifetime = 60;
    let echo = w.upload_echo(EchoAuth::OAuth, "echo").await;
    let id = w.connection(&echo, &json!({"token:clientSecret": CLIENT_SECRET})).await;
    assert_eq!(w.sign_in(&id).await.0, 200);
    let first_access = w.upstream.lock().issued_tokens[0].clone();

    let (s, body) = w.invoke(&id, "Ping", &json!({})).await;
    assert_eq!(s, 200, "{body}");
    let (refresh_count, issued) = {
        let rec = w.upstream.lock();
        (rec.refreshes, rec.issued_tokens.clone())
    };
    assert_eq!(refresh_count, 1);
    let refreshed = &issued[2];
    assert_ne!(refreshed, &first_access);
    let seen = w.upstream.requests().pop().unwrap();
    assert_eq!(seen.header("authorization"), Some(format!("Bearer {refreshed}").as_str()));

    // A second server on the same database knows nothing in memory: it can only have the
    // refreshed token from the store, and uses it without refreshing again (the provider's
    // refresh tokens rotate, so a second refresh with the old one would fail).
    let second = TestServer::start(db.open().await).await;
    let (s, body) = w.invoke_on(&second, &id, "Ping", &json!({})).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(w.upstream.lock().refreshes, 1);
    let seen = w.upstream.requests().pop().unwrap();
    assert_eq!(seen.header("authorization"), Some(format!("Bearer {refreshed}").as_str()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_refresh_marks_the_connection_error() {
    let db = TestDb::sqlite();
    let w = World::new(&db).await;
    let echo = w.upload_echo(EchoAuth::OAuth, "echo").await;
    let id = w.connection(&echo, &json!({"token:clientSecret": CLIENT_SECRET})).await;
    let expired = switchboard_store::OAuthTokens {
        access_token: "stale".into(),
        refresh_token: Some("revoked".into()),
        token_type: None,
        scope: None,
        expires_at: Some(1),
    };
    w.server.store().store_oauth_tokens(&id, &expired).await.unwrap();
    let (s, e) = w.invoke(&id, "Ping", &json!({})).await;
    assert_eq!((s, e["code"].as_str()), (409, Some("connection_not_connected")), "{e}");
    assert!(e["message"].as_str().unwrap().contains("invalid_grant"), "{e}");
    let (_, got) = w.server.get_json(&format!("/api/v1/connections/{id}"), w.owner()).await;
    assert_eq!(got["status"], "error");
    assert!(w.upstream.requests().is_empty(), "nothing reached the backend");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invocations_answer_status_headers_body_and_map_runtime_errors() {
    let db = TestDb::sqlite();
    let w = World::new(&db).await;
    let echo = w.upload_echo(EchoAuth::ApiKey, "echo").await;
    let id = w.connection(&echo, &json!({"api_key": "key-1"})).await;

    let (s, result) = w
        .invoke(&id, "Echo", &json!({"parameters": {"tag": "hello"}, "body": {"text": "hi"}}))
        .await;
    assert_eq!(s, 200, "{result}");
    assert_eq!(result["status"], 200);
    assert_eq!(result["body"], json!({"tag": "hello", "received": {"text": "hi"}}));
    assert_eq!(result["headers"]["content-type"], "application/json");
    insta::assert_json_snapshot!("invoke_echo", redact(&result, &w.upstream, &w.server));
    let seen = w.upstream.requests().pop().unwrap();
    assert_eq!(seen.header("x-api-key"), Some("key-1"));

    let (s, e) = w.invoke(&id, "Echo", &json!({"body": {}})).await;
    assert_eq!((s, e["code"].as_str()), (422, Some("invalid_operation_parameters")), "{e}");
    assert!(e["message"].as_str().unwrap().contains("'tag'"), "{e}");
    insta::assert_json_snapshot!("invoke_missing_parameter", redact(&e, &w.upstream, &w.server));
    let (s, e) = w.invoke(&id, "echo", &json!({})).await;
    assert_eq!((s, e["code"].as_str()), (404, Some("operation_not_found")), "{e}");
    assert!(e["message"].as_str().unwrap().contains("did you mean 'Echo'"), "{e}");
    let response = w
        .server
        .request(Method::POST, &format!("/api/v1/connections/{id}/operations/Echo"), w.owner())
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);

    // The backend gone: 502 of type upstream, with the runtime's message.
    let dead = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let files = echo_connector_files(&dead, EchoAuth::ApiKey);
    let gone = w.p.connector_from(&**w.server.store(), "gone", "Loopback Echo", &files).await;
    let id = w.connection(&gone, &json!({"api_key": "key-1"})).await;
    let (s, e) = w.invoke(&id, "Ping", &json!({})).await;
    assert_eq!(
        (s, e["code"].as_str(), e["type"].as_str()),
        (502, Some("upstream_failed"), Some("upstream")),
        "{e}"
    );
    assert_eq!(e["runtime"]["code"], "BackendUnreachable");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn test_connection_runs_the_capability_and_sets_the_status() {
    let db = TestDb::sqlite();
    let w = World::new(&db).await;
    let echo = w.upload_echo(EchoAuth::ApiKey, "echo").await;
    let id = w.connection(&echo, &json!({"api_key": "key-1"})).await;
    let test = format!("/api/v1/connections/{id}/test");

    let (s, ok) = w.server.send_json(Method::POST, &test, w.owner(), &json!(null)).await;
    assert_eq!(s, 200, "{ok}");
    insta::assert_json_snapshot!("test_connection_ok", ok);
    assert_eq!(w.upstream.requests().pop().unwrap().path, "/ping");

    w.upstream.lock().ping_status = 401;
    let (_, failed) = w.server.send_json(Method::POST, &test, w.owner(), &json!(null)).await;
    assert_eq!((failed["ok"].clone(), failed["status"].clone()), (json!(false), json!(401)));
    let (_, got) = w.server.get_json(&format!("/api/v1/connections/{id}"), w.owner()).await;
    assert_eq!(got["status"], "error");

    // A connector without the capability says so.
    let taskforge = w.p.connector(&**w.server.store(), "taskforge").await;
    let plain = w.connection(&taskforge, &json!({"api_key": "k"})).await;
    let (s, none) = w
        .server
        .send_json(
            Method::POST,
            &format!("/api/v1/connections/{plain}/test"),
            w.owner(),
            &json!(null),
        )
        .await;
    assert_eq!((s, none["ok"].clone()), (200, Value::Null), "{none}");
    assert!(none["reason"].as_str().unwrap().contains("testConnection"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_addresses_are_refused_unless_allowed() {
    let db = TestDb::sqlite();
    let mut config = TestServer::config();
    config.allow_private_network = false;
    let w = World::with_config(&db, config).await;
    let echo = w.upload_echo(EchoAuth::ApiKey, "echo").await;
    let id = w.connection(&echo, &json!({"api_key": "key-1"})).await;
    let (s, e) = w.invoke(&id, "Ping", &json!({})).await;
    assert_eq!((s, e["code"].as_str()), (403, Some("private_network_refused")), "{e}");
    insta::assert_json_snapshot!("private_network_refused", redact(&e, &w.upstream, &w.server));

    // A name that resolves to loopback is refused as well: the check is on the address
    // connected to, not on the URL's text.
    let by_name = format!("http://localhost:{}", w.upstream.port);
    let files = echo_connector_files(&by_name, EchoAuth::ApiKey);
    let named = w.p.connector_from(&**w.server.store(), "named", "Loopback Echo", &files).await;
    let id2 = w.connection(&named, &json!({"api_key": "key-1"})).await;
    let (s, e) = w.invoke(&id2, "Ping", &json!({})).await;
    assert_eq!((s, e["code"].as_str()), (403, Some("private_network_refused")), "{e}");
    assert!(e["message"].as_str().unwrap().contains("'localhost'"), "{e}");
    // So is testing the connection; and nothing reached the upstream.
    let (s, e) = w
        .server
        .send_json(Method::POST, &format!("/api/v1/connections/{id}/test"), w.owner(), &json!(null))
        .await;
    assert_eq!((s, e["code"].as_str()), (403, Some("private_network_refused")), "{e}");
    assert!(w.upstream.requests().is_empty());

    // The same database served with --allow-private-network reaches it.
    let open = TestServer::start(db.open().await).await;
    let (s, body) = w.invoke_on(&open, &id2, "Ping", &json!({})).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(w.upstream.requests().len(), 1);
}

/// Two servers on one database share each connection's budget: without the store-backed
/// limiter each would allow the full budget.
async fn rate_limit_is_shared_by_two_servers(db: &TestDb) {
    let mut config = TestServer::config();
    config.runtime.rate_limit = 4;
    let w = World::with_config(db, config.clone()).await;
    let second = TestServer::start_with(db.open().await, config).await;
    let echo = w.upload_echo(EchoAuth::ApiKey, "echo").await;
    let id = w.connection(&echo, &json!({"api_key": "key-1"})).await;
    for i in 0..4 {
        let server = if i % 2 == 0 { &w.server } else { &second };
        let (s, body) = w.invoke_on(server, &id, "Ping", &json!({})).await;
        assert_eq!(s, 200, "call {i}: {body}");
    }
    for server in [&w.server, &second] {
        let response = server
            .request(Method::POST, &format!("/api/v1/connections/{id}/operations/Ping"), w.owner())
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 429);
        let retry_after: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=15).contains(&retry_after), "{retry_after}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(
            (body["code"].as_str(), body["type"].as_str()),
            (Some("rate_limited"), Some("rate_limit"))
        );
    }
    assert_eq!(w.upstream.requests().len(), 4);
    // Another connection has its own budget.
    let other = w.connection(&echo, &json!({"api_key": "key-2"})).await;
    assert_eq!(w.invoke_on(&second, &other, "Ping", &json!({})).await.0, 200);
}

on_each_backend!(rate_limit_is_shared_by_two_servers);

/// A connection with a distinctive API key, client secret and OAuth tokens, created and signed
/// in through the API: none of them is anywhere in the database in plaintext, and no answer
/// of the connection endpoints repeats one.
async fn no_plaintext_secret_at_rest(db: &TestDb) {
    let w = World::new(db).await;
    let echo = w.upload_echo(EchoAuth::Both, "echo").await;
    let api_key = format!("sk-at-rest-{}", ConnectionId::random());
    let (s, created) = w
        .create_connection(
            w.owner(),
            &json!({"connector": echo, "parameters": {"api_key": api_key, "token:clientSecret": CLIENT_SECRET}}),
        )
        .await;
    assert_eq!(s, 201, "{created}");
    let id = ConnectionId::from(created["id"].as_str().unwrap());
    assert_eq!(w.sign_in(&id).await.0, 200);
    // An invocation, so the key and token are read back and used.
    let (s, _) = w.invoke(&id, "Ping", &json!({})).await;
    assert_eq!(s, 200);
    let seen = w.upstream.requests().pop().unwrap();
    assert_eq!(seen.header("x-api-key"), Some(api_key.as_str()));

    let mut secrets = vec![api_key.clone(), CLIENT_SECRET.to_owned()];
    secrets.extend(w.upstream.lock().issued_tokens.clone());
    assert!(secrets.len() >= 4);
    let (_, got) = w.server.get_json(&format!("/api/v1/connections/{id}"), w.owner()).await;
    let (_, listed) = w.list_connections(w.owner()).await;
    let at_rest = db.everything_at_rest().await;
    assert!(at_rest.len() > 1000, "read {} bytes", at_rest.len());
    for secret in &secrets {
        let needle = secret.as_bytes();
        assert!(
            !at_rest.windows(needle.len()).any(|w| w == needle),
            "{secret} found at rest ({})",
            db.backend()
        );
        for answer in [&created, &got, &listed] {
            assert!(!answer.to_string().contains(secret.as_str()), "{secret} in {answer}");
        }
    }
    // The check can see plaintext: the connection's display name is stored as is.
    let needle = b"Loopback Echo";
    assert!(at_rest.windows(needle.len()).any(|w| w == needle));
}

on_each_backend!(no_plaintext_secret_at_rest);
