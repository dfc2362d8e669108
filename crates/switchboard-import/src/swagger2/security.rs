//! `securityDefinitions` → one [`Auth`] connectors support, its `securityDefinitions`,
//! `security` and the matching `connectionParameters` (SW170–SW174, AP040).
//!
//! A connector has one kind of authentication. The scheme chosen is the first the source
//! requires (root `security`, then operations' `security`, then declaration order) that
//! connectors support as such: an API key in a header or the query, HTTP basic, or OAuth 2
//! authorization code. When there is none, an OAuth 2 implicit, password or client-credentials
//! flow is mapped to authorization code (with the missing URL derived and a warning). Every
//! other scheme is reported as not carried over.

use serde_json::{Value, json};
use switchboard_diagnostics::Severity;

use super::{Cx, Map, codes};
use crate::scaffold::Auth;

/// The authentication chosen, with what the other steps need to know about it.
#[derive(Clone, Debug)]
pub struct AuthChoice {
    /// The auth kind.
    pub auth: Auth,
}

impl AuthChoice {
    /// The header or query parameter carrying the API key, if any: `(name, in)`.
    pub fn api_key(&self) -> Option<(&str, &str)> {
        match &self.auth {
            Auth::ApiKey { name, location } => Some((name, location)),
            _ => None,
        }
    }
}

enum Fit {
    Native(Auth),
    Mapped(Auth, String),
    Unsupported(String),
}

pub fn apply(cx: &mut Cx<'_, '_>, doc: &mut Map) -> AuthChoice {
    let defs = match doc.remove("securityDefinitions") {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let root_security = doc.remove("security");
    let mut order: Vec<String> = Vec::new();
    let add = |names: &Value, order: &mut Vec<String>| {
        for req in names.as_array().into_iter().flatten() {
            for name in req.as_object().into_iter().flat_map(|o| o.keys()) {
                if !order.contains(name) {
                    order.push(name.clone());
                }
            }
        }
    };
    if let Some(s) = &root_security {
        add(s, &mut order);
    }
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for (_, op) in item.iter_mut().filter(|(k, _)| super::METHODS.contains(&k.as_str())) {
                if let Some(s) = op.as_object_mut().and_then(|o| o.remove("security")) {
                    add(&s, &mut order);
                }
            }
        }
    }
    for name in defs.keys() {
        if !order.contains(name) {
            order.push(name.clone());
        }
    }
    order.retain(|n| defs.contains_key(n));

    let fits: Vec<(String, Fit)> =
        order.iter().map(|n| (n.clone(), fit(defs.get(n).unwrap_or(&Value::Null)))).collect();
    let chosen = fits
        .iter()
        .position(|(_, f)| matches!(f, Fit::Native(_)))
        .or_else(|| fits.iter().position(|(_, f)| matches!(f, Fit::Mapped(..))));
    let mut auth = Auth::None;
    for (i, (name, f)) in fits.into_iter().enumerate() {
        let pointer = switchboard_model::json::pointer::from_tokens(["securityDefinitions", &name]);
        if Some(i) == chosen {
            match f {
                Fit::Native(a) => auth = a,
                Fit::Mapped(a, why) => {
                    cx.loss(
                        codes::AUTH_MAPPED,
                        Severity::Warning,
                        format!("security scheme `{name}`: {why}"),
                        &pointer,
                    );
                    auth = a;
                }
                Fit::Unsupported(_) => {}
            }
            continue;
        }
        let why = match f {
            Fit::Unsupported(why) => why,
            Fit::Native(_) | Fit::Mapped(..) => {
                "a connector has one kind of authentication; another scheme was chosen".to_string()
            }
        };
        cx.loss_help(
            codes::AUTH_DROPPED,
            Severity::Warning,
            format!("security scheme `{name}` was not carried over: {why}"),
            &pointer,
            "connectors with several sign-in options use connectionParameterSets in apiProperties.json",
        );
    }
    let sd = auth.security_definitions();
    if sd.as_object().is_some_and(|o| !o.is_empty()) {
        doc.insert("securityDefinitions".into(), sd);
        doc.insert("security".into(), auth.security());
    }
    AuthChoice { auth }
}

fn fit(def: &Value) -> Fit {
    let s = |k: &str| def.get(k).and_then(Value::as_str).unwrap_or("");
    match s("type") {
        "apiKey" => match s("in") {
            "header" | "query" if !s("name").is_empty() => {
                Fit::Native(Auth::ApiKey { name: s("name").into(), location: s("in").into() })
            }
            other => {
                Fit::Unsupported(format!("an API key in `{other}` is not supported by connectors"))
            }
        },
        "basic" => Fit::Native(Auth::Basic),
        "oauth2" => {
            let scopes: Vec<String> = def
                .get("scopes")
                .and_then(Value::as_object)
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default();
            let authorization = s("authorizationUrl").to_string();
            let token = s("tokenUrl").to_string();
            let refresh = def
                .get("x-ms-refresh-url")
                .and_then(Value::as_str)
                .filter(|r| !r.is_empty())
                .map_or_else(|| token.clone(), str::to_string);
            let oauth = |authorization_url: String, token_url: String, refresh_url: String| {
                Auth::OAuth2 { authorization_url, token_url, refresh_url, scopes: scopes.clone() }
            };
            match s("flow") {
                "accessCode" if !authorization.is_empty() && !token.is_empty() => {
                    Fit::Native(oauth(authorization, token, refresh))
                }
                "implicit" if !authorization.is_empty() => {
                    let token = derive(&authorization, "token");
                    Fit::Mapped(
                        oauth(authorization, token.clone(), token.clone()),
                        format!(
                            "the implicit flow is not supported by connectors; mapped to authorization code with the token URL `{token}` derived from the authorization URL: check it"
                        ),
                    )
                }
                "password" | "application" if !token.is_empty() => {
                    let authorization = derive(&token, "authorize");
                    Fit::Mapped(
                        oauth(authorization.clone(), token, refresh),
                        format!(
                            "the OAuth 2 `{}` flow is not supported by connectors; mapped to authorization code with the authorization URL `{authorization}` derived from the token URL: check it",
                            s("flow")
                        ),
                    )
                }
                flow => Fit::Unsupported(format!(
                    "OAuth 2 flow `{flow}` lacks the URLs connectors need"
                )),
            }
        }
        other => Fit::Unsupported(format!("type `{other}` is not supported by connectors")),
    }
}

/// `https://id.example.com/oauth/authorize` → `…/oauth/token` (and back): the usual layout.
fn derive(url: &str, last: &str) -> String {
    let (base, _) = url.split_once('?').unwrap_or((url, ""));
    match base.rfind('/') {
        Some(i) if i > base.find("://").map_or(0, |j| j + 2) => format!("{}/{last}", &base[..i]),
        _ => format!("{}/{last}", base.trim_end_matches('/')),
    }
}

/// Adjusts apiProperties for the chosen auth: an API key in `Authorization` is usually a
/// bearer token, so its connection parameter says what to type.
pub fn adjust_properties(choice: &AuthChoice, properties: &mut Value) {
    if let Some((name, "header")) = choice.api_key()
        && name.eq_ignore_ascii_case("authorization")
        && let Some(ui) =
            properties.pointer_mut("/properties/connectionParameters/api_key/uiDefinition")
    {
        let text = "The value of the Authorization header: Bearer followed by your token.";
        ui["displayName"] = json!("Authorization");
        ui["description"] = json!(text);
        ui["tooltip"] = json!(text);
    }
}
