//! `routerequesttoendpoint`: rewrite the operation path, and optionally the method (§3.4.5).
//! Request stage only.
//!
//! `newPath` stays relative to the base URL (after any host template). Decisions `[I]`:
//! - literal text is used as written (already a path); every computed piece — a `{name}`
//!   operation parameter or an `@…` expression — is percent-encoded as a path segment, so a
//!   value cannot add segments or a query string;
//! - a `?` in `newPath` starts query pairs that are merged into the request's query, overriding
//!   same-name keys (`HYAS Insight`); the original query is kept;
//! - a `newPath` without a leading `/` gets one (`AzureAD`: `v1.0/users/{id}/…`);
//! - `{name}` values are encoded as `single` even for `x-ms-url-encoding: double` parameters,
//!   since the policy sees argument values, not the swagger parameter.

use percent_encoding::percent_decode_str;

use super::config::{Instance, Meta, policy_meta, required};
use super::expression::{Syntax, Template};
use super::setqueryparameter::set_query;
use super::{BuildError, Policy, PolicyContext, PolicyError, Stage};
use crate::message::encode_path_segment;

/// The methods `httpMethod` may name (schema enum), besides `@Request.OriginalHTTPMethod`.
const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];

/// The `parameters` of a `routerequesttoendpoint` instance. Unknown keys are rejected (closed
/// schema; the 115 corpus instances use only these keys).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteRequestToEndpointConfig {
    /// The backend path: literal text, `{param}` references and expressions; may hold a query.
    #[serde(rename = "x-ms-apimTemplateParameter.newPath")]
    pub new_path: String,
    /// A method from the schema's list, or `@Request.OriginalHTTPMethod` (the default).
    #[serde(rename = "x-ms-apimTemplateParameter.httpMethod", default)]
    pub http_method: Option<String>,
    /// Only `Request` is accepted; the key is optional.
    #[serde(rename = "x-ms-apimTemplate-policySection", default)]
    pub section: Option<String>,
    /// The operations it applies to (empty: all).
    #[serde(rename = "x-ms-apimTemplate-operationName", default)]
    pub operations: Vec<String>,
}

/// A built `routerequesttoendpoint` instance.
#[derive(Debug)]
pub struct RouteRequestToEndpoint {
    meta: Meta,
    new_path: Template,
    /// `None`: the operation's own method.
    method: Option<String>,
}

impl RouteRequestToEndpointConfig {
    /// Parses the path and checks the method.
    pub fn build(self, title: &str) -> Result<RouteRequestToEndpoint, String> {
        let meta = Meta::new(
            title,
            self.operations,
            self.section.as_deref(),
            &[Stage::Request],
            Stage::Request,
        )?;
        required("newPath", &self.new_path)?;
        let syntax = Syntax { parameters: true, braced: false };
        let new_path = Template::parse(self.new_path.trim(), syntax).map_err(|e| e.to_string())?;
        let method = match self.http_method.as_deref() {
            None | Some("@Request.OriginalHTTPMethod") => None,
            Some(m) if METHODS.contains(&m) => Some(m.to_string()),
            Some(m) => {
                return Err(format!(
                    "httpMethod must be one of {} or @Request.OriginalHTTPMethod, found '{m}'",
                    METHODS.join(", ")
                ));
            }
        };
        Ok(RouteRequestToEndpoint { meta, new_path, method })
    }
}

pub(crate) fn build(instance: &Instance<'_>) -> Result<Box<dyn Policy>, BuildError> {
    instance.build(RouteRequestToEndpointConfig::build)
}

/// Splits a rendered `path?query` into the path (with a leading `/`) and decoded query pairs.
pub(crate) fn split_path_and_query(rendered: &str) -> (String, Vec<(String, String)>) {
    let (path, query) = rendered.split_once('?').unwrap_or((rendered, ""));
    let path = if path.starts_with('/') { path.to_string() } else { format!("/{path}") };
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
    let pairs = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    (path, pairs)
}

#[async_trait::async_trait]
impl Policy for RouteRequestToEndpoint {
    policy_meta!("routerequesttoendpoint");

    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        let title = self.meta.title.as_str();
        let rendered = {
            let scope = cx.eval_context(Stage::Request, title)?;
            self.new_path.render(&scope, encode_path_segment).map_err(|e| e.into_policy(title))?
        };
        let (path, query) = split_path_and_query(&rendered);
        cx.request.path = path;
        for (k, v) in query {
            set_query(&mut cx.request.query, &k, v);
        }
        cx.request.method = match &self.method {
            Some(m) => m.clone(),
            None => cx.original_method.to_ascii_uppercase(),
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::{Call, inline, policies, policy};
    use super::*;

    #[test]
    fn planner_drops_the_virtual_version_prefix() {
        let all = policies("Planner");
        let mut call = Call::new(
            "ListTasks_V3",
            "GET",
            "https://graph.microsoft.com",
            "/v2/v1.0/planner/plans/p%2F1/tasks",
        )
        .arguments(json!({"id": "p/1"}));
        call.run(&all, Stage::Request).unwrap();
        assert_eq!(
            call.request.url(),
            "https://graph.microsoft.com/v1.0/planner/plans/p%2F1/tasks"
        );
        assert_eq!(call.request.method, "GET");
    }

    #[test]
    fn outlook_tasks_keeps_the_base_path() {
        let p = policy("OutlookTasks", "Route to '/me/taskfolders('{folder_id}')/tasks'");
        let mut call = Call::new(
            "GetTasksInFolder_V2",
            "GET",
            "https://outlook.office.com/api/v2.0",
            "/v2/taskfolders/f1/tasks",
        )
        .arguments(json!({"folder_id": "AQMk=="}));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(
            call.request.url(),
            "https://outlook.office.com/api/v2.0/me/taskfolders('AQMk%3D%3D')/tasks"
        );
    }

    #[test]
    fn hyas_insight_merges_a_query_built_from_query_values() {
        let p = policy("HYAS Insight", "Whois Policy");
        let mut call = Call::new("Whois", "POST", "https://insight.hyas.com/api/ext", "/whois");
        call.request.query = vec![
            ("indicator_type".into(), "domain".into()),
            ("indicator_value".into(), "a&b.com".into()),
        ];
        call.apply(p.as_ref()).unwrap();
        assert_eq!(call.request.path, "/whois/search");
        assert_eq!(call.request.query_param("domain"), Some("a&b.com"));
        assert_eq!(
            call.request.url(),
            "https://insight.hyas.com/api/ext/whois/search?indicator_type=domain&indicator_value=a%26b.com&domain=a%26b.com"
        );
    }

    #[test]
    fn azure_ad_path_without_slash_and_resco_root_path() {
        let p = policy("AzureAD", "Redirect to CheckMemberGroups API");
        let mut call =
            Call::new("CheckMemberGroupsV2", "POST", "https://graph.microsoft.com", "/v2/x")
                .arguments(json!({"id": "u1"}));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(call.request.path, "/v1.0/users/u1/checkMemberGroups");
        let p = policy("RescoCloud", "Route Questionnaires");
        let mut call = Call::new(
            "Schema-Questionnaires",
            "GET",
            "https://eu.rescocrm.com/odata/questionnaires/v4/org",
            "/q/",
        );
        call.apply(p.as_ref()).unwrap();
        assert_eq!(call.request.url(), "https://eu.rescocrm.com/odata/questionnaires/v4/org/");
    }

    #[test]
    fn tribal_mixes_connection_values_and_parameters() {
        let p = policy("Tribal", "ReadDeleteUpdateEntity Tenant Redirect");
        let mut call = Call::new("ReadEntity", "GET", "https://api.tribal.com/eu", "/x")
            .connection(json!({"token:tenantId": "t 1"}))
            .arguments(json!({"service": "sits", "entityType": "student", "id": 42}));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(call.request.path, "/sits/t%201/api/student/42");
    }

    #[test]
    fn an_explicit_method_replaces_the_original_one() {
        let inst = json!({"templateId": "RouteRequestToEndpoint", "title": "t", "parameters": {
            "x-ms-apimTemplateParameter.newPath": "/items/{id}",
            "x-ms-apimTemplateParameter.httpMethod": "DELETE"}});
        let mut call =
            Call::new("Remove", "POST", "https://x", "/remove").arguments(json!({"id": "a"}));
        call.apply(inline(&inst).unwrap().as_ref()).unwrap();
        assert_eq!(call.request.to_string(), "DELETE https://x/items/a");
        let bad = json!({"templateId": "routerequesttoendpoint", "parameters": {
            "x-ms-apimTemplateParameter.newPath": "/a", "x-ms-apimTemplateParameter.httpMethod": "get"}});
        assert!(inline(&bad).unwrap_err().to_string().contains("found 'get'"));
        let e = call.apply(
            inline(&json!({"templateId": "routerequesttoendpoint", "title": "r",
            "parameters": {"x-ms-apimTemplateParameter.newPath": "/{missing}"}}))
            .unwrap()
            .as_ref(),
        );
        assert_eq!(
            e.unwrap_err().to_string(),
            "policy 'r': cannot evaluate `{missing}`: operation parameter 'missing' has no value"
        );
    }
}
