//! The egress guard (`NetworkAccess::PublicOnly`) and the HTTP client builder hook, against
//! loopback backends: what the guard refuses is refused before anything reaches them.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Backend, Reply, connection, fixture, runtime_with};
use serde_json::json;
use switchboard_runtime::{Call, NetworkAccess, Phase, RetryPolicy, Runtime, RuntimeOptions};

fn public_only() -> Runtime {
    runtime_with(|o| o.network = NetworkAccess::PublicOnly)
}

fn ping(base_url: &str) -> switchboard_runtime::CompiledConnector {
    fixture(
        "egress",
        json!({"paths": {"/ping": {"get": {"operationId": "Ping", "responses": {}}}}}),
        serde_json::Value::Null,
        base_url,
    )
}

#[tokio::test]
async fn loopback_literals_are_refused_before_anything_is_sent() {
    let backend = Backend::ok().await;
    let c = ping(&backend.url());
    let e = public_only().invoke(&c, &connection(json!({})), Call::new("Ping")).await.unwrap_err();
    assert_eq!((e.status, e.code, e.phase), (403, "PrivateNetworkRefused", Phase::Send));
    assert!(e.message.contains("'127.0.0.1'"), "{}", e.message);
    assert!(!e.retry_safe);
    assert_eq!(backend.count(), 0);
    // The same call with the default access reaches the backend.
    runtime_with(|_| {}).invoke(&c, &connection(json!({})), Call::new("Ping")).await.unwrap();
    assert_eq!(backend.count(), 1);
}

#[tokio::test]
async fn names_resolving_to_loopback_are_refused_by_the_resolver() {
    let backend = Backend::ok().await;
    let c = ping(&format!("http://localhost:{}", backend.addr.port()));
    let e = public_only().invoke(&c, &connection(json!({})), Call::new("Ping")).await.unwrap_err();
    assert_eq!((e.status, e.code), (403, "PrivateNetworkRefused"), "{}", e.message);
    assert!(e.message.contains("'localhost'"), "{}", e.message);
    assert!(!e.message.contains("127.0.0.1"), "addresses are not shown: {}", e.message);
    assert_eq!(backend.count(), 0);
}

#[tokio::test]
async fn token_endpoints_on_private_addresses_are_refused_too() {
    let idp = Backend::ok().await;
    let mut c = fixture(
        "egress-oauth",
        json!({
            "securityDefinitions": {"oauth": {"type": "oauth2", "flow": "accessCode",
                "authorizationUrl": "https://login.example.com/authorize",
                "tokenUrl": "https://login.example.com/token", "scopes": {}}},
            "paths": {"/ping": {"get": {"operationId": "Ping", "responses": {}}}}
        }),
        json!({"properties": {"connectionParameters": {"token": {"type": "oauthSetting",
            "oAuthSettings": {"identityProvider": "oauth2", "clientId": "id", "scopes": []}}}}}),
        "https://api.example.com",
    );
    c.override_token_url(&format!("{}/token", idp.url())).unwrap();
    let expired =
        connection(json!({"token": {"access_token": "a", "refresh_token": "r", "expires_at": 1}}));
    let e = public_only().invoke(&c, &expired, Call::new("Ping")).await.unwrap_err();
    assert_eq!((e.code, e.phase), ("PrivateNetworkRefused", Phase::Authenticate), "{}", e.message);
    assert_eq!(idp.count(), 0);
}

#[tokio::test]
async fn redirects_are_returned_not_followed() {
    let inner = Backend::ok().await;
    let location = format!("{}/elsewhere", inner.url());
    let backend = Backend::start(move |_, _| Reply::empty(302).header("Location", &location)).await;
    let c = ping(&backend.url());
    let rt = runtime_with(|o| o.retry = RetryPolicy::None);
    let out = rt.invoke(&c, &connection(json!({})), Call::new("Ping")).await.unwrap();
    assert_eq!(out.response.status, 302);
    assert_eq!((backend.count(), inner.count()), (1, 0));
}

#[tokio::test]
async fn the_client_builder_hook_configures_the_http_client() {
    // A name only the hook knows, resolved to the loopback backend: the call arrives, with the
    // hook's default header.
    let backend = Backend::ok().await;
    let c = ping(&format!("http://backend.switchboard.test:{}", backend.addr.port()));
    let rt = Runtime::with_client(RuntimeOptions::default(), |b| {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("x-hooked", reqwest::header::HeaderValue::from_static("yes"));
        b.resolve("backend.switchboard.test", backend.addr).default_headers(headers)
    })
    .unwrap();
    rt.invoke(&c, &connection(json!({})), Call::new("Ping")).await.unwrap();
    let request = &backend.requests()[0];
    assert_eq!(request.header("x-hooked"), Some("yes"));
    assert_eq!(
        request.header("host"),
        Some(format!("backend.switchboard.test:{}", backend.addr.port()).as_str())
    );
}
