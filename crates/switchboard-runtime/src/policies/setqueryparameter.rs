//! `setqueryparameter`: set, append or keep a query parameter (§3.4.2). Request stage only.
//!
//! The name is decoded once at build time: `OutlookTasks` writes `%24top` for `$top`, and the
//! request's query holds decoded names (they are encoded when sent).

use percent_encoding::percent_decode_str;

use super::config::{ExistsAction, Instance, Meta, policy_meta, required};
use super::expression::{Syntax, Template};
use super::{BuildError, Policy, PolicyContext, PolicyError, Stage};

/// The `parameters` of a `setqueryparameter` instance. Unknown keys are rejected (closed in the
/// schema; the 35 corpus instances use only these keys).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetQueryParameterConfig {
    /// The parameter name (`$top`; percent-encoded names are decoded).
    #[serde(rename = "x-ms-apimTemplateParameter.name")]
    pub name: String,
    /// The value: literal text with expressions.
    #[serde(rename = "x-ms-apimTemplateParameter.value")]
    pub value: String,
    /// What to do when the parameter exists (default `override`).
    #[serde(rename = "x-ms-apimTemplateParameter.existsAction", default)]
    pub exists_action: ExistsAction,
    /// Only `Request` (the template's fixed stage) is accepted; the key is optional.
    #[serde(rename = "x-ms-apimTemplate-policySection", default)]
    pub section: Option<String>,
    /// The operations it applies to (empty: all).
    #[serde(rename = "x-ms-apimTemplate-operationName", default)]
    pub operations: Vec<String>,
}

/// A built `setqueryparameter` instance.
#[derive(Debug)]
pub struct SetQueryParameter {
    meta: Meta,
    name: String,
    value: Template,
    exists_action: ExistsAction,
}

impl SetQueryParameterConfig {
    /// Decodes the name and parses the value.
    pub fn build(self, title: &str) -> Result<SetQueryParameter, String> {
        let meta = Meta::new(
            title,
            self.operations,
            self.section.as_deref(),
            &[Stage::Request],
            Stage::Request,
        )?;
        required("name", &self.name)?;
        let name = percent_decode_str(&self.name)
            .decode_utf8()
            .map_err(|_| format!("name '{}' does not decode to UTF-8", self.name))?
            .into_owned();
        let value = Template::parse(&self.value, Syntax::default()).map_err(|e| e.to_string())?;
        Ok(SetQueryParameter { meta, name, value, exists_action: self.exists_action })
    }
}

pub(crate) fn build(instance: &Instance<'_>) -> Result<Box<dyn Policy>, BuildError> {
    instance.build(SetQueryParameterConfig::build)
}

#[async_trait::async_trait]
impl Policy for SetQueryParameter {
    policy_meta!("setqueryparameter");

    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        let title = self.meta.title.as_str();
        let value = {
            let scope = cx.eval_context(Stage::Request, title)?;
            self.value.eval_text(&scope).map_err(|e| e.into_policy(title))?
        };
        let query = &mut cx.request.query;
        let exists = query.iter().any(|(k, _)| *k == self.name);
        match self.exists_action {
            ExistsAction::Override if exists => set_query(query, &self.name, value),
            ExistsAction::Skip if exists => {}
            _ => query.push((self.name.clone(), value)),
        }
        Ok(())
    }
}

/// Replaces every value of `name` with one `value`, at the position of the first.
pub(crate) fn set_query(query: &mut Vec<(String, String)>, name: &str, value: String) {
    match query.iter().position(|(k, _)| k == name) {
        Some(first) => {
            query[first].1 = value;
            let mut i = 0;
            query.retain(|(k, _)| {
                i += 1;
                i - 1 == first || k != name
            });
        }
        None => query.push((name.to_string(), value)),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::{Call, inline, policies, policy};
    use super::*;

    fn q(call: &Call) -> Vec<(&str, &str)> {
        call.request.query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
    }

    #[test]
    fn outlook_tasks_defaults_top_to_50_only_when_absent() {
        // OutlookTasks: name `%24top`, value `50`, existsAction `skip`.
        let p = policy("OutlookTasks", "Default value for $top");
        let mut call =
            Call::new("GetAllTasks_V2", "GET", "https://outlook.office.com/api/v2.0", "/me/tasks");
        call.apply(p.as_ref()).unwrap();
        assert_eq!(q(&call), [("$top", "50")]);
        assert_eq!(call.request.url(), "https://outlook.office.com/api/v2.0/me/tasks?%24top=50");
        let mut call = Call::new("GetAllTasks_V2", "GET", "https://x", "/me/tasks");
        call.request.query.push(("$top".into(), "5".into()));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(q(&call), [("$top", "5")]);
    }

    #[test]
    fn planner_sets_filter_and_select_on_list_groups_only() {
        // Planner: `$filter` and `$select` on `ListGroups` (no existsAction: override).
        let all = policies("Planner");
        let mut call =
            Call::new("ListGroups", "GET", "https://graph.microsoft.com", "/v1.0/me/memberOf");
        call.request.query.push(("$filter".into(), "old".into()));
        call.run(&all[20..22], Stage::Request).unwrap();
        assert_eq!(
            q(&call),
            [("$filter", "groupTypes/any(c:c eq 'Unified')"), ("$select", "id,displayName")]
        );
        let mut other = Call::new("ListTasks_V3", "GET", "https://graph.microsoft.com", "/x");
        other.run(&all[20..22], Stage::Request).unwrap();
        assert!(other.request.query.is_empty());
    }

    #[test]
    fn tikit_appends_a_second_filter() {
        // Tikit: `append` of `$filter = IsArchived eq false`.
        let p = policy("Tikit", "Filter Status by Archived equals false");
        let mut call = Call::new("StatusList_Get", "GET", "https://x", "/statuses");
        call.request.query.push(("$filter".into(), "Name eq 'a'".into()));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(q(&call), [("$filter", "Name eq 'a'"), ("$filter", "IsArchived eq false")]);
    }

    #[test]
    fn zoho_mail_embeds_a_query_value_in_json_text() {
        let p = policy("Zoho Mail", "SetFromMailParameter");
        let mut call = Call::new("New_Mail_Trigger", "GET", "https://x", "/t");
        call.request.query.push(("criterias".into(), "bob".into()));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(
            q(&call),
            [("criterias", r#"[{"lhs":"sender","operator":"contains","rhs":"bob"}]"#)]
        );
    }

    #[test]
    fn documented_query_examples() {
        let inst = |value: &str| {
            json!({"templateId": "setQueryParameter", "parameters": {
                "x-ms-apimTemplateParameter.name": "domain",
                "x-ms-apimTemplateParameter.value": value}})
        };
        let mut call = Call::new("Op", "GET", "https://x", "/").connection(json!({"cat": "bar"}));
        call.request.query.push(("domain".into(), "pqr".into()));
        call.apply(
            inline(&inst("@queryParameters('domain')@connectionParameters('cat')"))
                .unwrap()
                .as_ref(),
        )
        .unwrap();
        assert_eq!(q(&call), [("domain", "pqrbar")]);
        call.apply(inline(&inst("@connectionParameters('dog', 'default')")).unwrap().as_ref())
            .unwrap();
        assert_eq!(q(&call), [("domain", "default")]);
        let response_stage = json!({"templateId": "setqueryparameter", "parameters": {
            "x-ms-apimTemplateParameter.name": "a", "x-ms-apimTemplateParameter.value": "b",
            "x-ms-apimTemplate-policySection": "Response"}});
        assert!(inline(&response_stage).unwrap_err().to_string().contains("must be Request"));
    }
}
