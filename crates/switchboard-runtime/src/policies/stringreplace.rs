//! `stringreplace`: replace text inside a string property (§3.4.8), in the Request (default) or
//! Response stage. Every occurrence is replaced, literally and case-sensitively; a value that
//! is not a string is left alone `[I]`.

use serde_json::Value;

use super::body_path::Transform;
use super::config::{Instance, Meta, policy_meta};
use super::{BuildError, Policy, PolicyContext, PolicyError, Stage};

/// The `parameters` of a `stringreplace` instance. Unknown keys are rejected (closed schema;
/// the 11 corpus instances use only these keys).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StringReplaceConfig {
    /// The parent object or array.
    #[serde(rename = "x-ms-apimTemplateParameter.propertyParentPath")]
    pub parent: String,
    /// The string property under the parent (default `"null"`: the parent itself).
    #[serde(rename = "x-ms-apimTemplateParameter.propertySubPath", default)]
    pub sub_path: Option<String>,
    /// The text to find (literal, not an expression or a pattern).
    #[serde(rename = "x-ms-apimTemplateParameter.sourceString")]
    pub source: String,
    /// Its replacement (literal).
    #[serde(rename = "x-ms-apimTemplateParameter.replacementString")]
    pub replacement: String,
    /// Where the result goes (`@item().x` or `@body().x`).
    #[serde(rename = "x-ms-apimTemplateParameter.newPropertyPath")]
    pub target: String,
    /// `Request` (default) or `Response`.
    #[serde(rename = "x-ms-apimTemplate-policySection", default)]
    pub section: Option<String>,
    /// The operations it applies to (empty: all).
    #[serde(rename = "x-ms-apimTemplate-operationName", default)]
    pub operations: Vec<String>,
}

/// A built `stringreplace` instance.
#[derive(Debug)]
pub struct StringReplace {
    meta: Meta,
    paths: Transform,
    source: String,
    replacement: String,
}

impl StringReplaceConfig {
    /// Parses the paths; the text to find must not be empty.
    pub fn build(self, title: &str) -> Result<StringReplace, String> {
        let both = [Stage::Request, Stage::Response];
        let meta =
            Meta::new(title, self.operations, self.section.as_deref(), &both, Stage::Request)?;
        if self.source.is_empty() {
            return Err("x-ms-apimTemplateParameter.sourceString must not be empty".into());
        }
        let paths = Transform::new(&self.parent, self.sub_path.as_deref(), &self.target)?;
        Ok(StringReplace { meta, paths, source: self.source, replacement: self.replacement })
    }
}

pub(crate) fn build(instance: &Instance<'_>) -> Result<Box<dyn Policy>, BuildError> {
    instance.build(StringReplaceConfig::build)
}

#[async_trait::async_trait]
impl Policy for StringReplace {
    policy_meta!("stringreplace");

    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        self.paths.apply(cx, &self.meta, |value| {
            Ok(value.as_str().map(|s| Value::String(s.replace(&self.source, &self.replacement))))
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::{Call, json_response, policies};
    use super::*;

    #[test]
    fn planner_encodes_resource_links_in_order_and_decodes_them_back() {
        // Planner: instances 12–16 encode `%` first, then `.`, `:`, `@`, `#`; 33–37 decode.
        let all = policies("Planner");
        let link = "https://contoso.com/a b.docx#p@1:2%";
        let mut call =
            Call::new("UpdateTaskDetails_V2", "PATCH", "https://graph.microsoft.com", "/x").body(
                json!({"references": [{"resourceLink": link, "alias": 1}, {"alias": "no link"}]}),
            );
        call.run(&all[12..17], Stage::Request).unwrap();
        let encoded = "https%3A//contoso%2Ecom/a b%2Edocx%23p%401%3A2%25";
        assert_eq!(call.request_json()["references"][0]["resourceLink"], json!(encoded));
        assert_eq!(call.request_json()["references"][1], json!({"alias": "no link"}));

        let mut call = Call::new("GetTaskDetails_V2", "GET", "https://graph.microsoft.com", "/x");
        call.response =
            Some(json_response(200, json!({"references": [{"resourceLink": encoded}]})));
        call.run(&all[33..38], Stage::Response).unwrap();
        assert_eq!(call.response_json()["references"][0]["resourceLink"], json!(link));
    }

    #[test]
    fn non_string_values_are_untouched() {
        let all = policies("Planner");
        let mut call = Call::new("UpdateTaskDetails_V2", "PATCH", "https://x", "/")
            .body(json!({"references": [{"resourceLink": 1.5}]}));
        call.run(&all[12..17], Stage::Request).unwrap();
        assert_eq!(call.request_json(), &json!({"references": [{"resourceLink": 1.5}]}));
    }
}
