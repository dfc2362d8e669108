//! `encodepropertyvalue`: percent-encode a string property (§3.4.14), in the Request (default)
//! or Response stage. Undocumented; `[I]`: UTF-8 percent-encoding that keeps RFC 3986
//! unreserved characters (`A–Z a–z 0–9 - . _ ~`) — which is why `Planner` follows it with a
//! `.`→`%2E` `stringreplace`; a value that is not a string is left alone.

use serde_json::Value;

use super::body_path::Transform;
use super::config::{Instance, Meta, policy_meta};
use super::{BuildError, Policy, PolicyContext, PolicyError, Stage};
use crate::message::encode_query;

/// The `parameters` of an `encodepropertyvalue` instance. Unknown keys are rejected (closed
/// schema; the one corpus instance uses only these keys).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncodePropertyValueConfig {
    /// The parent object or array.
    #[serde(rename = "x-ms-apimTemplateParameter.propertyParentPath")]
    pub parent: String,
    /// The string property under the parent (default `"null"`: the parent itself).
    #[serde(rename = "x-ms-apimTemplateParameter.propertySubPath", default)]
    pub sub_path: Option<String>,
    /// Where the encoded value goes.
    #[serde(rename = "x-ms-apimTemplateParameter.newPropertyPath")]
    pub target: String,
    /// `Request` (default) or `Response`.
    #[serde(rename = "x-ms-apimTemplate-policySection", default)]
    pub section: Option<String>,
    /// The operations it applies to (empty: all).
    #[serde(rename = "x-ms-apimTemplate-operationName", default)]
    pub operations: Vec<String>,
}

/// A built `encodepropertyvalue` instance.
#[derive(Debug)]
pub struct EncodePropertyValue {
    meta: Meta,
    paths: Transform,
}

impl EncodePropertyValueConfig {
    /// Parses the paths.
    pub fn build(self, title: &str) -> Result<EncodePropertyValue, String> {
        let both = [Stage::Request, Stage::Response];
        let meta =
            Meta::new(title, self.operations, self.section.as_deref(), &both, Stage::Request)?;
        let paths = Transform::new(&self.parent, self.sub_path.as_deref(), &self.target)?;
        Ok(EncodePropertyValue { meta, paths })
    }
}

pub(crate) fn build(instance: &Instance<'_>) -> Result<Box<dyn Policy>, BuildError> {
    instance.build(EncodePropertyValueConfig::build)
}

#[async_trait::async_trait]
impl Policy for EncodePropertyValue {
    policy_meta!("encodepropertyvalue");

    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        self.paths.apply(cx, &self.meta, |value| {
            Ok(value.as_str().map(|s| Value::String(encode_query(s))))
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::{Call, policies, policy};
    use super::*;

    #[test]
    fn planner_encodes_each_assignee_id() {
        let p = policy("Planner", "Encode assignees");
        let mut call = Call::new("CreateTask_V3", "POST", "https://graph.microsoft.com", "/x")
            .body(json!({"assignments": [{"userId": "ann.lee@contoso.com"}, {"userId": "b c/d"}]}));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(
            call.request_json(),
            &json!({"assignments": [{"userId": "ann.lee%40contoso.com"}, {"userId": "b%20c%2Fd"}]})
        );
    }

    #[test]
    fn planner_create_task_chain_builds_the_graph_assignment_map() {
        // Planner instances 23–28 on CreateTask_V3, in array order: split, orderHint, odata
        // type, encode, dots, then key by userId.
        let all = policies("Planner");
        let mut call =
            Call::new("CreateTask_V3", "POST", "https://graph.microsoft.com", "/v2/tasks")
                .body(json!({"title": "t", "assignments": "ann.lee@contoso.com;u2"}));
        call.run(&all, Stage::Request).unwrap();
        let assignment =
            json!({"orderHint": " !", "@odata.type": "microsoft.graph.plannerAssignment"});
        assert_eq!(
            call.request_json(),
            &json!({"title": "t", "assignments": {
                "ann%2Elee%40contoso%2Ecom": assignment.clone(),
                "u2": assignment}})
        );
        assert_eq!(call.request.path, "/v1.0/planner/tasks");
    }
}
