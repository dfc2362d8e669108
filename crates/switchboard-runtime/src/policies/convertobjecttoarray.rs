//! `convertobjecttoarray`: turn an object map into an array (§3.4.10), in the Request (default)
//! or Response stage. Each `(k, v)` becomes `{keyName: k, valueName: v}`, in source order; a
//! value that is not an object is left alone `[I]`.

use serde_json::{Map, Value};

use super::body_path::Transform;
use super::config::{Instance, Meta, policy_meta, required};
use super::{BuildError, Policy, PolicyContext, PolicyError, Stage};

/// The `parameters` of a `convertobjecttoarray` instance. Unknown keys are rejected (closed
/// schema; the 5 corpus instances use only these keys).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConvertObjectToArrayConfig {
    /// The parent object or array.
    #[serde(rename = "x-ms-apimTemplateParameter.propertyParentPath")]
    pub parent: String,
    /// The object under the parent (default `"null"`: the parent itself).
    #[serde(rename = "x-ms-apimTemplateParameter.propertySubPath", default)]
    pub sub_path: Option<String>,
    /// Where the array goes.
    #[serde(rename = "x-ms-apimTemplateParameter.newPropertyPath")]
    pub target: String,
    /// The property receiving each key (default `key`).
    #[serde(rename = "x-ms-apimTemplateParameter.keyName", default)]
    pub key_name: Option<String>,
    /// The property receiving each value (default `value`).
    #[serde(rename = "x-ms-apimTemplateParameter.valueName", default)]
    pub value_name: Option<String>,
    /// `Request` (default) or `Response`.
    #[serde(rename = "x-ms-apimTemplate-policySection", default)]
    pub section: Option<String>,
    /// The operations it applies to (empty: all).
    #[serde(rename = "x-ms-apimTemplate-operationName", default)]
    pub operations: Vec<String>,
}

/// A built `convertobjecttoarray` instance.
#[derive(Debug)]
pub struct ConvertObjectToArray {
    meta: Meta,
    paths: Transform,
    key_name: String,
    value_name: String,
}

impl ConvertObjectToArrayConfig {
    /// Parses the paths and applies the default names.
    pub fn build(self, title: &str) -> Result<ConvertObjectToArray, String> {
        let both = [Stage::Request, Stage::Response];
        let meta =
            Meta::new(title, self.operations, self.section.as_deref(), &both, Stage::Request)?;
        let key_name = self.key_name.unwrap_or_else(|| "key".into());
        let value_name = self.value_name.unwrap_or_else(|| "value".into());
        required("keyName", &key_name)?;
        required("valueName", &value_name)?;
        if key_name == value_name {
            return Err(format!("keyName and valueName are both '{key_name}'"));
        }
        let paths = Transform::new(&self.parent, self.sub_path.as_deref(), &self.target)?;
        Ok(ConvertObjectToArray { meta, paths, key_name, value_name })
    }
}

pub(crate) fn build(instance: &Instance<'_>) -> Result<Box<dyn Policy>, BuildError> {
    instance.build(ConvertObjectToArrayConfig::build)
}

#[async_trait::async_trait]
impl Policy for ConvertObjectToArray {
    policy_meta!("convertobjecttoarray");

    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        self.paths.apply(cx, &self.meta, |value| {
            let Value::Object(map) = value else { return Ok(None) };
            let items = map.iter().map(|(k, v)| {
                let mut entry = Map::new();
                entry.insert(self.key_name.clone(), Value::String(k.clone()));
                entry.insert(self.value_name.clone(), v.clone());
                Value::Object(entry)
            });
            Ok(Some(items.collect()))
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::{Call, inline, json_response, policy};

    #[test]
    fn documented_people_example() {
        let inst = json!({"templateId": "ConvertObjectToArray", "parameters": {
            "x-ms-apimTemplateParameter.propertyParentPath": "@body()",
            "x-ms-apimTemplateParameter.propertySubPath": "peopleObject",
            "x-ms-apimTemplateParameter.newPropertyPath": "@body().peopleArray",
            "x-ms-apimTemplateParameter.keyName": "Name",
            "x-ms-apimTemplateParameter.valueName": "Details"}});
        let mut call = Call::new("Op", "POST", "https://x", "/")
            .body(json!({"peopleObject": {"XYZ": {"Age": 30}, "ABC": {"Age": 23}}}));
        call.apply(inline(&inst).unwrap().as_ref()).unwrap();
        assert_eq!(
            call.request_json()["peopleArray"],
            json!([{"Name": "XYZ", "Details": {"Age": 30}}, {"Name": "ABC", "Details": {"Age": 23}}])
        );
    }

    #[test]
    fn planner_converts_assignments_of_every_listed_task() {
        // Planner (response): `@body().value` parent, target `@item()._assignments`.
        let p = policy("Planner", "Convert object of assignees to array for an array of tasks");
        let mut call = Call::new("ListTasks_V3", "GET", "https://graph.microsoft.com", "/x");
        call.response = Some(json_response(
            200,
            json!({"value": [
            {"id": "t1", "assignments": {"u1": {"orderHint": "a"}, "u2": {"orderHint": "b"}}},
            {"id": "t2", "assignments": {}},
            {"id": "t3"}]}),
        ));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(
            call.response_json()["value"],
            json!([
                {"id": "t1", "assignments": {"u1": {"orderHint": "a"}, "u2": {"orderHint": "b"}},
                 "_assignments": [{"userId": "u1", "value": {"orderHint": "a"}},
                                  {"userId": "u2", "value": {"orderHint": "b"}}]},
                {"id": "t2", "assignments": {}, "_assignments": []},
                {"id": "t3"}])
        );
    }

    #[test]
    fn almabase_converts_field_entries_on_the_request() {
        let p =
            policy("Almabase", "Convert object of field_entries to array for creating form entry");
        let mut call = Call::new("CreateFormEntry", "POST", "https://x", "/")
            .body(json!({"field_entries": {"12": "Ann", "13": 5}}));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(
            call.request_json(),
            &json!({"field_entries": [{"field_id": "12", "value": "Ann"}, {"field_id": "13", "value": 5}]})
        );
    }
}
