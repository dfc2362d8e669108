//! `setconnectionstatustounauthenticated`: flag broken credentials (§3.4.12). Response stage.
//!
//! When the backend answers with `statusCode`, the call reports
//! [`Effects::connection_unauthenticated`](super::Effects) so the caller of the runtime can
//! mark the connection `Unauthenticated` (and prompt a fix); the response itself is returned
//! unchanged. It applies to the operations in scope — all of them when unscoped — and, the
//! spec's decision (§3.4.12, open question 17), always to the test-connection operation
//! (`x-ms-capabilities.testConnection`), which the pipeline adds to its scope.

use super::config::{Instance, Meta, policy_meta, status_code};
use super::{BuildError, Policy, PolicyContext, PolicyError, Stage};

/// The `parameters` of a `setconnectionstatustounauthenticated` instance. Not in the schema;
/// unknown keys are rejected (the one corpus instance has only `statusCode`).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetConnectionStatusToUnauthenticatedConfig {
    /// The backend status that means "credentials invalid" (an integer, or a numeric string).
    #[serde(rename = "x-ms-apimTemplateParameter.statusCode", deserialize_with = "status_code")]
    pub status_code: u16,
    /// Only `Response` (the template's fixed stage) is accepted; the key is optional.
    #[serde(rename = "x-ms-apimTemplate-policySection", default)]
    pub section: Option<String>,
    /// The operations it applies to (empty: all).
    #[serde(rename = "x-ms-apimTemplate-operationName", default)]
    pub operations: Vec<String>,
}

/// A built `setconnectionstatustounauthenticated` instance.
#[derive(Debug)]
pub struct SetConnectionStatusToUnauthenticated {
    meta: Meta,
    status: u16,
}

impl SetConnectionStatusToUnauthenticatedConfig {
    /// Checks the stage.
    pub fn build(self, title: &str) -> Result<SetConnectionStatusToUnauthenticated, String> {
        let stage = [Stage::Response];
        let meta =
            Meta::new(title, self.operations, self.section.as_deref(), &stage, Stage::Response)?;
        Ok(SetConnectionStatusToUnauthenticated { meta, status: self.status_code })
    }
}

pub(crate) fn build(instance: &Instance<'_>) -> Result<Box<dyn Policy>, BuildError> {
    instance.build(SetConnectionStatusToUnauthenticatedConfig::build)
}

#[async_trait::async_trait]
impl Policy for SetConnectionStatusToUnauthenticated {
    policy_meta!("setconnectionstatustounauthenticated");

    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        let status = match cx.response.as_deref() {
            Some(response) => response.status,
            None => return Ok(()), // no answer from the backend: nothing about the credentials
        };
        if status == self.status {
            cx.effects.connection_unauthenticated = true;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::{Call, inline, json_response, policies};
    use super::*;

    #[test]
    fn deskdirector_flags_the_connection_on_401_only() {
        let all = policies("DeskDirector");
        let mut call =
            Call::new("TestConnection", "GET", "https://x.deskdirector.com", "/api/v2/whoami");
        call.response = Some(json_response(401, json!({"message": "bad key"})));
        call.run(&all, Stage::Response).unwrap();
        assert!(call.effects.connection_unauthenticated);
        assert_eq!(call.response.as_ref().unwrap().status, 401, "the response is returned as is");
        let mut call = Call::new("TestConnection", "GET", "https://x", "/");
        call.response = Some(json_response(403, json!({})));
        call.run(&all, Stage::Response).unwrap();
        assert!(!call.effects.connection_unauthenticated);
    }

    #[test]
    fn status_codes_as_strings_are_accepted_and_other_stages_are_not() {
        let inst = |params: serde_json::Value| {
            inline(
                &json!({"templateId": "setconnectionstatustounauthenticated", "parameters": params}),
            )
        };
        assert!(inst(json!({"x-ms-apimTemplateParameter.statusCode": "401"})).is_ok());
        let e = inst(json!({"x-ms-apimTemplateParameter.statusCode": 401,
                            "x-ms-apimTemplate-policySection": "Request"}));
        assert!(e.unwrap_err().to_string().contains("must be Response"));
    }
}
