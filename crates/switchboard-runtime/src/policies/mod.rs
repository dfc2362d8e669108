//! Policy templates: Microsoft's codeless request/response transformations
//! (`policyTemplateInstances` in apiProperties.json). One template per file; each file holds a
//! serde config struct (the instance's `parameters`) whose `build()` returns the policy.
//!
//! Instances run in array order within a stage, each seeing the effects of the previous ones,
//! on every call of an operation in their scope (see `shared/spec/runtime.md` §3).

mod body_path;
mod config;
mod context;
pub mod expression;
#[cfg(test)]
mod test_support;

pub mod convertarraytoobject;
pub mod convertobjecttoarray;
pub mod dynamichosturl;
pub mod dynamicsubdomain;
pub mod encodepropertyvalue;
pub mod moveproperties;
pub mod pollingtrigger;
pub mod routerequesttoendpoint;
pub mod setconnectionstatustounauthenticated;
pub mod setheader;
pub mod setproperty;
pub mod setqueryparameter;
pub mod setvaluefromurl;
pub mod stringreplace;
pub mod stringtoarray;
pub mod updatenextlink;

use std::collections::BTreeMap;
use std::fmt;

pub use body_path::BodyPath;
pub use config::ExistsAction;

use crate::{Connection, InvokeError, Request, Response};

/// When a policy runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Stage {
    /// Before the backend call.
    Request,
    /// After the backend answered.
    Response,
    /// Only when the backend call failed: on a 5xx answer (a transport failure leaves no
    /// response to act on; the pipeline skips them then).
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
    /// A `dynamichosturl`/`dynamicsubdomain` took the host from caller input (`@headers`,
    /// `@queryParameters`): the sender must check the final URL against the connector's egress
    /// allow-list (SSRF guard, §3.4.3).
    pub host_from_caller_input: bool,
    /// The poll a `pollingtrigger` is running: decoded in the Request stage, completed in the
    /// Response stage (§4.4).
    pub trigger_poll: Option<pollingtrigger::TriggerPoll>,
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
    /// The runtime's public base URL for this connection (`https://<runtime>/apim/<connector>/
    /// <connectionId>`), when it serves one; `updatenextlink` rewrites next links to
    /// `{public_base_url}/$nextlink/{operationId}?u=…` and leaves them as they are without it.
    pub public_base_url: Option<&'a str>,
    /// The absolute URL the caller invoked on the runtime (with its query), when invoked over
    /// HTTP; `pollingtrigger` answers with a `Location` that is this URL with the new trigger
    /// state, and with a relative `Location` without it.
    pub inbound_url: Option<&'a str>,
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
    /// Whether it runs in `stage`. Only `pollingtrigger` runs in two stages (Request: decode
    /// the trigger state; Response: answer 200/202 with the next state); the pipeline must ask
    /// this rather than compare [`Policy::stage`].
    fn runs_in(&self, stage: Stage) -> bool {
        self.stage() == stage
    }
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
    /// The policy cannot run on this call (a response-stage policy without a response, a trigger
    /// state that does not decode, a next link to a foreign host).
    #[error("policy '{title}': {reason}")]
    Failed {
        /// The instance title.
        title: String,
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

/// The templates this runtime executes: lowercase id and the function that builds an instance.
type Builder = fn(&config::Instance<'_>) -> Result<Box<dyn Policy>, BuildError>;
const TEMPLATES: &[(&str, Builder)] = &[
    ("convertarraytoobject", convertarraytoobject::build),
    ("convertobjecttoarray", convertobjecttoarray::build),
    ("dynamichosturl", dynamichosturl::build),
    ("dynamicsubdomain", dynamicsubdomain::build),
    ("encodepropertyvalue", encodepropertyvalue::build),
    ("moveproperties", moveproperties::build),
    ("pollingtrigger", pollingtrigger::build),
    ("routerequesttoendpoint", routerequesttoendpoint::build),
    ("setconnectionstatustounauthenticated", setconnectionstatustounauthenticated::build),
    ("setheader", setheader::build),
    ("setproperty", setproperty::build),
    ("setqueryparameter", setqueryparameter::build),
    ("setvaluefromurl", setvaluefromurl::build),
    ("stringreplace", stringreplace::build),
    ("stringtoarray", stringtoarray::build),
    ("updatenextlink", updatenextlink::build),
];

/// The template ids this runtime executes, lowercase.
pub fn template_ids() -> impl Iterator<Item = &'static str> {
    TEMPLATES.iter().map(|(id, _)| *id)
}

/// Keys of a `policyTemplateInstances` entry (the schema allows no others).
const INSTANCE_KEYS: &[&str] = &["templateId", "title", "parameters", "type"];

/// Builds one instance of `policyTemplateInstances` (`index` is its position, for messages).
///
/// Template ids compare case-insensitively. Each template lives in its own file of this module
/// with a serde config struct for its `parameters` and a `build()`; this function is the
/// registry that dispatches on the id.
pub fn build(index: usize, instance: &serde_json::Value) -> Result<Box<dyn Policy>, BuildError> {
    let title =
        instance.get("title").and_then(serde_json::Value::as_str).unwrap_or_default().to_string();
    let written =
        instance.get("templateId").and_then(serde_json::Value::as_str).unwrap_or_default();
    let Some(&(template_id, builder)) =
        TEMPLATES.iter().find(|(id, _)| id.eq_ignore_ascii_case(written))
    else {
        return Err(BuildError::UnknownTemplate { index, title, template_id: written.to_string() });
    };
    let invalid = |reason: String| BuildError::InvalidParameters {
        index,
        title: title.clone(),
        template_id: template_id.to_string(),
        reason,
    };
    let object =
        instance.as_object().ok_or_else(|| invalid("the instance is not an object".into()))?;
    if let Some(key) = object.keys().find(|k| !INSTANCE_KEYS.contains(&k.as_str())) {
        return Err(invalid(format!("unknown instance key '{key}'")));
    }
    let empty = serde_json::Value::Object(serde_json::Map::new());
    let parameters = match object.get("parameters") {
        None => &empty,
        Some(p) if p.is_object() => p,
        Some(_) => return Err(invalid("'parameters' must be an object".into())),
    };
    let kind = match object.get("type") {
        None => None,
        Some(serde_json::Value::String(s)) => Some(s.as_str()),
        Some(_) => return Err(invalid("'type' must be a string".into())),
    };
    builder(&config::Instance { index, title: title.clone(), template_id, kind, parameters })
}
