//! A connector's connection parameters (`apiProperties.json` `connectionParameters`, spec §2.1):
//! what a new connection's values are checked against, and how stored values become the
//! runtime's [`switchboard_runtime::Connection`].

use std::collections::BTreeSet;

use serde_json::{Map, Value};
use switchboard_model::api_properties::{ApiProperties, ConnectionParameter};
use switchboard_model::json::Value as ModelValue;
use switchboard_store::{ConnectionSecrets, ParameterValues, SecretString};

use crate::errors::{ApiError, ErrorCode};

/// The kind of a parameter, from its `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `string`: free text or a pick-list.
    Text,
    /// `securestring`, and any type this server does not know: never echoed.
    Secret,
    /// `int`.
    Int,
    /// `bool`.
    Bool,
    /// `oauthSetting`: filled by the OAuth flow, never by the caller.
    OAuth,
}

/// One connection parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParameterSpec {
    /// Its name (`api_key`, `token:clientId`…).
    pub name: String,
    /// Its kind.
    pub kind: Kind,
    /// `uiDefinition.constraints.required`.
    pub required: bool,
    /// `defaultValue`, as text.
    pub default: Option<String>,
    /// `allowedValues` (or `uiDefinition.constraints.allowedValues`) values, as text.
    pub allowed: Vec<String>,
}

/// The parameters a connection of a connector may have.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParameterSpecs {
    /// Declared parameters, plus `<oauth>:clientId` / `<oauth>:clientSecret` when the
    /// connector has an OAuth parameter and does not declare them: the spec's way for a
    /// connection to bring its own OAuth client (§2.5), kept encrypted with the connection
    /// rather than in the connector's files, which every user of the connector can download.
    pub parameters: Vec<ParameterSpec>,
    /// `connectionParameterSets` names, when the connector offers alternatives.
    pub sets: Vec<(String, Vec<ParameterSpec>)>,
    /// The name of the OAuth parameter, if any.
    pub oauth_parameter: Option<String>,
}

fn text_of(value: &ModelValue) -> Option<String> {
    if let Some(s) = value.as_str() {
        return Some(s.to_owned());
    }
    if let Some(b) = value.as_bool() {
        return Some(b.to_string());
    }
    value.as_number_text().map(str::to_owned)
}

fn spec(p: &ConnectionParameter<'_>) -> ParameterSpec {
    let kind = match p.param_type().map(str::to_ascii_lowercase).as_deref() {
        Some("string") => Kind::Text,
        Some("int") => Kind::Int,
        Some("bool") => Kind::Bool,
        Some("oauthsetting") => Kind::OAuth,
        _ => Kind::Secret,
    };
    let mut allowed: Vec<String> = p
        .node
        .get("allowedValues")
        .into_iter()
        .flat_map(ModelValue::items)
        .filter_map(|v| v.get("value").and_then(text_of))
        .collect();
    if allowed.is_empty() {
        allowed = p
            .ui_definition()
            .and_then(|u| u.get("constraints"))
            .and_then(|c| c.get("allowedValues"))
            .into_iter()
            .flat_map(ModelValue::items)
            .filter_map(|v| v.get("value").and_then(text_of))
            .collect();
    }
    ParameterSpec {
        name: p.name.to_owned(),
        kind,
        required: p.is_required(),
        default: p.node.get("defaultValue").and_then(text_of),
        allowed,
    }
}

/// Adds the implicit OAuth client parameters to `list` when it has an OAuth parameter.
fn with_oauth_client(mut list: Vec<ParameterSpec>) -> (Vec<ParameterSpec>, Option<String>) {
    let oauth = list.iter().find(|p| p.kind == Kind::OAuth).map(|p| p.name.clone());
    if let Some(oauth) = &oauth {
        for (sub, kind) in [("clientId", Kind::Text), ("clientSecret", Kind::Secret)] {
            let name = format!("{oauth}:{sub}");
            if !list.iter().any(|p| p.name.eq_ignore_ascii_case(&name)) {
                let implicit = ParameterSpec {
                    name,
                    kind,
                    required: false,
                    default: None,
                    allowed: Vec::new(),
                };
                list.push(implicit);
            }
        }
    }
    (list, oauth)
}

impl ParameterSpecs {
    /// The parameters of a loaded connector.
    pub fn of(properties: Option<&ApiProperties<'_>>) -> Self {
        let Some(props) = properties else { return Self::default() };
        let (parameters, mut oauth_parameter) =
            with_oauth_client(props.connection_parameters().map(|p| spec(&p)).collect());
        let mut sets: Vec<(String, Vec<ParameterSpec>)> = Vec::new();
        for (set, p) in props.parameter_set_parameters() {
            match sets.iter_mut().find(|(name, _)| name == set) {
                Some((_, list)) => list.push(spec(&p)),
                None => sets.push((set.to_owned(), vec![spec(&p)])),
            }
        }
        let sets = sets
            .into_iter()
            .map(|(name, list)| {
                let (list, oauth) = with_oauth_client(list);
                if oauth_parameter.is_none() {
                    oauth_parameter = oauth;
                }
                (name, list)
            })
            .collect();
        Self { parameters, sets, oauth_parameter }
    }

    /// The parameters of `set` (the connector's plain parameters when it has no sets).
    fn chosen(&self, set: Option<&str>) -> Result<&[ParameterSpec], ApiError> {
        let names = || self.sets.iter().map(|(n, _)| format!("`{n}`")).collect::<Vec<_>>();
        match (set, self.sets.is_empty()) {
            (None, true) => Ok(&self.parameters),
            (Some(_), true) => Err(ApiError::with_message(
                ErrorCode::InvalidConnectionParameters,
                "This connector has no connectionParameterSets; leave out `parameterSet`.",
            )),
            (None, false) => Err(ApiError::with_message(
                ErrorCode::InvalidConnectionParameters,
                format!(
                    "This connector offers connectionParameterSets; choose one with `parameterSet`: {}.",
                    names().join(", ")
                ),
            )),
            (Some(name), false) => self
                .sets
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, list)| list.as_slice())
                .ok_or_else(|| {
                    ApiError::with_message(
                        ErrorCode::InvalidConnectionParameters,
                        format!(
                            "No parameter set `{name}`; the connector offers {}.",
                            names().join(", ")
                        ),
                    )
                }),
        }
    }

    /// The spec of `name`, in any set.
    fn find(&self, name: &str) -> Option<&ParameterSpec> {
        self.parameters.iter().chain(self.sets.iter().flat_map(|(_, l)| l)).find(|p| p.name == name)
    }

    /// Checks the values of a new connection: every name declared (in the chosen set), every
    /// required one given (or defaulted), values of the declared type and among the allowed
    /// ones, no value for an OAuth parameter (the flow fills it). Returns the values to store,
    /// defaults included. The error names the offending parameters, never their values.
    pub fn validate(
        &self,
        set: Option<&str>,
        given: &Map<String, Value>,
    ) -> Result<ParameterValues, ApiError> {
        let specs = self.chosen(set)?;
        let mut unknown = Vec::new();
        let mut invalid = Vec::new();
        let mut values = ParameterValues::new();
        for (name, value) in given {
            let Some(spec) = specs.iter().find(|p| p.name == *name) else {
                unknown.push(name.clone());
                continue;
            };
            match typed_text(spec, value) {
                Some(text) if spec.allowed.is_empty() || spec.allowed.contains(&text) => {
                    values.insert(name.clone(), SecretString::new(text));
                }
                _ => invalid.push(name.clone()),
            }
        }
        let mut missing = Vec::new();
        for spec in specs {
            if values.contains_key(&spec.name) || spec.kind == Kind::OAuth {
                continue;
            }
            if let Some(default) = &spec.default {
                values.insert(spec.name.clone(), SecretString::new(default.clone()));
            } else if spec.required
                && !unknown.contains(&spec.name)
                && !invalid.contains(&spec.name)
            {
                missing.push(spec.name.clone());
            }
        }
        if unknown.is_empty() && missing.is_empty() && invalid.is_empty() {
            return Ok(values);
        }
        let list = |names: &[String]| {
            names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
        };
        let mut parts = Vec::new();
        if !unknown.is_empty() {
            let declared: Vec<String> =
                specs.iter().filter(|p| p.kind != Kind::OAuth).map(|p| p.name.clone()).collect();
            parts.push(format!(
                "unknown {} (the connector declares {})",
                list(&unknown),
                if declared.is_empty() { "none".to_owned() } else { list(&declared) }
            ));
        }
        if !missing.is_empty() {
            parts.push(format!("missing required {}", list(&missing)));
        }
        if !invalid.is_empty() {
            parts.push(format!(
                "invalid {} (wrong type, not among the allowedValues, or an OAuth parameter, which the OAuth flow fills)",
                list(&invalid)
            ));
        }
        Err(ApiError::with_message(
            ErrorCode::InvalidConnectionParameters,
            format!("Connection parameters: {}.", parts.join("; ")),
        )
        .field("unknown", unknown.into())
        .field("missing", missing.into())
        .field("invalid", invalid.into()))
    }

    /// The runtime's view of a stored connection: each value typed by its declaration
    /// (numbers for `int`, booleans for `bool`, text otherwise) and the OAuth tokens as the
    /// `token` object the runtime reads.
    pub fn runtime_connection(
        &self,
        secrets: &ConnectionSecrets,
    ) -> switchboard_runtime::Connection {
        let mut connection = switchboard_runtime::Connection::default();
        for (name, value) in &secrets.parameters {
            let text = value.expose();
            let typed = match self.find(name).map(|p| p.kind) {
                Some(Kind::Int) => text.parse::<i64>().map_or_else(|_| text.into(), Value::from),
                Some(Kind::Bool) => text.parse::<bool>().map_or_else(|_| text.into(), Value::from),
                _ => Value::String(text.to_owned()),
            };
            connection.values.insert(name.clone(), typed);
        }
        if let Some(tokens) = &secrets.oauth_tokens {
            let token = switchboard_runtime::OAuthToken {
                access_token: tokens.access_token.expose().to_owned(),
                refresh_token: tokens.refresh_token.as_ref().map(|t| t.expose().to_owned()),
                expires_at: tokens.expires_at,
            };
            // The runtime reads `token`; a connector naming its OAuth parameter otherwise has
            // it under that name too.
            connection.set_oauth_token(&token);
            if let Some(name) = self.oauth_parameter.as_deref().filter(|n| *n != "token")
                && let Ok(v) = serde_json::to_value(&token)
            {
                connection.values.insert(name.to_owned(), v);
            }
        }
        connection
    }

    /// The names of the values a connection holds, in order, for responses (never the values).
    pub fn names(values: &ParameterValues) -> Vec<String> {
        let names: BTreeSet<&String> = values.keys().collect();
        names.into_iter().cloned().collect()
    }
}

/// The text to store for `value` if it has `spec`'s type.
fn typed_text(spec: &ParameterSpec, value: &Value) -> Option<String> {
    match (spec.kind, value) {
        (Kind::Int, Value::Number(n)) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        (Kind::Int, Value::String(s)) if s.trim().parse::<i64>().is_ok() => {
            Some(s.trim().to_owned())
        }
        (Kind::Bool, Value::Bool(b)) => Some(b.to_string()),
        (Kind::Bool, Value::String(s)) if s == "true" || s == "false" => Some(s.clone()),
        (Kind::OAuth | Kind::Int | Kind::Bool, _) => None,
        (_, Value::String(s)) => Some(s.clone()),
        (_, Value::Number(n)) => Some(n.to_string()),
        (_, Value::Bool(b)) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn specs(properties: &str) -> ParameterSpecs {
        let file = switchboard_model::json::JsonFile::parse(
            "apiProperties.json",
            properties.as_bytes().to_vec(),
        );
        ParameterSpecs::of(file.root().map(ApiProperties::new).as_ref())
    }

    fn given(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    const PROPS: &str = r#"{"properties": {"connectionParameters": {
        "api_key": {"type": "securestring", "uiDefinition": {"constraints": {"required": "true"}}},
        "region": {"type": "string", "allowedValues": [{"value": "eu"}, {"value": "us"}], "defaultValue": "eu"},
        "retries": {"type": "int"},
        "token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "oauth2"}}
    }}}"#;

    #[test]
    fn values_are_checked_against_the_declarations() {
        let s = specs(PROPS);
        let ok = s.validate(None, &given(json!({"api_key": "k", "retries": 3}))).unwrap();
        assert_eq!(ParameterSpecs::names(&ok), ["api_key", "region", "retries"]);
        assert_eq!(ok["region"].expose(), "eu", "the default");
        // The OAuth client may come with the connection.
        assert!(
            s.validate(None, &given(json!({"api_key": "k", "token:clientSecret": "s"}))).is_ok()
        );

        let e = s
            .validate(
                None,
                &given(json!({"apikey": "k", "region": "mars", "token": "x", "retries": "many"})),
            )
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidConnectionParameters);
        let extra = e.extra.unwrap();
        assert_eq!(extra["unknown"], json!(["apikey"]));
        assert_eq!(extra["missing"], json!(["api_key"]));
        assert_eq!(extra["invalid"], json!(["region", "token", "retries"]));
        assert!(
            e.message.contains("`apikey`") && e.message.contains("missing required `api_key`"),
            "{}",
            e.message
        );
        assert!(!e.message.contains("mars"), "values are never repeated: {}", e.message);
    }

    #[test]
    fn stored_values_reach_the_runtime_typed_with_the_token() {
        let s = specs(PROPS);
        let values = s.validate(None, &given(json!({"api_key": "k", "retries": "3"}))).unwrap();
        let secrets = ConnectionSecrets {
            parameters: values,
            oauth_tokens: Some(switchboard_store::OAuthTokens {
                access_token: "at".into(),
                refresh_token: Some("rt".into()),
                token_type: None,
                scope: None,
                expires_at: Some(5),
            }),
        };
        let c = s.runtime_connection(&secrets);
        assert_eq!(c.values["retries"], json!(3));
        assert_eq!(c.values["api_key"], json!("k"));
        let token = c.oauth_token().unwrap();
        assert_eq!(
            (token.access_token.as_str(), token.refresh_token.as_deref()),
            ("at", Some("rt"))
        );
    }

    #[test]
    fn parameter_sets_must_be_chosen() {
        let s = specs(
            r#"{"properties": {"connectionParameterSets": {"values": [
                {"name": "key", "parameters": {"api_key": {"type": "securestring", "uiDefinition": {"constraints": {"required": "true"}}}}},
                {"name": "oauth", "parameters": {"token": {"type": "oauthSetting"}}}
            ]}}}"#,
        );
        assert!(
            s.validate(None, &given(json!({"api_key": "k"})))
                .unwrap_err()
                .message
                .contains("`key`, `oauth`")
        );
        assert!(s.validate(Some("key"), &given(json!({"api_key": "k"}))).is_ok());
        assert!(s.validate(Some("oauth"), &given(json!({}))).is_ok());
        assert!(s.validate(Some("oauth"), &given(json!({"api_key": "k"}))).is_err());
        assert_eq!(s.oauth_parameter.as_deref(), Some("token"));
    }
}
