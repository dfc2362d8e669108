//! `updatenextlink`: make paging links route back through the runtime (§3.4.15). Response
//! stage.
//!
//! A backend's next link points at the backend; fetched directly it would bypass the
//! connection's credentials and the operation's policies. When the runtime serves a public
//! base URL ([`PolicyContext::public_base_url`]) the link becomes
//! `{public_base_url}/$nextlink/{operationId}?u=<base64url(absolute link)>`, which the runtime
//! answers with an authenticated GET of the original link. Without one (in-process use, where
//! the pager follows next links itself with the connection's credentials) the link is left as
//! it is.
//!
//! Either way a link whose host differs from the host the call was sent to (after any host
//! template) fails the call: following it would send the connection's credentials elsewhere.
//! `[I]` decisions: a relative link is resolved against the request URL; hosts compare with
//! scheme and port; the `u` parameter is not signed — the `$nextlink` endpoint must repeat the
//! host check.

use base64::Engine as _;
use serde_json::Value;

use super::body_path::{BodyPath, get, sub_path};
use super::config::{Instance, Meta, policy_meta, required};
use super::expression::Step;
use super::{BuildError, Policy, PolicyContext, PolicyError, Stage};
use crate::message::encode_path_segment;

/// The `parameters` of an `updatenextlink` instance. Unknown keys are rejected (closed schema;
/// the 8 corpus instances use only these keys).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateNextLinkConfig {
    /// The property holding the next-page URL (`@odata.nextLink`, `nextLink`) — a literal name.
    #[serde(rename = "x-ms-apimTemplateParameter.nextLinkPropertyName")]
    pub property: String,
    /// The object containing it (`@body().page`, or a relative path); default the body root.
    #[serde(rename = "x-ms-apimTemplateParameter.nextLinkParentPropertyPath", default)]
    pub parent: Option<String>,
    /// Only `Response` (the template's fixed stage) is accepted; the key is optional.
    #[serde(rename = "x-ms-apimTemplate-policySection", default)]
    pub section: Option<String>,
    /// The operations it applies to (empty: all).
    #[serde(rename = "x-ms-apimTemplate-operationName", default)]
    pub operations: Vec<String>,
}

/// A built `updatenextlink` instance.
#[derive(Debug)]
pub struct UpdateNextLink {
    meta: Meta,
    /// The location of the link in the body.
    at: Vec<Step>,
}

impl UpdateNextLinkConfig {
    /// Resolves where the link lives.
    pub fn build(self, title: &str) -> Result<UpdateNextLink, String> {
        let stage = [Stage::Response];
        let meta =
            Meta::new(title, self.operations, self.section.as_deref(), &stage, Stage::Response)?;
        required("nextLinkPropertyName", &self.property)?;
        let mut at = match self.parent.as_deref().map(str::trim) {
            None | Some("" | "null") => Vec::new(),
            Some(p) if p.starts_with('@') || p.starts_with("body(") => BodyPath::parent(p)?.steps,
            Some(p) => sub_path(p)?,
        };
        at.push(Step::Prop(self.property));
        Ok(UpdateNextLink { meta, at })
    }
}

pub(crate) fn build(instance: &Instance<'_>) -> Result<Box<dyn Policy>, BuildError> {
    instance.build(UpdateNextLinkConfig::build)
}

/// Scheme, host and port of `url` (the port made explicit), for comparison.
pub(crate) fn origin(url: &url::Url) -> (String, String, Option<u16>) {
    (
        url.scheme().to_string(),
        url.host_str().unwrap_or_default().to_ascii_lowercase(),
        url.port_or_known_default(),
    )
}

/// Resolves `link` against the request URL and checks it stays on the request's origin.
pub(crate) fn same_origin_link(request_url: &str, link: &str) -> Result<url::Url, String> {
    let base = url::Url::parse(request_url)
        .map_err(|e| format!("the request URL '{request_url}' is invalid: {e}"))?;
    let resolved = base.join(link).map_err(|e| format!("next link '{link}' is not a URL: {e}"))?;
    if origin(&resolved) != origin(&base) {
        return Err(format!(
            "next link '{link}' leaves the operation's host {}; refusing to follow it with the connection's credentials",
            base.host_str().unwrap_or_default()
        ));
    }
    Ok(resolved)
}

#[async_trait::async_trait]
impl Policy for UpdateNextLink {
    policy_meta!("updatenextlink");

    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        let title = self.meta.title.as_str();
        let (request_url, public_base, operation_id) =
            (cx.request.url(), cx.public_base_url, cx.operation_id);
        let Some(body) = cx.json_body_mut(Stage::Response, title)? else { return Ok(()) };
        let Some(Value::String(link)) = get(body, &self.at) else { return Ok(()) };
        if link.is_empty() {
            return Ok(());
        }
        let fail = |reason| PolicyError::Failed { title: title.to_string(), reason };
        let resolved = same_origin_link(&request_url, link).map_err(fail)?;
        if let Some(base) = public_base {
            let u = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(resolved.as_str());
            let new = format!(
                "{}/$nextlink/{}?u={u}",
                base.trim_end_matches('/'),
                encode_path_segment(operation_id)
            );
            super::body_path::set(body, &self.at, Value::String(new)).map_err(fail)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::{Call, inline, json_response, policies, policy};
    use super::*;

    fn planner_call(next: &str) -> Call {
        let mut call = Call::new(
            "ListTasks_V3",
            "GET",
            "https://graph.microsoft.com",
            "/v1.0/planner/plans/p1/tasks",
        );
        call.response = Some(json_response(200, json!({"value": [], "@odata.nextLink": next})));
        call
    }

    #[test]
    fn planner_next_link_becomes_a_runtime_url() {
        let p = policy("Planner", "Updates next link to make paging work");
        let next = "https://graph.microsoft.com/v1.0/planner/plans/p1/tasks?$skiptoken=abc";
        let mut call = planner_call(next);
        call.public_base_url = Some("https://sb.example.com/apim/planner/c1/".into());
        call.apply(p.as_ref()).unwrap();
        let u = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(next);
        assert_eq!(
            call.response_json()["@odata.nextLink"],
            json!(format!("https://sb.example.com/apim/planner/c1/$nextlink/ListTasks_V3?u={u}"))
        );
    }

    #[test]
    fn without_a_public_base_url_the_link_is_left_as_is() {
        let p = policy("AzureAD", "Updates next link to make paging work");
        let next = "https://graph.microsoft.com/v1.0/groups/g/members?$skiptoken=x";
        let mut call = planner_call(next);
        call.apply(p.as_ref()).unwrap();
        assert_eq!(call.response_json()["@odata.nextLink"], json!(next));
    }

    #[test]
    fn a_link_to_another_host_fails_the_call() {
        let p = policy("Planner", "Updates next link to make paging work");
        let mut call = planner_call("https://evil.example.com/steal");
        let e = call.apply(p.as_ref()).unwrap_err().to_string();
        assert_eq!(
            e,
            "policy 'Updates next link to make paging work': next link 'https://evil.example.com/steal' \
             leaves the operation's host graph.microsoft.com; refusing to follow it with the connection's credentials"
        );
        assert!(
            planner_call("http://graph.microsoft.com/x").apply(p.as_ref()).is_err(),
            "scheme counts"
        );
    }

    #[test]
    fn almabase_relative_links_resolve_and_missing_links_are_fine() {
        let all = policies("Almabase");
        let mut call =
            Call::new("ListGifts", "GET", "https://api.almabaseapp.com/api/v1", "/gifts");
        call.public_base_url = Some("https://sb/c".into());
        call.response =
            Some(json_response(200, json!({"results": [], "nextLink": "/api/v1/gifts?page=2"})));
        call.run(&all, Stage::Response).unwrap();
        let u = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode("https://api.almabaseapp.com/api/v1/gifts?page=2");
        assert_eq!(
            call.response_json()["nextLink"],
            json!(format!("https://sb/c/$nextlink/ListGifts?u={u}"))
        );
        call.response = Some(json_response(200, json!({"results": [], "nextLink": null})));
        call.run(&all, Stage::Response).unwrap();
        assert_eq!(call.response_json()["nextLink"], Value::Null);
    }

    #[test]
    fn a_parent_path_locates_nested_links() {
        let p = inline(&json!({"templateId": "updatenextlink", "parameters": {
            "x-ms-apimTemplateParameter.nextLinkPropertyName": "next",
            "x-ms-apimTemplateParameter.nextLinkParentPropertyPath": "@body().paging"}}))
        .unwrap();
        let mut call = Call::new("Feed", "GET", "https://graph.facebook.com", "/me/feed");
        call.public_base_url = Some("https://sb/c".into());
        call.response = Some(json_response(
            200,
            json!({"paging": {"next": "https://graph.facebook.com/me/feed?after=x"}}),
        ));
        call.apply(p.as_ref()).unwrap();
        assert!(
            call.response_json()["paging"]["next"]
                .as_str()
                .unwrap()
                .starts_with("https://sb/c/$nextlink/Feed?u=")
        );
    }
}
