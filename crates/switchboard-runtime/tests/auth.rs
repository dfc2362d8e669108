//! Issue item 2, authentication (spec §2.4, §2.8; checklist 16–19, 22) against loopback
//! backends and a loopback token endpoint.

#![allow(clippy::unwrap_used)]

mod common;

use base64::Engine as _;
use common::{Backend, Reply, connection, corpus_connector, fixture, runtime};
use serde_json::json;
use switchboard_runtime::{Call, Fault, Phase};

#[tokio::test]
async fn api_key_in_query() {
    let backend = Backend::ok().await;
    let c = fixture(
        "apikey-query",
        json!({
            "securityDefinitions": {"key": {"type": "apiKey", "in": "query", "name": "apikey"}},
            "paths": {"/x": {"get": {"operationId": "X", "responses": {}}}}
        }),
        json!({"properties": {"connectionParameters": {"api_key": {"type": "securestring"}}}}),
        &backend.url(),
    );
    runtime()
        .invoke(&c, &connection(json!({"api_key": "s e/cret"})), Call::new("X"))
        .await
        .unwrap();
    assert_eq!(backend.requests()[0].query_param("apikey").as_deref(), Some("s e/cret"));
}

#[tokio::test]
async fn missing_api_key_is_a_client_error_naming_the_parameter() {
    let backend = Backend::ok().await;
    let c = corpus_connector("custom-connectors/Datelist", &backend.url());
    let e =
        runtime().invoke(&c, &connection(json!({})), Call::new("ListCalendars")).await.unwrap_err();
    assert_eq!(
        (e.status, e.code, e.phase),
        (400, "MissingConnectionParameter", Phase::Authenticate)
    );
    assert!(e.message.contains("'api_key'"), "{}", e.message);
    assert_eq!(backend.count(), 0);
}

#[tokio::test]
async fn basic_auth_from_username_and_password() {
    // Formstack Documents: a `basic` security definition, no policies (checklist 17).
    let backend = Backend::ok().await;
    let c = corpus_connector("certified-connectors/Formstack Documents", &backend.url());
    let op = c.operations.keys().next().unwrap().clone();
    let mut call = Call::new(op.clone());
    for p in &c.operation(&op).unwrap().parameters {
        call.arguments.insert(p.name.clone(), json!("1"));
    }
    runtime()
        .invoke(&c, &connection(json!({"username": "ann", "password": "pw:1"})), call)
        .await
        .unwrap();
    let expected =
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode("ann:pw:1"));
    assert_eq!(backend.requests()[0].header("authorization"), Some(expected.as_str()));
}

#[tokio::test]
async fn no_security_definitions_means_no_credentials() {
    let backend = Backend::ok().await;
    let c = fixture(
        "noauth",
        json!({"paths": {"/x": {"get": {"operationId": "X", "responses": {}}}}}),
        json!(null),
        &backend.url(),
    );
    runtime().invoke(&c, &connection(json!({"api_key": "unused"})), Call::new("X")).await.unwrap();
    assert_eq!(backend.requests()[0].header("authorization"), None);
}

/// Seismic Configuration: oauth2 (`identityProvider: oauth2`), no policies; its token
/// endpoint is pointed at the loopback `idp`.
fn seismic(backend: &Backend, idp: &Backend) -> switchboard_runtime::CompiledConnector {
    let mut c = corpus_connector("certified-connectors/Seismic Configuration", &backend.url());
    c.override_token_url(&format!("{}/token", idp.url())).unwrap();
    c
}

fn idp_issuing(prefix: &'static str) -> impl Fn(&common::Recorded, usize) -> Reply {
    move |_, i| {
        Reply::json(
            200,
            json!({"access_token": format!("{prefix}-{i}"), "expires_in": 3600, "token_type": "Bearer"}),
        )
    }
}

#[tokio::test]
async fn oauth_bearer_is_sent_and_an_expiring_token_is_refreshed_and_handed_back() {
    // Checklist 18.
    let backend = Backend::ok().await;
    let idp = Backend::start(idp_issuing("fresh")).await;
    let c = seismic(&backend, &idp);
    let rt = runtime();
    let valid = connection(
        json!({"token": {"access_token": "old", "refresh_token": "r1", "expires_at": 4_000_000_000_i64}}),
    );
    let out = rt.invoke(&c, &valid, Call::new("GetTeamsites").on_connection("c1")).await.unwrap();
    assert_eq!(backend.requests()[0].header("authorization"), Some("Bearer old"));
    assert!(out.refreshed_token.is_none());
    assert_eq!(idp.count(), 0);

    let expiring = connection(json!({
        "token": {"access_token": "old", "refresh_token": "r1", "expires_at": 1},
        "token:clientSecret": "shh"
    }));
    let out =
        rt.invoke(&c, &expiring, Call::new("GetTeamsites").on_connection("c2")).await.unwrap();
    assert_eq!(backend.requests()[1].header("authorization"), Some("Bearer fresh-0"));
    let token = out.refreshed_token.unwrap();
    assert_eq!(token.access_token, "fresh-0");
    // The provider returned no refresh token: the old one is kept.
    assert_eq!(token.refresh_token.as_deref(), Some("r1"));
    assert!(token.expires_at.unwrap() > 1_000_000_000);
    let form = idp.requests()[0].text();
    assert!(
        form.contains("grant_type=refresh_token") && form.contains("refresh_token=r1"),
        "{form}"
    );
    assert!(
        form.contains("client_id=PLACEHOLDER_CLIENTID") && form.contains("client_secret=shh"),
        "{form}"
    );

    // The runtime caches the refreshed token for the connection: no second refresh.
    rt.invoke(&c, &expiring, Call::new("GetTeamsites").on_connection("c2")).await.unwrap();
    assert_eq!(backend.requests()[2].header("authorization"), Some("Bearer fresh-0"));
    assert_eq!(idp.count(), 1);
}

#[tokio::test]
async fn a_401_refreshes_once_and_replays_once() {
    // Checklist 19: the first 401 triggers one refresh and one replay; a second 401 is
    // returned as is.
    let backend = Backend::start(|r, _| {
        if r.header("authorization") == Some("Bearer fresh-0") {
            Reply::json(200, json!({"ok": true}))
        } else {
            Reply::json(401, json!({"error": "expired"}))
        }
    })
    .await;
    let idp = Backend::start(idp_issuing("fresh")).await;
    let c = seismic(&backend, &idp);
    let conn = connection(json!({"token": {"access_token": "revoked", "refresh_token": "r1"}}));
    let (result, trace) =
        runtime().invoke_traced(&c, &conn, Call::new("GetTeamsites").traced()).await;
    let out = result.unwrap();
    assert_eq!(out.response.status, 200);
    assert_eq!(out.refreshed_token.unwrap().access_token, "fresh-0");
    assert_eq!(backend.count(), 2);
    assert!(trace.events.iter().any(|e| e.step.contains("401: token refreshed, replaying once")));

    let always_401 = Backend::start(|_, _| Reply::json(401, json!({}))).await;
    let c = seismic(&always_401, &idp);
    let out = runtime().invoke(&c, &conn, Call::new("GetTeamsites")).await.unwrap();
    assert_eq!(out.response.status, 401);
    assert_eq!(always_401.count(), 2);
}

#[tokio::test]
async fn refused_refresh_is_401_unauthenticated() {
    let backend = Backend::ok().await;
    let idp = Backend::start(|_, _| Reply::json(400, json!({"error": "invalid_grant"}))).await;
    let c = seismic(&backend, &idp);
    let conn = connection(
        json!({"token": {"access_token": "old", "refresh_token": "bad", "expires_at": 1}}),
    );
    let e = runtime().invoke(&c, &conn, Call::new("GetTeamsites")).await.unwrap_err();
    assert_eq!((e.status, e.code, e.fault), (401, "Unauthenticated", Fault::Client));
    assert!(e.message.contains("invalid_grant"), "{}", e.message);
    assert_eq!(backend.count(), 0);
}

#[tokio::test]
async fn client_credentials_grant_for_service_principal_connections() {
    // TALXISDataFeed: aad with token:grantType / token:clientId / token:clientSecret
    // (checklist 22).
    let backend = Backend::ok().await;
    let idp = Backend::start(idp_issuing("app")).await;
    let mut c = corpus_connector("certified-connectors/TALXISDataFeed", &backend.url());
    c.override_token_url(&format!("{}/tenant/oauth2/token", idp.url())).unwrap();
    let conn = connection(json!({
        "token:grantType": "client_credentials",
        "token:clientId": "app-id",
        "token:clientSecret": "app-secret"
    }));
    let rt = runtime();
    let out = rt.invoke(&c, &conn, Call::new("Countries")).await.unwrap();
    assert_eq!(backend.requests()[0].header("authorization"), Some("Bearer app-0"));
    assert_eq!(out.refreshed_token.unwrap().access_token, "app-0");
    let form = idp.requests()[0].text();
    assert!(form.contains("grant_type=client_credentials"), "{form}");
    assert!(
        form.contains("client_id=app-id") && form.contains("client_secret=app-secret"),
        "{form}"
    );
    assert!(
        form.contains("resource=https%3A%2F%2Fprod.talxis.com%2Fconnectors%2Fdatafeed"),
        "{form}"
    );
    // Cached until it expires.
    rt.invoke(&c, &conn, Call::new("Countries")).await.unwrap();
    assert_eq!(idp.count(), 1);
}

#[tokio::test]
async fn traces_mask_secrets() {
    let backend = Backend::ok().await;
    let c = corpus_connector("custom-connectors/Datelist", &backend.url());
    let (result, trace) = runtime()
        .invoke_traced(
            &c,
            &connection(json!({"api_key": "topsecret-key"})),
            Call::new("ListCalendars").traced(),
        )
        .await;
    result.unwrap();
    let text = serde_json::to_string(&trace).unwrap();
    assert!(!text.contains("topsecret-key"), "{text}");
    assert!(text.contains("\"authenticate\""), "{text}");
}

fn code_flow_connector(idp: &Backend) -> switchboard_runtime::CompiledConnector {
    let mut c = oauth_fixture(json!({"identityProvider": "oauth2", "clientId": "the-client",
    "scopes": ["read", "write"],
    "customParameters": {
        "authorizationUrl": {"value": "https://login.example.com/authorize?tenant=t1"},
        "tokenUrl": {"value": format!("{}/token", idp.url())}
    }}));
    c.set_oauth_redirect_url("https://registry.example.com/api/v1/oauth/redirect");
    c
}

#[tokio::test]
async fn authorization_code_flow_authorize_url_and_exchange_with_pkce() {
    let idp = Backend::start(idp_issuing("granted")).await;
    let c = code_flow_connector(&idp);
    let conn = connection(json!({"token:clientSecret": "shh"}));
    let url = c.oauth().unwrap().authorize_url(&conn, "st ate", "chal-lenge").unwrap();
    let parsed = url::Url::parse(&url).unwrap();
    assert_eq!(parsed.host_str(), Some("login.example.com"));
    let q: std::collections::BTreeMap<String, String> = parsed.query_pairs().into_owned().collect();
    assert_eq!(q["tenant"], "t1", "the URL's own query is kept");
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["client_id"], "the-client");
    assert_eq!(q["redirect_uri"], "https://registry.example.com/api/v1/oauth/redirect");
    assert_eq!(q["scope"], "read write");
    assert_eq!(q["state"], "st ate");
    assert_eq!(q["code_challenge"], "chal-lenge");
    assert_eq!(q["code_challenge_method"], "S256");

    let token = runtime()
        .exchange_authorization_code(
            &c,
            &conn,
            switchboard_runtime::auth::CodeExchange {
                code: "the-code",
                code_verifier: "the-verifier",
                redirect_uri: "https://registry.example.com/api/v1/oauth/redirect",
            },
        )
        .await
        .unwrap();
    assert_eq!(token.access_token, "granted-0");
    let form: std::collections::BTreeMap<String, String> =
        url::form_urlencoded::parse(&idp.requests()[0].body).into_owned().collect();
    assert_eq!(form["grant_type"], "authorization_code");
    assert_eq!(form["code"], "the-code");
    assert_eq!(form["code_verifier"], "the-verifier");
    assert_eq!(form["redirect_uri"], "https://registry.example.com/api/v1/oauth/redirect");
    assert_eq!(form["client_id"], "the-client");
    assert_eq!(form["client_secret"], "shh");
}

#[tokio::test]
async fn a_refused_code_is_unauthenticated() {
    let idp = Backend::start(|_, _| Reply::json(400, json!({"error": "invalid_grant"}))).await;
    let c = code_flow_connector(&idp);
    let e = runtime()
        .exchange_authorization_code(
            &c,
            &connection(json!({})),
            switchboard_runtime::auth::CodeExchange {
                code: "stale",
                code_verifier: "v",
                redirect_uri: "https://registry.example.com/api/v1/oauth/redirect",
            },
        )
        .await
        .unwrap_err();
    assert_eq!((e.status, e.code), (401, "Unauthenticated"));
    assert!(e.message.contains("invalid_grant"), "{}", e.message);
}

#[allow(clippy::needless_pass_by_value)]
fn oauth_fixture(settings: serde_json::Value) -> switchboard_runtime::CompiledConnector {
    let mut c = fixture(
        "authorize-url",
        json!({
            "securityDefinitions": {"oauth": {"type": "oauth2", "flow": "accessCode",
                "authorizationUrl": "https://swagger.example.com/authorize",
                "tokenUrl": "https://swagger.example.com/token", "scopes": {}}},
            "paths": {"/x": {"get": {"operationId": "X", "responses": {}}}}
        }),
        json!({"properties": {"connectionParameters": {"token": {"type": "oauthSetting",
            "oAuthSettings": settings}}}}),
        "https://api.example.com",
    );
    c.set_oauth_redirect_url("https://sb.example.com/api/v1/oauth/redirect");
    c
}

#[test]
fn authorize_urls_of_aad_generic_and_swagger_fallback() {
    let none = connection(json!({}));
    // aad v1: the authority's authorize endpoint with `resource`.
    let aad = oauth_fixture(json!({"identityProvider": "aad", "clientId": "app",
        "customParameters": {"resourceUri": {"value": "https://graph.example.com"},
                             "tenantId": {"value": "contoso"}}}));
    let url = aad.oauth().unwrap().authorize_url(&none, "s", "c").unwrap();
    assert!(
        url.starts_with("https://login.microsoftonline.com/contoso/oauth2/authorize?"),
        "{url}"
    );
    assert!(url.contains("resource=https%3A%2F%2Fgraph.example.com"), "{url}");
    // oauth2generic: the templates, with the state and redirect URL rendered; PKCE added.
    let generic = oauth_fixture(json!({"identityProvider": "oauth2generic", "clientId": "app",
        "customParameters": {
            "authorizationUrlTemplate": {"value": "https://id.example.com/auth"},
            "authorizationUrlQueryStringTemplate":
                {"value": "?client_id={ClientId}&redirect_uri={redirectUrl}&state={State}"}}}));
    let url = generic.oauth().unwrap().authorize_url(&none, "st", "ch").unwrap();
    assert_eq!(
        url,
        "https://id.example.com/auth?client_id=app&redirect_uri=https%3A%2F%2Fsb.example.com%2Fapi%2Fv1%2Foauth%2Fredirect&state=st&code_challenge=ch&code_challenge_method=S256"
    );
    // No authorizationUrl in the settings: the swagger's.
    let plain = oauth_fixture(json!({"identityProvider": "oauth2", "clientId": "app"}));
    let url = plain.oauth().unwrap().authorize_url(&none, "s", "c").unwrap();
    assert!(url.starts_with("https://swagger.example.com/authorize?response_type=code"), "{url}");
}
