//! `convertarraytoobject`: turn an array into an object map (§3.4.11), in the Request (default)
//! or Response stage. Each element `e` becomes the entry `e[key] → e`, without the key property
//! when `retainKey` is `"false"`.
//!
//! Decisions `[I]`: duplicate keys — the last wins; a key must be a string or a number; an
//! element that is not an object or lacks the key fails the call (dropping it would lose data
//! silently); a value that is not an array is left alone.

use serde_json::{Map, Value};

use super::body_path::{Transform, get, sub_path, take};
use super::config::{Instance, Meta, flag, policy_meta};
use super::expression::Step;
use super::{BuildError, Policy, PolicyContext, PolicyError, Stage};

/// The `parameters` of a `convertarraytoobject` instance. Unknown keys are rejected (closed
/// schema; the 3 corpus instances use only these keys).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConvertArrayToObjectConfig {
    /// The parent object or array.
    #[serde(rename = "x-ms-apimTemplateParameter.propertyParentPath")]
    pub parent: String,
    /// The array under the parent (default `"null"`: the parent itself).
    #[serde(rename = "x-ms-apimTemplateParameter.propertySubPath", default)]
    pub sub_path: Option<String>,
    /// The property of each element used as its key (`resourceLink`, `id`).
    #[serde(rename = "x-ms-apimTemplateParameter.keyWithinCollectionPath")]
    pub key_path: String,
    /// Where the object goes.
    #[serde(rename = "x-ms-apimTemplateParameter.newPropertyPath")]
    pub target: String,
    /// Keep the key property inside each value: `"true"` (default) or `"false"` (a JSON boolean
    /// is accepted too).
    #[serde(rename = "x-ms-apimTemplateParameter.retainKey", default, deserialize_with = "flag")]
    pub retain_key: Option<bool>,
    /// `Request` (default) or `Response`.
    #[serde(rename = "x-ms-apimTemplate-policySection", default)]
    pub section: Option<String>,
    /// The operations it applies to (empty: all).
    #[serde(rename = "x-ms-apimTemplate-operationName", default)]
    pub operations: Vec<String>,
}

/// A built `convertarraytoobject` instance.
#[derive(Debug)]
pub struct ConvertArrayToObject {
    meta: Meta,
    paths: Transform,
    key_path: Vec<Step>,
    retain_key: bool,
}

impl ConvertArrayToObjectConfig {
    /// Parses the paths.
    pub fn build(self, title: &str) -> Result<ConvertArrayToObject, String> {
        let both = [Stage::Request, Stage::Response];
        let meta =
            Meta::new(title, self.operations, self.section.as_deref(), &both, Stage::Request)?;
        let key_path = sub_path(&self.key_path)?;
        if key_path.is_empty() {
            return Err(
                "x-ms-apimTemplateParameter.keyWithinCollectionPath must name a property".into()
            );
        }
        let paths = Transform::new(&self.parent, self.sub_path.as_deref(), &self.target)?;
        Ok(ConvertArrayToObject {
            meta,
            paths,
            key_path,
            retain_key: self.retain_key.unwrap_or(true),
        })
    }
}

pub(crate) fn build(instance: &Instance<'_>) -> Result<Box<dyn Policy>, BuildError> {
    instance.build(ConvertArrayToObjectConfig::build)
}

impl ConvertArrayToObject {
    fn convert(&self, items: &[Value]) -> Result<Value, String> {
        let mut map = Map::new();
        for (i, item) in items.iter().enumerate() {
            let key = match get(item, &self.key_path) {
                Some(Value::String(s)) => s.clone(),
                Some(n @ Value::Number(_)) => n.to_string(),
                Some(other) => {
                    return Err(format!("element {i} has a key that is not text: {other}"));
                }
                None => {
                    let path: String = self.key_path.iter().map(ToString::to_string).collect();
                    return Err(format!(
                        "element {i} has no key `{}`",
                        path.trim_start_matches('.')
                    ));
                }
            };
            let mut value = item.clone();
            if !self.retain_key {
                take(&mut value, &self.key_path);
            }
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

#[async_trait::async_trait]
impl Policy for ConvertArrayToObject {
    policy_meta!("convertarraytoobject");

    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        self.paths.apply(cx, &self.meta, |value| match value {
            Value::Array(items) => self.convert(items).map(Some),
            _ => Ok(None),
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::{Call, inline, policy};

    #[test]
    fn planner_keys_references_by_resource_link_without_the_key() {
        let p = policy("Planner", "Convert array of references to object");
        let mut call =
            Call::new("UpdateTaskDetails_V2", "PATCH", "https://graph.microsoft.com", "/x").body(
                json!({"references": [
                {"resourceLink": "https%3A//a%2Ecom", "alias": "A"},
                {"resourceLink": "https%3A//b%2Ecom", "alias": "B"}]}),
            );
        call.apply(p.as_ref()).unwrap();
        assert_eq!(
            call.request_json(),
            &json!({"references": {"https%3A//a%2Ecom": {"alias": "A"}, "https%3A//b%2Ecom": {"alias": "B"}}})
        );
    }

    fn instance(retain: &str) -> serde_json::Value {
        json!({"templateId": "convertarraytoobject", "title": "c", "parameters": {
            "x-ms-apimTemplateParameter.propertyParentPath": "@body()",
            "x-ms-apimTemplateParameter.propertySubPath": "items",
            "x-ms-apimTemplateParameter.keyWithinCollectionPath": "id",
            "x-ms-apimTemplateParameter.newPropertyPath": "@body().items",
            "x-ms-apimTemplateParameter.retainKey": retain}})
    }

    #[test]
    fn keys_are_retained_by_default_and_the_last_duplicate_wins() {
        let p = inline(&instance("true")).unwrap();
        let mut call = Call::new("Op", "POST", "https://x", "/")
            .body(json!({"items": [{"id": 1, "v": "a"}, {"id": 1, "v": "b"}, {"id": "x"}]}));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(
            call.request_json(),
            &json!({"items": {"1": {"id": 1, "v": "b"}, "x": {"id": "x"}}})
        );
        assert!(inline(&instance("no")).unwrap_err().to_string().contains("invalid value"));
    }

    #[test]
    fn an_element_without_its_key_fails_the_call() {
        let p = inline(&instance("false")).unwrap();
        let mut call =
            Call::new("Op", "POST", "https://x", "/").body(json!({"items": [{"v": "a"}]}));
        assert_eq!(
            call.apply(p.as_ref()).unwrap_err().to_string(),
            "policy 'c': cannot evaluate `@body()`: body().items: element 0 has no key `id`"
        );
    }
}
