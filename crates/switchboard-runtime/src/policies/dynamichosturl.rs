//! `dynamichosturl`: replace the base URL (scheme, host, port and base path) of the call
//! (§3.4.3, §1.2). Request stage only.
//!
//! The rendered template must be an absolute `http`/`https` URL; the (possibly rerouted)
//! operation path is then appended with exactly one `/`. Decisions `[I]`: a query string in the
//! rendered URL (`dox42`: `…/dox42RestService.ashx?@headers('querystring')`) is merged into the
//! request's query, overriding same-name keys, because a base URL cannot carry one; a fragment
//! is dropped. A template that reads `@headers`/`@queryParameters` lets the caller choose the
//! host, so the policy flags [`Effects::host_from_caller_input`](super::Effects) for the
//! sender's egress allow-list.

use super::config::{Instance, Meta, required};
use super::expression::{ExprKind, Syntax, Template};
use super::setqueryparameter::set_query;
use super::{BuildError, Policy, PolicyContext, PolicyError, Scope, Stage};

/// The `parameters` of a `dynamichosturl` (or `dynamicsubdomain`) instance. Unknown keys are
/// rejected; `x-ms-apimTemplate-policySection` is not in the schema for this template but is
/// accepted when it names the fixed stage, as `Cradl AI` writes it.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DynamicHostUrlConfig {
    /// The new base URL: literal text with expressions.
    #[serde(rename = "x-ms-apimTemplateParameter.urlTemplate")]
    pub url_template: String,
    /// Only `Request` is accepted; the key is optional.
    #[serde(rename = "x-ms-apimTemplate-policySection", default)]
    pub section: Option<String>,
    /// The operations it applies to (empty: all).
    #[serde(rename = "x-ms-apimTemplate-operationName", default)]
    pub operations: Vec<String>,
}

/// A built `dynamichosturl` or `dynamicsubdomain` instance.
#[derive(Debug)]
pub struct DynamicHostUrl {
    meta: Meta,
    template_id: &'static str,
    url: Template,
    caller_input: bool,
}

impl DynamicHostUrlConfig {
    /// Parses the URL template (and checks a literal one).
    pub fn build(self, title: &str) -> Result<DynamicHostUrl, String> {
        self.build_as("dynamichosturl", title)
    }

    /// Builds the policy under the template id it was written with.
    pub(crate) fn build_as(
        self,
        template_id: &'static str,
        title: &str,
    ) -> Result<DynamicHostUrl, String> {
        let meta = Meta::new(
            title,
            self.operations,
            self.section.as_deref(),
            &[Stage::Request],
            Stage::Request,
        )?;
        required("urlTemplate", &self.url_template)?;
        let url =
            Template::parse(&self.url_template, Syntax::default()).map_err(|e| e.to_string())?;
        if url.is_literal() {
            parse_base(url.source())?;
        }
        let caller_input = url
            .exprs()
            .any(|e| matches!(e.kind, ExprKind::Header { .. } | ExprKind::QueryParameter { .. }));
        Ok(DynamicHostUrl { meta, template_id, url, caller_input })
    }
}

/// Splits a rendered URL into the base URL (no trailing `/`) and its query pairs.
fn parse_base(text: &str) -> Result<(String, Vec<(String, String)>), String> {
    let mut url = url::Url::parse(text.trim())
        .map_err(|e| format!("'{text}' is not an absolute URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(format!("'{text}' is not an http(s) URL with a host"));
    }
    let query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    url.set_query(None);
    url.set_fragment(None);
    Ok((url.as_str().trim_end_matches('/').to_string(), query))
}

pub(crate) fn build(instance: &Instance<'_>) -> Result<Box<dyn Policy>, BuildError> {
    instance.build(DynamicHostUrlConfig::build)
}

#[async_trait::async_trait]
impl Policy for DynamicHostUrl {
    fn template_id(&self) -> &'static str {
        self.template_id
    }
    fn title(&self) -> &str {
        &self.meta.title
    }
    fn stage(&self) -> Stage {
        self.meta.stage
    }
    fn scope(&self) -> &Scope {
        &self.meta.scope
    }

    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        let title = self.meta.title.as_str();
        let text = {
            let scope = cx.eval_context(Stage::Request, title)?;
            self.url.eval_text(&scope).map_err(|e| e.into_policy(title))?
        };
        let (base, query) = parse_base(&text).map_err(|reason| PolicyError::Evaluation {
            title: title.to_string(),
            expression: self.url.source().to_string(),
            reason,
        })?;
        cx.request.base_url = base;
        for (k, v) in query {
            set_query(&mut cx.request.query, &k, v);
        }
        cx.effects.host_from_caller_input |= self.caller_input;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::{Call, inline, policies, policy};
    use super::*;

    #[test]
    fn resco_cloud_replaces_host_and_base_path_for_scoped_operations() {
        // RescoCloud: host *and* base path from two connection parameters.
        let all = policies("RescoCloud");
        let conn = json!({"server": "https://eu.rescocrm.com", "organization": "contoso"});
        let mut call = Call::new("Record-List", "GET", "https://rescocrm.com/odata/v4", "/account")
            .connection(conn.clone());
        call.run(&all, Stage::Request).unwrap();
        assert_eq!(call.request.url(), "https://eu.rescocrm.com/odata/v4/contoso/account");
        assert!(!call.effects.host_from_caller_input);
        // An operation outside both scopes keeps the swagger host.
        let mut other =
            Call::new("Unscoped", "GET", "https://rescocrm.com/odata/v4", "/x").connection(conn);
        other.run(&all, Stage::Request).unwrap();
        assert_eq!(other.request.url(), "https://rescocrm.com/odata/v4/x");
    }

    #[test]
    fn pipeliner_takes_the_host_from_a_header_and_flags_it() {
        // Pipeliner CRM: `@headers('service_url')` — caller-controlled host.
        let p = policy("Pipeliner CRM", "Server URL");
        let mut call = Call::new("Op", "GET", "https://placeholder", "/api/x");
        call.request.headers.append("service_url", "https://eu-central.api.pipelinersales.com/");
        call.apply(p.as_ref()).unwrap();
        assert_eq!(call.request.url(), "https://eu-central.api.pipelinersales.com/api/x");
        assert!(call.effects.host_from_caller_input);
    }

    #[test]
    fn dox42_query_string_moves_into_the_request_query() {
        let p = policy("dox42", "Define dox42 Service URL");
        let mut call = Call::new("Op", "POST", "https://placeholder", "/");
        call.request.headers.append("domainname", "dox.example.com");
        call.request.headers.append("querystring", "DocTemplate=a.docx&Out=pdf");
        call.apply(p.as_ref()).unwrap();
        assert_eq!(call.request.base_url, "https://dox.example.com/dox42RestService.ashx");
        assert_eq!(
            call.request.url(),
            "https://dox.example.com/dox42RestService.ashx/?DocTemplate=a.docx&Out=pdf"
        );
    }

    #[test]
    fn a_rendered_value_that_is_not_a_url_fails_the_call() {
        // Adobe Experience Manager: `@connectionParameters('aem_url')` must hold a full URL.
        let p = policy("Adobe Experience Manager", "SetAEMUrl");
        let mut call = Call::new("Op", "GET", "https://x", "/")
            .connection(json!({"aem_url": "author.example.com"}));
        let e = call.apply(p.as_ref()).unwrap_err().to_string();
        assert!(e.starts_with("policy 'SetAEMUrl': cannot evaluate `@connectionParameters('aem_url')`: 'author.example.com' is not an absolute URL"), "{e}");
        let literal = json!({"templateId": "dynamichosturl", "parameters": {"x-ms-apimTemplateParameter.urlTemplate": "ftp://x"}});
        assert!(inline(&literal).unwrap_err().to_string().contains("not an http(s) URL"));
    }
}
