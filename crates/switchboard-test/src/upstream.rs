//! A loopback upstream on `127.0.0.1:0`: the backend of the "Loopback Echo" fixture connector
//! and its OAuth 2 provider (authorize and token endpoints, checking PKCE), recording what it
//! receives so tests can see exactly what the server sent.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};

/// The OAuth client the fixture connector names (`oAuthSettings.clientId`).
pub const CLIENT_ID: &str = "switchboard-test-client";
/// The client secret the provider expects (connections bring it as `token:clientSecret`).
pub const CLIENT_SECRET: &str = "switchboard-test-client-secret";

/// One request the backend received (OAuth endpoints excluded).
#[derive(Clone, Debug)]
pub struct Seen {
    /// The method.
    pub method: String,
    /// The path.
    pub path: String,
    /// The raw query.
    pub query: Option<String>,
    /// The headers, names lowercase.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Seen {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A code issued by the authorize endpoint and not yet exchanged.
#[derive(Clone, Debug)]
struct Issued {
    challenge: String,
    redirect_uri: String,
}

/// What the upstream recorded and how it behaves.
#[derive(Debug)]
pub struct Recorded {
    /// Backend requests, in order.
    pub requests: Vec<Seen>,
    /// Token endpoint requests (form fields), in order.
    pub token_requests: Vec<BTreeMap<String, String>>,
    /// Refresh-token grants served.
    pub refreshes: u32,
    /// `expires_in` of tokens issued for a code (refreshed ones last an hour).
    pub code_token_lifetime: i64,
    /// The status `GET /ping` answers.
    pub ping_status: u16,
    /// Every access and refresh token issued, in order (each contains a random part, so a
    /// test can search for it in the database).
    pub issued_tokens: Vec<String>,
    nonce: String,
    codes: HashMap<String, Issued>,
    refresh_tokens: Vec<String>,
    issued: u32,
}

impl Default for Recorded {
    fn default() -> Self {
        Self {
            requests: Vec::new(),
            token_requests: Vec::new(),
            refreshes: 0,
            code_token_lifetime: 3600,
            ping_status: 200,
            issued_tokens: Vec::new(),
            nonce: switchboard_store::random_token("").into_inner().chars().take(12).collect(),
            codes: HashMap::new(),
            refresh_tokens: Vec::new(),
            issued: 0,
        }
    }
}

/// The running upstream.
pub struct Upstream {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// Its port.
    pub port: u16,
    /// What it recorded (and its knobs).
    pub recorded: Arc<Mutex<Recorded>>,
    task: tokio::task::JoinHandle<()>,
}

type Shared = Arc<Mutex<Recorded>>;

impl Upstream {
    /// Starts it.
    pub async fn start() -> Upstream {
        let recorded: Shared = Arc::default();
        let app = axum::Router::new()
            .route("/authorize", axum::routing::get(authorize))
            .route("/token", axum::routing::post(token))
            .fallback(backend)
            .with_state(recorded.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind upstream");
        let addr = listener.local_addr().expect("upstream address");
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("upstream serves");
        });
        Upstream { base: format!("http://{addr}"), port: addr.port(), recorded, task }
    }

    /// Locks the record.
    pub fn lock(&self) -> std::sync::MutexGuard<'_, Recorded> {
        self.recorded.lock().expect("upstream lock")
    }

    /// The backend requests so far.
    pub fn requests(&self) -> Vec<Seen> {
        self.lock().requests.clone()
    }
}

impl Drop for Upstream {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn pairs(text: &str) -> BTreeMap<String, String> {
    url::form_urlencoded::parse(text.as_bytes()).into_owned().collect()
}

fn oauth_error(error: &str) -> Response {
    (StatusCode::BAD_REQUEST, axum::Json(json!({"error": error}))).into_response()
}

/// `GET /authorize`: checks the request an authorization-code flow with PKCE must make, then
/// "consents" at once: 302 back to `redirect_uri` with a code and the state.
async fn authorize(State(rec): State<Shared>, request: Request) -> Response {
    let q = pairs(request.uri().query().unwrap_or(""));
    let get = |k: &str| q.get(k).cloned().unwrap_or_default();
    if get("response_type") != "code"
        || get("client_id") != CLIENT_ID
        || get("code_challenge_method") != "S256"
        || get("code_challenge").len() != 43
        || get("state").is_empty()
        || get("redirect_uri").is_empty()
    {
        return oauth_error("invalid_request");
    }
    let mut rec = rec.lock().expect("lock");
    rec.issued += 1;
    let code = format!("code-{}", rec.issued);
    let issued = Issued { challenge: get("code_challenge"), redirect_uri: get("redirect_uri") };
    rec.codes.insert(code.clone(), issued);
    let location = url::Url::parse_with_params(
        &get("redirect_uri"),
        &[("code", code), ("state", get("state"))],
    );
    match location {
        Ok(url) => (StatusCode::FOUND, [(header::LOCATION, url.to_string())]).into_response(),
        Err(_) => oauth_error("invalid_request"),
    }
}

/// `POST /token`: the authorization-code grant (the code once, the verifier matching the
/// challenge, the client secret, the same redirect URI) and the refresh-token grant (refresh
/// tokens rotate: each is good once).
async fn token(State(rec): State<Shared>, body: String) -> Response {
    let form = pairs(&body);
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    let mut rec = rec.lock().expect("lock");
    rec.token_requests.push(form.clone());
    if get("client_id") != CLIENT_ID || get("client_secret") != CLIENT_SECRET {
        return oauth_error("invalid_client");
    }
    let lifetime = match get("grant_type").as_str() {
        "authorization_code" => {
            let Some(issued) = rec.codes.remove(&get("code")) else {
                return oauth_error("invalid_grant");
            };
            let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(get("code_verifier").as_bytes()));
            if challenge != issued.challenge || get("redirect_uri") != issued.redirect_uri {
                return oauth_error("invalid_grant");
            }
            rec.code_token_lifetime
        }
        "refresh_token" => {
            let presented = get("refresh_token");
            let Some(i) = rec.refresh_tokens.iter().position(|t| *t == presented) else {
                return oauth_error("invalid_grant");
            };
            rec.refresh_tokens.remove(i);
            rec.refreshes += 1;
            3600
        }
        _ => return oauth_error("unsupported_grant_type"),
    };
    rec.issued += 1;
    let (n, nonce) = (rec.issued, rec.nonce.clone());
    let access = format!("access-{nonce}-{n}");
    let refresh = format!("refresh-{nonce}-{n}");
    rec.refresh_tokens.push(refresh.clone());
    rec.issued_tokens.push(access.clone());
    rec.issued_tokens.push(refresh.clone());
    axum::Json(json!({
        "access_token": access,
        "refresh_token": refresh,
        "token_type": "Bearer",
        "expires_in": lifetime,
        "scope": "tasks.read",
    }))
    .into_response()
}

/// Everything else: the backend. `GET /ping` answers `{"pong": true}` with the configured
/// status; `POST /echo` answers the tag and body it got; the rest 404.
async fn backend(State(rec): State<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20).await.unwrap_or_default();
    let seen = Seen {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| (n.to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect(),
        body: body.to_vec(),
    };
    let ping_status = {
        let mut rec = rec.lock().expect("lock");
        rec.requests.push(seen.clone());
        rec.ping_status
    };
    match (seen.method.as_str(), seen.path.as_str()) {
        ("GET", "/ping") => {
            let status = StatusCode::from_u16(ping_status).unwrap_or(StatusCode::OK);
            (status, axum::Json(json!({"pong": status.is_success()}))).into_response()
        }
        ("POST", "/echo") => {
            let tag = pairs(seen.query.as_deref().unwrap_or("")).remove("tag");
            let received: Value = serde_json::from_slice(&seen.body).unwrap_or(Value::Null);
            axum::Json(json!({"tag": tag, "received": received})).into_response()
        }
        _ => (StatusCode::NOT_FOUND, axum::Json(json!({"error": "no such path"}))).into_response(),
    }
}

/// Which credentials the fixture connector takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EchoAuth {
    /// An API key (`api_key`, header `X-API-Key`).
    ApiKey,
    /// OAuth 2 authorization code (`token`) against the upstream's provider.
    OAuth,
    /// Both: the runtime sends every credential the connection has.
    Both,
}

/// The files of "Loopback Echo", a connector whose backend and OAuth provider are the upstream
/// at `base` (`http://127.0.0.1:PORT`): operations `Ping` (GET /ping, its test-connection
/// operation) and `Echo` (POST /echo?tag=). Clean under the default profile.
pub fn echo_connector_files(base: &str, auth: EchoAuth) -> Vec<(String, Vec<u8>)> {
    let host = base.trim_start_matches("http://").trim_end_matches('/');
    let mut security = serde_json::Map::new();
    let mut parameters = serde_json::Map::new();
    if auth != EchoAuth::OAuth {
        security.insert(
            "api_key".into(),
            json!({"type": "apiKey", "in": "header", "name": "X-API-Key"}),
        );
        parameters.insert(
            "api_key".into(),
            json!({
                "type": "securestring",
                "uiDefinition": {
                    "displayName": "API key",
                    "description": "The API key of the echo service.",
                    "tooltip": "Provide your API key",
                    "constraints": {"tabIndex": 2, "clearText": false, "required": "true"}
                }
            }),
        );
    }
    if auth != EchoAuth::ApiKey {
        security.insert(
            "oauth2_auth".into(),
            json!({
                "type": "oauth2", "flow": "accessCode",
                "authorizationUrl": format!("{base}/authorize"),
                "tokenUrl": format!("{base}/token"),
                "scopes": {"tasks.read": "Read tasks"}
            }),
        );
        parameters.insert(
            "token".into(),
            json!({
                "type": "oauthSetting",
                "oAuthSettings": {
                    "identityProvider": "oauth2",
                    "clientId": CLIENT_ID,
                    "scopes": ["tasks.read"],
                    "redirectMode": "Global",
                    "redirectUrl": "https://global.consent.azure-apim.net/redirect",
                    "properties": {"IsFirstParty": "False"},
                    "customParameters": {
                        "authorizationUrl": {"value": format!("{base}/authorize")},
                        "tokenUrl": {"value": format!("{base}/token")},
                        "refreshUrl": {"value": format!("{base}/token")}
                    }
                }
            }),
        );
    }
    let swagger = json!({
        "swagger": "2.0",
        "info": {
            "title": "Loopback Echo",
            "description": "A loopback backend for tests of the Switchboard registry.",
            "version": "1.0"
        },
        "host": host,
        "basePath": "/",
        "schemes": ["http"],
        "consumes": ["application/json"],
        "produces": ["application/json"],
        "securityDefinitions": security,
        "x-ms-capabilities": {"testConnection": {"operationId": "Ping"}},
        "paths": {
            "/ping": {"get": {
                "operationId": "Ping",
                "summary": "Check the connection",
                "description": "Answers 200 when the credentials are accepted.",
                "x-ms-visibility": "internal",
                "responses": {"200": {"description": "OK"}}
            }},
            "/echo": {"post": {
                "operationId": "Echo",
                "summary": "Echo a body",
                "description": "Answers with the tag and the body it received.",
                "parameters": [
                    {"name": "tag", "in": "query", "type": "string", "required": true,
                     "x-ms-summary": "Tag", "description": "A word to send back."},
                    {"name": "body", "in": "body", "required": false, "schema": {
                        "type": "object",
                        "properties": {"text": {"type": "string", "x-ms-summary": "Text",
                            "description": "Any text to send back."}}
                    }}
                ],
                "responses": {"200": {"description": "OK", "schema": {
                    "type": "object",
                    "properties": {"tag": {"type": "string", "x-ms-summary": "Tag",
                        "description": "The word that was sent."}}
                }}}
            }}
        }
    });
    let properties = json!({"properties": {
        "connectionParameters": parameters,
        "iconBrandColor": "#3A5F8C",
        "capabilities": [],
        "publisher": "Switchboard",
        "stackOwner": "Switchboard"
    }});
    let icon = crate::taskforge_files()
        .into_iter()
        .find(|(name, _)| name == "icon.png")
        .map(|(_, bytes)| bytes)
        .unwrap_or_default();
    let pretty = |v: &Value| serde_json::to_vec_pretty(v).expect("json");
    vec![
        ("apiDefinition.swagger.json".to_owned(), pretty(&swagger)),
        ("apiProperties.json".to_owned(), pretty(&properties)),
        ("icon.png".to_owned(), icon),
    ]
}
