//! `components.securitySchemes` → `securityDefinitions`. API keys in a header or the query,
//! HTTP basic and OAuth 2 map directly (authorization code → `accessCode`, implicit,
//! password → `password`, client credentials → `application`; connectorize then chooses what
//! connectors support); HTTP bearer becomes an API key in `Authorization`; cookies, OpenID
//! Connect, mutual TLS and other HTTP schemes are reported.

use serde_json::{Value as Json, json};
use switchboard_diagnostics::Severity;
use switchboard_model::json::{Value, pointer};

use super::{Conv, Map, codes};

impl<'s> Conv<'s> {
    pub(super) fn security_definitions(&mut self) -> Map {
        let mut out = Map::new();
        let Some(schemes) = self.src.root.get("components").and_then(|c| c.get("securitySchemes"))
        else {
            return out;
        };
        for m in schemes.members() {
            let Some(s) = self.deref(&m.value) else { continue };
            let name = m.key.to_string();
            let Some(def) = self.scheme(&name, s, m.key_span) else { continue };
            self.origins.insert(
                pointer::from_tokens(["securityDefinitions", &name]),
                self.src.location(m.key_span),
            );
            out.insert(name, def);
        }
        out
    }

    fn scheme(&mut self, name: &str, s: &'s Value, at: switchboard_model::Span) -> Option<Json> {
        let mut def = Map::new();
        if let Some(d) = s.get_str("description") {
            def.insert("description".into(), json!(d));
        }
        match s.get_str("type").unwrap_or("") {
            "apiKey" => {
                let location = s.get_str("in").unwrap_or("");
                if location != "header" && location != "query" {
                    self.loss(codes::SECURITY, Severity::Warning, format!("security scheme `{name}`: an API key in `{location}` cannot be sent by a connector; not carried over"), at);
                    return None;
                }
                def.insert("type".into(), json!("apiKey"));
                def.insert("in".into(), json!(location));
                def.insert("name".into(), json!(s.get_str("name").unwrap_or("")));
            }
            "http" => match s.get_str("scheme").unwrap_or("").to_ascii_lowercase().as_str() {
                "basic" => {
                    def.insert("type".into(), json!("basic"));
                }
                "bearer" => {
                    self.loss_help(
                        codes::BEARER,
                        Severity::Warning,
                        format!("security scheme `{name}`: HTTP bearer is written as an API key in the `Authorization` header; users enter `Bearer <token>`"),
                        at,
                        "if tokens come from an OAuth 2 sign-in, describe that flow instead so users sign in",
                    );
                    def.insert("type".into(), json!("apiKey"));
                    def.insert("in".into(), json!("header"));
                    def.insert("name".into(), json!("Authorization"));
                }
                other => {
                    self.loss(codes::SECURITY, Severity::Warning, format!("security scheme `{name}`: HTTP `{other}` authentication is not supported by connectors; not carried over"), at);
                    return None;
                }
            },
            "oauth2" => {
                let flows = s.get("flows");
                let flow = |k: &str| flows.and_then(|f| f.get(k));
                let chosen = ["authorizationCode", "implicit", "password", "clientCredentials"]
                    .into_iter()
                    .find(|k| flow(k).is_some());
                let Some(kind) = chosen else {
                    self.loss(
                        codes::SECURITY,
                        Severity::Warning,
                        format!(
                            "security scheme `{name}`: OAuth 2 without flows; not carried over"
                        ),
                        at,
                    );
                    return None;
                };
                let f = flow(kind)?;
                for other in flows.into_iter().flat_map(Value::members).filter(|m| m.key != kind) {
                    self.loss(codes::SECURITY, Severity::Info, format!("security scheme `{name}`: OAuth 2 flow `{}` dropped (one flow per connector; `{kind}` is used)", other.key), other.key_span);
                }
                def.insert("type".into(), json!("oauth2"));
                let swagger_flow = match kind {
                    "authorizationCode" => "accessCode",
                    "implicit" => "implicit",
                    "password" => "password",
                    _ => "application",
                };
                def.insert("flow".into(), json!(swagger_flow));
                if let Some(u) = f.get_str("authorizationUrl") {
                    def.insert("authorizationUrl".into(), json!(u));
                }
                if let Some(u) = f.get_str("tokenUrl") {
                    def.insert("tokenUrl".into(), json!(u));
                }
                let scopes: Map = f
                    .get("scopes")
                    .into_iter()
                    .flat_map(Value::members)
                    .map(|m| (m.key.to_string(), json!(m.value.as_str().unwrap_or(""))))
                    .collect();
                def.insert("scopes".into(), Json::Object(scopes));
            }
            other => {
                let what = match other {
                    "openIdConnect" => "OpenID Connect discovery".to_string(),
                    "mutualTLS" => "mutual TLS".to_string(),
                    o => format!("type `{o}`"),
                };
                self.loss(codes::SECURITY, Severity::Warning, format!("security scheme `{name}`: {what} is not supported by connectors; not carried over"), at);
                return None;
            }
        }
        Some(Json::Object(def))
    }

    /// A `security` requirement list, keeping the names of schemes that were carried over and
    /// dropping empty requirements (optional authentication).
    pub(super) fn security_requirements(&self, security: &Value) -> Json {
        let defined: Vec<String> = self
            .src
            .root
            .get("components")
            .and_then(|c| c.get("securitySchemes"))
            .into_iter()
            .flat_map(Value::members)
            .map(|m| m.key.to_string())
            .collect();
        let mut out = Vec::new();
        for req in security.items() {
            let r: Map = req
                .members()
                .filter(|m| defined.contains(&m.key.to_string()))
                .map(|m| (m.key.to_string(), Json::from(&m.value)))
                .collect();
            if !r.is_empty() {
                out.push(Json::Object(r));
            }
        }
        Json::Array(out)
    }
}
