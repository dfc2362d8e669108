//! `setproperty`: add or update a body property (§3.4.6), in the Request (default) or Response
//! stage, on the parent itself or on every element of an array parent.
//!
//! Value rendering `[I]` (§3.4.6): a value that is exactly one `{@…}` reference copies the
//! referenced JSON value with its type; a value starting with `[`, `{"` or `{'` is JSON with
//! references substituted by their JSON text (`["matter.created"]`, `[{@body().payments}]`);
//! anything else is text (`"30"` stays a string). Only `@body()`/`@item()` references are
//! allowed in the value.
//!
//! When a reference names a property the body does not have, the instance does nothing for
//! that element `[I]`: `Blackbaud Church Management` wraps the optional `receipts` of a gift
//! with `[{@body().receipts}]`, and failing every gift without receipts cannot be intended.
//! Navigating *through* `null` or a scalar still fails the call.

use serde_json::Value;

use super::body_path::{BodyPath, get, set, sites, sub_path};
use super::config::{Instance, Meta, policy_meta};
use super::expression::{EvalContext, EvalError, ExprKind, Root, Segment, Syntax, Template};
use super::{BuildError, Policy, PolicyContext, PolicyError, Stage};

/// The `parameters` of a `setproperty` instance. Unknown keys are rejected (closed schema; the
/// 51 corpus instances use only these keys).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetPropertyConfig {
    /// The parent object or array (`@body()`, `@body().people`).
    #[serde(rename = "x-ms-apimTemplateParameter.newPropertyParentPathTemplate")]
    pub parent: String,
    /// The property under the parent (`location`, `['@odata.type']`).
    #[serde(rename = "x-ms-apimTemplateParameter.newPropertySubPathTemplate")]
    pub sub_path: String,
    /// The value: a constant, `{@body()…}` references, or a mix.
    #[serde(rename = "x-ms-apimTemplateParameter.propertyValuePathTemplate")]
    pub value: String,
    /// `Request` (default) or `Response`.
    #[serde(rename = "x-ms-apimTemplate-policySection", default)]
    pub section: Option<String>,
    /// The operations it applies to (empty: all).
    #[serde(rename = "x-ms-apimTemplate-operationName", default)]
    pub operations: Vec<String>,
}

/// A built `setproperty` instance.
#[derive(Debug)]
pub struct SetProperty {
    meta: Meta,
    parent: BodyPath,
    sub: Vec<super::expression::Step>,
    value: Template,
    json: bool,
}

impl SetPropertyConfig {
    /// Parses the paths and the value; a constant JSON value must parse.
    pub fn build(self, title: &str) -> Result<SetProperty, String> {
        let both = [Stage::Request, Stage::Response];
        let meta =
            Meta::new(title, self.operations, self.section.as_deref(), &both, Stage::Request)?;
        let parent = BodyPath::parent(&self.parent)?;
        let sub = sub_path(&self.sub_path)?;
        let syntax = Syntax { braced: true, parameters: false };
        let value = Template::parse(&self.value, syntax).map_err(|e| e.to_string())?;
        if let Some(e) = value
            .exprs()
            .find(|e| !matches!(&e.kind, ExprKind::Path { root: Root::Body | Root::Item, .. }))
        {
            return Err(format!(
                "only @body() and @item() references are allowed in the value, found `{}`",
                e.source
            ));
        }
        let trimmed = self.value.trim_start();
        let json = value.whole_expr().is_none()
            && (trimmed.starts_with('[')
                || trimmed.starts_with("{\"")
                || trimmed.starts_with("{'"));
        if json && value.is_literal() {
            serde_json::from_str::<Value>(&self.value)
                .map_err(|e| format!("the value looks like JSON but does not parse: {e}"))?;
        }
        Ok(SetProperty { meta, parent, sub, value, json })
    }
}

pub(crate) fn build(instance: &Instance<'_>) -> Result<Box<dyn Policy>, BuildError> {
    instance.build(SetPropertyConfig::build)
}

impl SetProperty {
    /// The value for one element (`None`: a referenced property is missing, skip it).
    fn render(&self, scope: &EvalContext<'_>) -> Result<Option<Value>, EvalError> {
        let result = if let Some(expr) = self.value.whole_expr() {
            scope.eval(expr)
        } else if self.json {
            self.json_value(scope)
        } else {
            self.value.eval_text(scope).map(Value::String)
        };
        match result {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.missing => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn json_value(&self, scope: &EvalContext<'_>) -> Result<Value, EvalError> {
        let mut text = String::new();
        for segment in self.value.segments() {
            match segment {
                Segment::Literal(t) => text.push_str(t),
                Segment::Expr { expr, .. } => text.push_str(&scope.eval(expr)?.to_string()),
                Segment::Parameter(name) => text.push_str(&scope.argument_text(name)?),
            }
        }
        serde_json::from_str(&text).map_err(|e| EvalError {
            expression: self.value.source().to_string(),
            reason: format!("the value is not valid JSON after substitution ({e}): {text}"),
            missing: false,
        })
    }
}

#[async_trait::async_trait]
impl Policy for SetProperty {
    policy_meta!("setproperty");

    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        let (title, stage) = (self.meta.title.as_str(), self.meta.stage);
        let mut writes = Vec::new();
        {
            let scope = cx.eval_context(stage, title)?;
            let Some(body) = scope.body else { return Ok(()) };
            for site in sites(body, &self.parent) {
                let element = EvalContext { item: get(body, &site), ..scope };
                if let Some(value) = self.render(&element).map_err(|e| e.into_policy(title))? {
                    writes.push(([site.as_slice(), &self.sub].concat(), value));
                }
            }
        }
        let Some(body) = cx.json_body_mut(stage, title)? else { return Ok(()) };
        for (at, value) in writes {
            set(body, &at, value).map_err(|reason| PolicyError::Evaluation {
                title: title.to_string(),
                expression: self.value.source().to_string(),
                reason,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::{Call, inline, json_response, policies, policy};
    use super::*;

    #[test]
    fn planner_sets_odata_type_on_every_reference() {
        let p = policy("Planner", "Set odata type for external reference");
        let mut call =
            Call::new("UpdateTaskDetails_V2", "PATCH", "https://graph.microsoft.com", "/x")
                .body(json!({"references": [{"resourceLink": "a"}, {"resourceLink": "b"}]}));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(
            call.request_json(),
            &json!({"references": [
                {"resourceLink": "a", "@odata.type": "microsoft.graph.plannerExternalReference"},
                {"resourceLink": "b", "@odata.type": "microsoft.graph.plannerExternalReference"}]})
        );
    }

    #[test]
    fn documented_example_sets_age_on_every_person_as_text() {
        let inst = json!({"templateId": "SetProperty", "title": "age", "parameters": {
            "x-ms-apimTemplateParameter.newPropertyParentPathTemplate": "@body().people",
            "x-ms-apimTemplateParameter.newPropertySubPathTemplate": "age",
            "x-ms-apimTemplateParameter.propertyValuePathTemplate": "30"}});
        let mut call = Call::new("Op", "POST", "https://x", "/")
            .body(json!({"people": [{"name": "a"}, {"name": "b"}]}));
        call.apply(inline(&inst).unwrap().as_ref()).unwrap();
        assert_eq!(
            call.request_json(),
            &json!({"people": [{"name": "a", "age": "30"}, {"name": "b", "age": "30"}]})
        );
    }

    #[test]
    fn lawvu_topics_become_a_json_array() {
        let p = policy("LawVu", "Triggers - Topics - MatterFileCreatedOrUpdated");
        let mut call = Call::new(
            "Triggers_CreateSubscriptionMatterFileCreatedOrUpdated",
            "POST",
            "https://x",
            "/",
        )
        .body(json!({"url": "https://callback"}));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(
            call.request_json(),
            &json!({"url": "https://callback", "topics": ["matter.file.created", "matter.file.updated"]})
        );
    }

    #[test]
    fn blackbaud_wraps_payments_and_skips_missing_receipts() {
        let all = policies("Blackbaud Church Management");
        let mut call =
            Call::new("CreateGift", "POST", "https://api.sky.blackbaud.com", "/gift/v1/gifts")
                .body(json!({"amount": {"value": 5}, "payments": {"payment_method": "Cash"}}));
        call.run(&all, Stage::Request).unwrap();
        assert_eq!(
            call.request_json(),
            &json!({"amount": {"value": 5}, "payments": [{"payment_method": "Cash"}]})
        );
        // The batch variant: `gifts` (an object) gets its payments wrapped, then is wrapped itself.
        let mut call = Call::new("AddGiftToBatch", "POST", "https://api.sky.blackbaud.com", "/x")
            .arguments(json!({"batch_id": "b1"}))
            .body(json!({"gifts": {"payments": {"payment_method": "Cash"}, "receipts": {"amount": 1}}}));
        call.run(&all, Stage::Request).unwrap();
        assert_eq!(
            call.request_json(),
            &json!({"gifts": [{"payments": [{"payment_method": "Cash"}], "receipts": [{"amount": 1}]}]})
        );
        assert_eq!(call.request.path, "/gift/v1/giftbatches/b1/gifts");
    }

    #[test]
    fn azure_ad_and_sas_build_text_from_references() {
        let p = policy("AzureAD", "Append graph url");
        let mut call =
            Call::new("AddUserToGroup", "POST", "https://x", "/").body(json!({"@odata.id": "u1"}));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(
            call.request_json(),
            &json!({"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/u1"})
        );
        let p = policy("SAS Decisioning", "Validate Callback Content Filter");
        let mut call = Call::new("Op", "POST", "https://x", "/")
            .body(json!({"state": "done", "resourcePath": "/a", "condition": {}}));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(
            call.request_json()["condition"]["callbackContentFilter"],
            json!("and(eq(state, 'done'), startsWith(resourcePath, '/a'))")
        );
    }

    #[test]
    fn iobeya_copies_a_value_with_its_type_in_the_response() {
        let p = policy("iObeya", "Create a next link");
        assert_eq!(p.stage(), Stage::Response);
        let mut call = Call::new("ListRooms", "GET", "https://x", "/rooms");
        call.response = Some(json_response(200, json!({"data": [], "next": {"page": 2}})));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(call.response_json()["nextLink"], json!({"page": 2}));
        // The last page has no `next`: nothing to copy.
        call.response = Some(json_response(200, json!({"data": []})));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(call.response_json(), &json!({"data": []}));
    }

    #[test]
    fn invalid_values_and_null_navigation() {
        let inst = |value: &str| {
            json!({"templateId": "setproperty", "title": "t", "parameters": {
            "x-ms-apimTemplateParameter.newPropertyParentPathTemplate": "@body()",
            "x-ms-apimTemplateParameter.newPropertySubPathTemplate": "x",
            "x-ms-apimTemplateParameter.propertyValuePathTemplate": value}})
        };
        let e = inline(&inst("{@connectionParameters('k')}")).unwrap_err().to_string();
        assert!(e.contains("only @body() and @item() references are allowed"), "{e}");
        assert!(inline(&inst("[1, 2")).unwrap_err().to_string().contains("does not parse"));
        let p = inline(&inst("{@body().a.b}")).unwrap();
        let mut call = Call::new("Op", "POST", "https://x", "/").body(json!({"a": null}));
        assert_eq!(
            call.apply(p.as_ref()).unwrap_err().to_string(),
            "policy 't': cannot evaluate `{@body().a.b}`: body().a is null, cannot read `.b`"
        );
    }
}
