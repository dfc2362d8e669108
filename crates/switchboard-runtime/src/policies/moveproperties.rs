//! `moveproperties`: move or flatten body properties (§3.4.13), in the Request (default) or
//! Response stage. Undocumented; semantics `[I]` from its one corpus use (`AzureAD`
//! `UpdateUser` moves every property of `@body().customProperties` to the body root):
//! take `S` = source parent/sub out of the body; if `copyOnlySubProperties` is true, write each
//! property of `S` into `D` = destination parent/sub, else write `S` itself at `D`. A missing
//! source does nothing. When the source parent is an array the move runs per element, and a
//! destination parent equal to the source parent means the same element.

use super::body_path::{BodyPath, describe_owned, get, set, sites, sub_path, take};
use super::config::{Instance, Meta, flag, policy_meta};
use super::expression::Step;
use super::{BuildError, Policy, PolicyContext, PolicyError, Stage};

/// The `parameters` of a `moveproperties` instance. Not in the schema; unknown keys are rejected
/// so a misspelt path cannot silently fall back to a default (the one corpus instance uses
/// exactly these keys).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MovePropertiesConfig {
    /// The source parent (`@body()`).
    #[serde(rename = "x-ms-apimTemplateParameter.srcParentPath")]
    pub src_parent: String,
    /// The source under it (`customProperties`; `"null"`: the parent).
    #[serde(rename = "x-ms-apimTemplateParameter.srcSubPath", default)]
    pub src_sub: Option<String>,
    /// The destination parent.
    #[serde(rename = "x-ms-apimTemplateParameter.dstParentPath")]
    pub dst_parent: String,
    /// The destination under it (`"null"`: the parent).
    #[serde(rename = "x-ms-apimTemplateParameter.dstSubPath", default)]
    pub dst_sub: Option<String>,
    /// Move the source's properties rather than the source (`"true"`/`"false"`, default false).
    #[serde(
        rename = "x-ms-apimTemplateParameter.copyOnlySubProperties",
        default,
        deserialize_with = "flag"
    )]
    pub only_sub_properties: Option<bool>,
    /// `Request` (default) or `Response`.
    #[serde(rename = "x-ms-apimTemplate-policySection", default)]
    pub section: Option<String>,
    /// The operations it applies to (empty: all).
    #[serde(rename = "x-ms-apimTemplate-operationName", default)]
    pub operations: Vec<String>,
}

/// A built `moveproperties` instance.
#[derive(Debug)]
pub struct MoveProperties {
    meta: Meta,
    src_parent: BodyPath,
    src_sub: Vec<Step>,
    dst_parent: BodyPath,
    dst_sub: Vec<Step>,
    only_sub_properties: bool,
}

impl MovePropertiesConfig {
    /// Parses the four paths.
    pub fn build(self, title: &str) -> Result<MoveProperties, String> {
        let both = [Stage::Request, Stage::Response];
        let meta =
            Meta::new(title, self.operations, self.section.as_deref(), &both, Stage::Request)?;
        let src_sub = sub_path(self.src_sub.as_deref().unwrap_or("null"))?;
        if src_sub.is_empty() {
            return Err("srcSubPath must name a property: the parent itself cannot be moved".into());
        }
        Ok(MoveProperties {
            meta,
            src_parent: BodyPath::parent(&self.src_parent)?,
            src_sub,
            dst_parent: BodyPath::parent(&self.dst_parent)?,
            dst_sub: sub_path(self.dst_sub.as_deref().unwrap_or("null"))?,
            only_sub_properties: self.only_sub_properties.unwrap_or(false),
        })
    }
}

pub(crate) fn build(instance: &Instance<'_>) -> Result<Box<dyn Policy>, BuildError> {
    instance.build(MovePropertiesConfig::build)
}

#[async_trait::async_trait]
impl Policy for MoveProperties {
    policy_meta!("moveproperties");

    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        let title = &self.meta.title;
        let Some(body) = cx.json_body_mut(self.meta.stage, title)? else { return Ok(()) };
        let fail = |reason: String| PolicyError::Evaluation {
            title: title.clone(),
            expression: self.src_parent.source.clone(),
            reason,
        };
        for site in sites(body, &self.src_parent) {
            let from = [site.as_slice(), &self.src_sub].concat();
            let dst_base = if self.dst_parent.steps == self.src_parent.steps {
                &site
            } else {
                &self.dst_parent.steps
            };
            let to = [dst_base.as_slice(), &self.dst_sub].concat();
            if self.only_sub_properties && get(body, &from).is_some_and(|v| !v.is_object()) {
                return Err(fail(format!("{} is not an object", describe_owned(&from))));
            }
            let Some(moved) = take(body, &from) else { continue };
            match moved {
                serde_json::Value::Object(children) if self.only_sub_properties => {
                    for (k, v) in children {
                        set(body, &[to.as_slice(), &[Step::Prop(k)]].concat(), v).map_err(fail)?;
                    }
                }
                other => set(body, &to, other).map_err(fail)?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::{Call, inline, policy};

    #[test]
    fn azure_ad_flattens_custom_properties_into_the_body() {
        let p = policy("AzureAD", "Move Properties on User Update");
        let mut call = Call::new("UpdateUser", "PATCH", "https://graph.microsoft.com", "/v1.0/users/u1")
            .body(json!({"accountEnabled": true, "customProperties": {"department": "R&D", "jobTitle": "Dev"}}));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(
            call.request_json(),
            &json!({"accountEnabled": true, "department": "R&D", "jobTitle": "Dev"})
        );
        // Nothing to move.
        let mut call = Call::new("UpdateUser", "PATCH", "https://x", "/").body(json!({"a": 1}));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(call.request_json(), &json!({"a": 1}));
    }

    #[test]
    fn a_whole_property_moves_per_element() {
        let inst = json!({"templateId": "moveproperties", "title": "m", "parameters": {
            "x-ms-apimTemplateParameter.srcParentPath": "@body().items",
            "x-ms-apimTemplateParameter.srcSubPath": "meta",
            "x-ms-apimTemplateParameter.dstParentPath": "@body().items",
            "x-ms-apimTemplateParameter.dstSubPath": "extra.meta",
            "x-ms-apimTemplateParameter.copyOnlySubProperties": "false"}});
        let mut call = Call::new("Op", "POST", "https://x", "/")
            .body(json!({"items": [{"meta": 1}, {"id": 2}]}));
        call.apply(inline(&inst).unwrap().as_ref()).unwrap();
        assert_eq!(call.request_json(), &json!({"items": [{"extra": {"meta": 1}}, {"id": 2}]}));
    }
}
