//! `stringtoarray`: split a delimited string into an array of objects (§3.4.9), in the Request
//! (default) or Response stage. `"3;0"` with child `AgeW` becomes
//! `[{"AgeW":"3"},{"AgeW":"0"}]` — never an array of bare strings.
//!
//! Decisions `[I]`: every character of `delimiterList` is a delimiter; empty pieces are
//! dropped; pieces are not trimmed; a value that is not a string is left alone.

use serde_json::{Map, Value};

use super::body_path::Transform;
use super::config::{Instance, Meta, policy_meta, required};
use super::{BuildError, Policy, PolicyContext, PolicyError, Stage};

/// The `parameters` of a `stringtoarray` instance. Unknown keys are rejected (closed schema;
/// the one corpus instance uses only these keys).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StringToArrayConfig {
    /// The parent object or array.
    #[serde(rename = "x-ms-apimTemplateParameter.propertyParentPath")]
    pub parent: String,
    /// The string property under the parent (default `"null"`: the parent itself).
    #[serde(rename = "x-ms-apimTemplateParameter.propertySubPath", default)]
    pub sub_path: Option<String>,
    /// The delimiter characters (each one splits).
    #[serde(rename = "x-ms-apimTemplateParameter.delimiterList")]
    pub delimiters: String,
    /// The property name each piece is stored under.
    #[serde(rename = "x-ms-apimTemplateParameter.childPropertyName")]
    pub child: String,
    /// Where the array goes.
    #[serde(rename = "x-ms-apimTemplateParameter.newPropertyPath")]
    pub target: String,
    /// `Request` (default) or `Response`.
    #[serde(rename = "x-ms-apimTemplate-policySection", default)]
    pub section: Option<String>,
    /// The operations it applies to (empty: all).
    #[serde(rename = "x-ms-apimTemplate-operationName", default)]
    pub operations: Vec<String>,
}

/// A built `stringtoarray` instance.
#[derive(Debug)]
pub struct StringToArray {
    meta: Meta,
    paths: Transform,
    delimiters: Vec<char>,
    child: String,
}

impl StringToArrayConfig {
    /// Parses the paths; delimiters and child name must not be empty.
    pub fn build(self, title: &str) -> Result<StringToArray, String> {
        let both = [Stage::Request, Stage::Response];
        let meta =
            Meta::new(title, self.operations, self.section.as_deref(), &both, Stage::Request)?;
        if self.delimiters.is_empty() {
            return Err("x-ms-apimTemplateParameter.delimiterList must not be empty".into());
        }
        required("childPropertyName", &self.child)?;
        let paths = Transform::new(&self.parent, self.sub_path.as_deref(), &self.target)?;
        Ok(StringToArray {
            meta,
            paths,
            delimiters: self.delimiters.chars().collect(),
            child: self.child,
        })
    }
}

pub(crate) fn build(instance: &Instance<'_>) -> Result<Box<dyn Policy>, BuildError> {
    instance.build(StringToArrayConfig::build)
}

impl StringToArray {
    fn split(&self, text: &str) -> Value {
        text.split(|c| self.delimiters.contains(&c))
            .filter(|piece| !piece.is_empty())
            .map(|piece| {
                let mut object = Map::new();
                object.insert(self.child.clone(), Value::String(piece.to_string()));
                Value::Object(object)
            })
            .collect()
    }
}

#[async_trait::async_trait]
impl Policy for StringToArray {
    policy_meta!("stringtoarray");

    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        self.paths.apply(cx, &self.meta, |value| Ok(value.as_str().map(|s| self.split(s))))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::{Call, inline, policy};

    #[test]
    fn planner_turns_assignee_ids_into_objects() {
        let p = policy("Planner", "Convert semi-colon separated user ids to array");
        let mut call = Call::new("CreateTask_V3", "POST", "https://graph.microsoft.com", "/x")
            .body(json!({"title": "t", "assignments": "id1;id2;"}));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(
            call.request_json(),
            &json!({"title": "t", "assignments": [{"userId": "id1"}, {"userId": "id2"}]})
        );
        // Without assignments there is nothing to split.
        let mut call =
            Call::new("CreateTask_V3", "POST", "https://x", "/").body(json!({"title": "t"}));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(call.request_json(), &json!({"title": "t"}));
    }

    #[test]
    fn documented_example() {
        let inst = json!({"templateId": "stringtoarray", "parameters": {
            "x-ms-apimTemplateParameter.propertyParentPath": "@body()",
            "x-ms-apimTemplateParameter.propertySubPath": "ages",
            "x-ms-apimTemplateParameter.delimiterList": ";,",
            "x-ms-apimTemplateParameter.childPropertyName": "AgeW",
            "x-ms-apimTemplateParameter.newPropertyPath": "@body().agesArray"}});
        let mut call = Call::new("Op", "POST", "https://x", "/").body(json!({"ages": "3;0"}));
        call.apply(inline(&inst).unwrap().as_ref()).unwrap();
        assert_eq!(call.request_json()["agesArray"], json!([{"AgeW": "3"}, {"AgeW": "0"}]));
        call.request.body = crate::Body::Json(json!({"ages": "1,2;3"}));
        call.apply(inline(&inst).unwrap().as_ref()).unwrap();
        assert_eq!(
            call.request_json()["agesArray"],
            json!([{"AgeW": "1"}, {"AgeW": "2"}, {"AgeW": "3"}])
        );
    }
}
