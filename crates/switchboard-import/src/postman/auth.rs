//! Auth: Postman's auth objects (collection, folder and request level, v2.0 objects and v2.1
//! key/value lists) and `Authorization` headers, reduced to the one security definition a
//! connector can have.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value as Json, json};
use switchboard_model::Span;
use switchboard_model::json::Value;

use super::report::{Loss, Report};
use super::url::substitute;

/// Placeholders written when an OAuth 2 auth lacks its URLs.
const PLACEHOLDER_AUTHORIZATION_URL: &str = "https://login.example.com/oauth2/authorize";
const PLACEHOLDER_TOKEN_URL: &str = "https://login.example.com/oauth2/token";

/// An auth scheme the platform can use (possibly approximately).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// An API key in a header or the query string.
    ApiKey {
        /// Header or query parameter name.
        name: String,
        /// `header` or `query`.
        location: String,
    },
    /// HTTP basic.
    Basic,
    /// A bearer token in the `Authorization` header.
    Bearer,
    /// OAuth 2.
    OAuth2 {
        /// `authUrl`, resolved.
        authorization_url: Option<String>,
        /// `accessTokenUrl`, resolved.
        token_url: Option<String>,
        /// `scope`, split.
        scopes: Vec<String>,
        /// `grant_type`.
        grant: Option<String>,
    },
}

impl Scheme {
    /// A short name for messages.
    pub(crate) fn label(&self) -> String {
        match self {
            Scheme::ApiKey { name, location } => format!("API key `{name}` in the {location}"),
            Scheme::Basic => "basic".into(),
            Scheme::Bearer => "bearer token".into(),
            Scheme::OAuth2 { .. } => "OAuth 2".into(),
        }
    }

    /// Whether two requests authenticate the same way (header names compared without case).
    pub(crate) fn same(&self, other: &Scheme) -> bool {
        match (self, other) {
            (
                Scheme::ApiKey { name: a, location: la },
                Scheme::ApiKey { name: b, location: lb },
            ) => la == lb && if la == "header" { a.eq_ignore_ascii_case(b) } else { a == b },
            _ => self == other,
        }
    }

    /// Whether the platform sends this header itself for this scheme (compared
    /// case-insensitively), so that a request's own header of that name is dropped.
    pub(crate) fn sets_header(&self, header: &str) -> bool {
        match self {
            Scheme::ApiKey { name, location } => {
                location == "header" && name.eq_ignore_ascii_case(header)
            }
            _ => header.eq_ignore_ascii_case("authorization"),
        }
    }

    /// Whether the platform sends this query parameter itself for this scheme.
    pub(crate) fn sets_query(&self, key: &str) -> bool {
        matches!(self, Scheme::ApiKey { name, location } if location == "query" && name == key)
    }
}

/// One attribute of an auth object: v2.1 lists `{key, value}` pairs, v2.0 has an object.
fn attribute(node: &Value, kind: &str, key: &str) -> Option<String> {
    let attrs = node.get(kind)?;
    let value = if attrs.as_array().is_some() {
        attrs.items().rev().find(|a| a.get_str("key") == Some(key))?.get("value")?
    } else {
        attrs.get(key)?
    };
    let text = value
        .as_str()
        .map(str::to_string)
        .or_else(|| value.as_number_text().map(str::to_string))?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Reads an auth object; `Err(type)` for a type the platform cannot use.
pub(crate) fn read(node: &Value, variables: &BTreeMap<String, String>) -> Result<Scheme, String> {
    let kind = node.get_str("type").unwrap_or_default();
    match kind {
        "apikey" => {
            let location = match attribute(node, kind, "in").as_deref() {
                Some("query") => "query",
                _ => "header",
            };
            let name = attribute(node, kind, "key").unwrap_or_else(|| "api_key".to_string());
            Ok(Scheme::ApiKey { name, location: location.to_string() })
        }
        "basic" => Ok(Scheme::Basic),
        "bearer" => Ok(Scheme::Bearer),
        "oauth2" => {
            let url = |key: &str| {
                attribute(node, kind, key).map(|u| substitute(&u, variables)).filter(|u| {
                    !u.contains("{{") && (u.starts_with("https://") || u.starts_with("http://"))
                })
            };
            let scopes = attribute(node, kind, "scope")
                .map(|s| {
                    s.split([' ', ','])
                        .filter(|s| !s.is_empty() && !s.contains("{{"))
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            Ok(Scheme::OAuth2 {
                authorization_url: url("authUrl"),
                token_url: url("accessTokenUrl"),
                scopes,
                grant: attribute(node, kind, "grant_type"),
            })
        }
        other => Err(if other.is_empty() { "(none given)".to_string() } else { other.to_string() }),
    }
}

/// Header names that carry an API key, compared in lowercase without `-` and `_`.
const KEY_HEADERS: &[&str] = &[
    "apikey",
    "xapikey",
    "apitoken",
    "xapitoken",
    "authtoken",
    "xauthtoken",
    "accesstoken",
    "xaccesstoken",
    "subscriptionkey",
    "ocpapimsubscriptionkey",
    "xfunctionskey",
];

/// `Authorization` schemes that are computed per request (by a Postman script or auth
/// helper), so that no fixed credential can stand for them.
const COMPUTED_SCHEMES: &[&str] =
    &["digest", "hawk", "aws4-hmac-sha256", "oauth", "ntlm", "negotiate", "signature"];

/// The scheme a request's own header implies: `Authorization: Bearer …` or `Basic …`,
/// another `Authorization` value (an API key in that header), or a header named like an API
/// key (`X-API-Key`, `Auth-Token`, `Ocp-Apim-Subscription-Key`…).
pub(crate) fn from_header(name: &str, value: &str) -> Option<Scheme> {
    let api_key = || Scheme::ApiKey { name: name.to_string(), location: "header".into() };
    if name.eq_ignore_ascii_case("authorization") {
        let first = value.split_whitespace().next()?.to_ascii_lowercase();
        return match first.as_str() {
            "bearer" => Some(Scheme::Bearer),
            "basic" => Some(Scheme::Basic),
            s if COMPUTED_SCHEMES.contains(&s) => None,
            _ => Some(api_key()),
        };
    }
    let normalized: String =
        name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    KEY_HEADERS.contains(&normalized.as_str()).then(api_key)
}

/// Whether the platform's own auth replaces this header for any connector (a bearer or
/// basic `Authorization` header is the request's credentials, never a parameter).
pub(crate) fn is_credentials_header(name: &str, value: &str) -> bool {
    name.eq_ignore_ascii_case("authorization")
        && matches!(from_header(name, value), Some(Scheme::Bearer | Scheme::Basic))
}

/// The Swagger `securityDefinitions` and root `security` of the chosen scheme; reports what
/// the platform can only approximate. `node` is where the scheme was first seen.
pub(crate) fn security(scheme: &Scheme, node: &Value, report: &mut Report<'_>) -> (Json, Json) {
    match scheme {
        Scheme::ApiKey { name, location } => (
            json!({"api_key": {"type": "apiKey", "in": location, "name": name}}),
            json!([{"api_key": []}]),
        ),
        Scheme::Basic => (json!({"basic_auth": {"type": "basic"}}), json!([{"basic_auth": []}])),
        Scheme::Bearer => {
            report
                .add(
                    Loss::AuthApproximated,
                    node,
                    "the bearer token is imported as an API key in the `Authorization` header: users enter `Bearer <token>` when they create a connection",
                )
                .set_help("if the service issues tokens through OAuth 2, change the security definition to OAuth 2 (authorization code)");
            (
                json!({"api_key": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "Bearer token: enter `Bearer ` followed by the token"
                }}),
                json!([{"api_key": []}]),
            )
        }
        Scheme::OAuth2 { authorization_url, token_url, scopes, grant } => {
            if let Some(grant) = grant.as_deref().filter(|g| !g.starts_with("authorization_code")) {
                report
                    .add(
                        Loss::AuthApproximated,
                        node,
                        format!("the OAuth 2 grant `{grant}` is not supported by custom connectors; it is imported as the authorization code flow"),
                    )
                    .set_help("check that the service supports the authorization code flow, or use an API key");
            }
            let mut missing = Vec::new();
            if authorization_url.is_none() {
                missing.push("authorization URL");
            }
            if token_url.is_none() {
                missing.push("token URL");
            }
            if !missing.is_empty() {
                report
                    .add(
                        Loss::AuthIncomplete,
                        node,
                        format!("the OAuth 2 auth has no usable {} (missing, or a variable without a value); placeholders under login.example.com were written", missing.join(" and ")),
                    )
                    .set_help("set authorizationUrl and tokenUrl in securityDefinitions (and in apiProperties.json) to the service's OAuth 2 endpoints");
            }
            let scope_map: serde_json::Map<String, Json> =
                scopes.iter().map(|s| (s.clone(), json!(s))).collect();
            (
                json!({"oauth2_auth": {
                    "type": "oauth2",
                    "flow": "accessCode",
                    "authorizationUrl": authorization_url.as_deref().unwrap_or(PLACEHOLDER_AUTHORIZATION_URL),
                    "tokenUrl": token_url.as_deref().unwrap_or(PLACEHOLDER_TOKEN_URL),
                    "scopes": scope_map,
                }}),
                json!([{"oauth2_auth": scopes}]),
            )
        }
    }
}

/// The auth a request uses.
pub(crate) struct Usage<'a> {
    /// The scheme.
    pub scheme: Scheme,
    /// Where it is written: an auth object, or a header.
    pub node: &'a Value,
    /// Whether it comes from one of the request's headers rather than an auth object.
    pub from_header: bool,
}

impl Usage<'_> {
    /// A header named like an API key that is not the connector's auth stays a parameter
    /// (nothing is lost).
    fn stays_parameter(&self) -> bool {
        self.from_header && matches!(self.scheme, Scheme::ApiKey { .. })
    }
}

/// The auth the connector keeps.
pub(crate) struct Choice<'a> {
    /// The scheme.
    pub scheme: Scheme,
    /// Where it was first seen.
    pub node: &'a Value,
    /// Whether it comes from a header.
    pub from_header: bool,
    /// How many requests use it.
    pub count: usize,
}

/// The most common scheme among `usages` (ties go to the first seen).
pub(crate) fn choose<'u, 'a: 'u>(
    usages: impl Iterator<Item = &'u Usage<'a>>,
) -> Option<Choice<'a>> {
    let mut counts: Vec<(&Usage<'a>, usize)> = Vec::new();
    for usage in usages {
        match counts.iter_mut().find(|(u, _)| u.scheme.same(&usage.scheme)) {
            Some(entry) => entry.1 += 1,
            None => counts.push((usage, 1)),
        }
    }
    let mut best: Option<(&Usage<'a>, usize)> = None;
    for entry in counts {
        if best.is_none_or(|b| entry.1 > b.1) {
            best = Some(entry);
        }
    }
    best.map(|(u, count)| Choice {
        scheme: u.scheme.clone(),
        node: u.node,
        from_header: u.from_header,
        count,
    })
}

/// Reports auth objects of a type the platform cannot use (once each), an API key taken from
/// a header, and the requests that use another scheme than the chosen one (once per scheme).
pub(crate) fn report_choice<'u, 'a: 'u>(
    choice: Option<&Choice<'_>>,
    auth_nodes: impl Iterator<Item = &'a Value>,
    usages: impl Iterator<Item = &'u Usage<'a>>,
    variables: &BTreeMap<String, String>,
    report: &mut Report<'_>,
) {
    let mut seen: BTreeSet<Span> = BTreeSet::new();
    for node in auth_nodes {
        if let Err(kind) = read(node, variables)
            && seen.insert(node.span)
        {
            report
                .add(Loss::AuthUnsupported, node, format!("the auth type `{kind}` is not supported by custom connectors; it is not imported"))
                .set_help("connectors authenticate with an API key, basic auth or OAuth 2 (authorization code)");
        }
    }
    let Some(choice) = choice else { return };
    if let (true, Scheme::ApiKey { name, .. }) = (choice.from_header, &choice.scheme) {
        report.add(Loss::AuthApproximated, choice.node, format!("the `{name}` header of {} request(s) is taken as the connector's API key: users enter it once, when they create a connection", choice.count));
    }
    let mut others: Vec<(&Usage<'a>, usize)> = Vec::new();
    for usage in usages.filter(|u| !u.scheme.same(&choice.scheme) && !u.stays_parameter()) {
        match others.iter_mut().find(|(u, _)| u.scheme.same(&usage.scheme)) {
            Some(entry) => entry.1 += 1,
            None => others.push((usage, 1)),
        }
    }
    for (usage, n) in others {
        let who =
            if n == 1 { "1 request".to_string() } else { format!("{n} requests (the first here)") };
        report
            .add(Loss::AuthNotChosen, usage.node, format!("the {} auth of {who} is not carried over: a connector has one security definition, and {} is used by {} request(s)", usage.scheme.label(), choice.scheme.label(), choice.count))
            .set_help("connectors with several sign-in methods need connection parameter sets, which must be written by hand");
    }
}
