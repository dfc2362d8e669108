//! `setvaluefromurl`: fill a header or query parameter from another backend call (§3.4.7).
//!
//! The side request goes to the current base URL + the rendered `parameterValueUrl`, with the
//! current request headers (which carry the connection's credentials — `Cradl AI` relies on the
//! `Authorization` and `Content-Type` set by the instances before it) and no body (§11 q6). It
//! is sent through [`SideCall`](super::SideCall), which does not run the policy chain again.
//! On a 2xx answer `parameterValuePathTemplate` is evaluated against its JSON body and the
//! destination is set (override); any other status fails the call with that status.
//!
//! `[I]`: `{name}` references and expressions in the URL are encoded as path segments (as in
//! `routerequesttoendpoint`); a query string in it becomes query pairs; an absolute URL is
//! refused so credentials cannot leave the backend.

use super::config::{Instance, Meta, policy_meta, required};
use super::expression::{EvalContext, ExprKind, Root, Step, Syntax, Template};
use super::routerequesttoendpoint::split_path_and_query;
use super::setheader::check_header_name;
use super::setqueryparameter::set_query;
use super::{BuildError, Policy, PolicyContext, PolicyError, Stage};
use crate::message::encode_path_segment;
use crate::{Body, InvokeError, Phase, Request};

/// The `parameters` of a `setvaluefromurl` instance. Unknown keys are rejected (closed schema;
/// the 4 corpus instances use only these keys).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetValueFromUrlConfig {
    /// The destination: `@headers('X')` or `@queryParameters('X')`.
    #[serde(rename = "x-ms-apimTemplateParameter.parameterTemplate")]
    pub destination: String,
    /// The backend-relative URL of the side call (`/tasks/{id}?fields=etag`).
    #[serde(rename = "x-ms-apimTemplateParameter.parameterValueUrl")]
    pub url: String,
    /// The value in the side call's answer (`@body().access_token`).
    #[serde(rename = "x-ms-apimTemplateParameter.parameterValuePathTemplate")]
    pub value_path: String,
    /// `GET` (default), `POST` or `PUT`.
    #[serde(rename = "x-ms-apimTemplateParameter.httpMethod", default)]
    pub http_method: Option<String>,
    /// `Request` (default) or `Response`.
    #[serde(rename = "x-ms-apimTemplate-policySection", default)]
    pub section: Option<String>,
    /// The operations it applies to (empty: all).
    #[serde(rename = "x-ms-apimTemplate-operationName", default)]
    pub operations: Vec<String>,
}

/// Where the value goes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Destination {
    Header(String),
    Query(String),
}

/// A built `setvaluefromurl` instance.
#[derive(Debug)]
pub struct SetValueFromUrl {
    meta: Meta,
    destination: Destination,
    url: Template,
    value_path: (String, Vec<Step>),
    method: String,
}

impl SetValueFromUrlConfig {
    /// Parses the destination, URL and value path, and checks the method.
    pub fn build(self, title: &str) -> Result<SetValueFromUrl, String> {
        let both = [Stage::Request, Stage::Response];
        let meta =
            Meta::new(title, self.operations, self.section.as_deref(), &both, Stage::Request)?;
        let dest = Template::parse(self.destination.trim(), Syntax::default())
            .map_err(|e| e.to_string())?;
        let destination = match dest.whole_expr().map(|e| &e.kind) {
            Some(ExprKind::Header { name, default: None }) => {
                check_header_name(name)?;
                Destination::Header(name.clone())
            }
            Some(ExprKind::QueryParameter { name, default: None }) if !name.is_empty() => {
                if meta.stage != Stage::Request {
                    return Err("a query parameter can only be set in the Request stage".into());
                }
                Destination::Query(name.clone())
            }
            _ => {
                return Err(format!(
                    "parameterTemplate must be @headers('name') or @queryParameters('name'), found `{}`",
                    self.destination
                ));
            }
        };
        required("parameterValueUrl", &self.url)?;
        let lower = self.url.trim_start().to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
        {
            return Err(format!(
                "parameterValueUrl must be relative to the backend, found '{}'",
                self.url
            ));
        }
        let syntax = Syntax { parameters: true, braced: false };
        let url = Template::parse(self.url.trim(), syntax).map_err(|e| e.to_string())?;
        let path = Template::parse(self.value_path.trim(), Syntax::default())
            .map_err(|e| e.to_string())?;
        let value_path = match path.whole_expr().map(|e| &e.kind) {
            Some(ExprKind::Path { root: Root::Body, steps }) => {
                (self.value_path.clone(), steps.clone())
            }
            _ => {
                return Err(format!(
                    "parameterValuePathTemplate must be a @body() path, found `{}`",
                    self.value_path
                ));
            }
        };
        let method = match self.http_method.as_deref() {
            None => "GET".to_string(),
            Some(m @ ("GET" | "POST" | "PUT")) => m.to_string(),
            Some(m) => return Err(format!("httpMethod must be GET, POST or PUT, found '{m}'")),
        };
        Ok(SetValueFromUrl { meta, destination, url, value_path, method })
    }
}

pub(crate) fn build(instance: &Instance<'_>) -> Result<Box<dyn Policy>, BuildError> {
    instance.build(SetValueFromUrlConfig::build)
}

#[async_trait::async_trait]
impl Policy for SetValueFromUrl {
    policy_meta!("setvaluefromurl");

    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        let (title, stage) = (self.meta.title.as_str(), self.meta.stage);
        let phase =
            if stage == Stage::Request { Phase::RequestPolicies } else { Phase::ResponsePolicies };
        let rendered = {
            let scope = cx.eval_context(stage, title)?;
            self.url.render(&scope, encode_path_segment).map_err(|e| e.into_policy(title))?
        };
        let (path, query) = split_path_and_query(&rendered);
        let side = Request {
            method: self.method.clone(),
            base_url: cx.request.base_url.clone(),
            path,
            query,
            headers: cx.request.headers.clone(),
            body: Body::Empty,
        };
        let target = side.to_string();
        let response = cx
            .side_call
            .send(side)
            .await
            .map_err(|source| PolicyError::SideCall { title: title.to_string(), source })?;
        if !(200..300).contains(&response.status) {
            let message =
                format!("policy '{title}': side call {target} answered {}", response.status);
            let source = InvokeError::upstream(
                phase,
                "SideCallFailed",
                response.status,
                response.status >= 500,
                message,
            );
            return Err(PolicyError::SideCall { title: title.to_string(), source });
        }
        let value = {
            let scope =
                EvalContext { body: response.body.as_json(), ..cx.eval_context(stage, title)? };
            let (source, steps) = &self.value_path;
            let v = scope.navigate(source, Root::Body, steps).map_err(|e| e.into_policy(title))?;
            super::expression::to_text(v)
        };
        match &self.destination {
            Destination::Header(name) => cx.headers_mut(stage, title)?.set(name, value),
            Destination::Query(name) => set_query(&mut cx.request.query, name, value),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
