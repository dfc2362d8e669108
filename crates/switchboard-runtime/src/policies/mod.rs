//! Policy templates: Microsoft's codeless request/response transformations
//! (`policyTemplateInstances` in apiProperties.json). One template per file; each file holds a
//! serde config struct (the instance's `parameters`) whose `build()` returns the policy.
//!
//! Instances run in array order within a stage, each seeing the effects of the previous ones,
//! on every call of an operation in their scope (see `shared/spec/runtime.md` §3).

use std::collections::BTreeMap;
use std::fmt;

use crate::{Connection, InvokeError, Request, Response};

/// When a policy runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Stage {
    /// Before the backend call.
    Request,
    /// After the backend answered.
    Response,
    /// Only when the backend call failed (transport failure or 5xx).
    Failure,
}

/// The operations an instance applies to (`x-ms-apimTemplate-operationName`); empty means all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope(pub Vec<String>);

impl Scope {
    /// Whether the policy applies to `operation_id`: exact match, or else case-insensitive.
    pub fn applies_to(&self, operation_id: &str) -> bool {
        self.0.is_empty()
            || self.0.iter().any(|o| o == operation_id)
            || self.0.iter().any(|o| o.eq_ignore_ascii_case(operation_id))
    }
}

/// Sends a request to the backend with the connection's credentials, without running the
/// policy chain again (for `setvaluefromurl` side calls).
#[async_trait::async_trait]
pub trait SideCall: Send + Sync {
    /// Sends `request` and returns the backend's response.
    async fn send(&self, request: Request) -> Result<Response, InvokeError>;
}

/// Effects of policies beyond the message (reported back to the caller of the runtime).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Effects {
    /// `setconnectionstatustounauthenticated` fired: the connection's credentials are invalid.
    pub connection_unauthenticated: bool,
}

/// What a policy sees and may change.
pub struct PolicyContext<'a> {
    /// The operation being invoked.
    pub operation_id: &'a str,
    /// The operation's HTTP method as declared (`@Request.OriginalHTTPMethod`).
    pub original_method: &'a str,
    /// The operation's parameter values after defaults, by parameter name (for `{name}`
    /// references in `routerequesttoendpoint.newPath` and `setvaluefromurl.parameterValueUrl`).
    pub arguments: &'a BTreeMap<String, serde_json::Value>,
    /// The connection (for `@connectionParameters('…')`).
    pub connection: &'a Connection,
    /// The outgoing request; in the response stage, the request that was sent.
    pub request: &'a mut Request,
    /// The response, in the response and failure stages.
    pub response: Option<&'a mut Response>,
    /// For side calls.
    pub side_call: &'a dyn SideCall,
    /// Effects beyond the message.
    pub effects: &'a mut Effects,
}

/// A built policy instance.
#[async_trait::async_trait]
pub trait Policy: Send + Sync + fmt::Debug {
    /// The template id, lowercase (`setheader`).
    fn template_id(&self) -> &'static str;
    /// The instance's `title` (used in errors and traces).
    fn title(&self) -> &str;
    /// The stage it runs in.
    fn stage(&self) -> Stage;
    /// The operations it applies to.
    fn scope(&self) -> &Scope;
    /// Applies the policy to the message in `cx`.
    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError>;
}

/// A policy failed while running.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    /// An expression could not be evaluated.
    #[error("policy '{title}': cannot evaluate `{expression}`: {reason}")]
    Evaluation {
        /// The instance title.
        title: String,
        /// The expression or template text.
        expression: String,
        /// Why.
        reason: String,
    },
    /// A side call failed.
    #[error("policy '{title}': side call failed: {source}")]
    SideCall {
        /// The instance title.
        title: String,
        /// The failure.
        #[source]
        source: InvokeError,
    },
}

/// An instance could not be built from its configuration.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The template id is not one the runtime knows.
    #[error("policy template #{index} '{title}': unknown templateId '{template_id}'")]
    UnknownTemplate {
        /// Position in `policyTemplateInstances`.
        index: usize,
        /// The instance title.
        title: String,
        /// The id as written.
        template_id: String,
    },
    /// The instance's parameters do not fit the template.
    #[error("policy template #{index} '{title}' ({template_id}): {reason}")]
    InvalidParameters {
        /// Position in `policyTemplateInstances`.
        index: usize,
        /// The instance title.
        title: String,
        /// The template id.
        template_id: String,
        /// What is wrong (a missing or unknown parameter, a bad value).
        reason: String,
    },
}

/// Builds one instance of `policyTemplateInstances` (`index` is its position, for messages).
///
/// Template ids compare case-insensitively. Each template lives in its own file of this module
/// with a serde config struct for its `parameters` and a `build()`; this function is the
/// registry that dispatches on the id.
pub fn build(index: usize, instance: &serde_json::Value) -> Result<Box<dyn Policy>, BuildError> {
    let title =
        instance.get("title").and_then(serde_json::Value::as_str).unwrap_or_default().to_string();
    let template_id = instance
        .get("templateId")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
        .to_string();
    // Templates are registered here as they are implemented.
    Err(BuildError::UnknownTemplate { index, title, template_id })
}
