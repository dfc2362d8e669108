//! Which message a stage acts on, and what expressions see in it (§3.1: request headers and
//! body in the Request stage; response headers and body after; the request's query always).

use serde_json::Value;

use super::expression::EvalContext;
use super::{PolicyContext, PolicyError, Stage};
use crate::{Body, Headers};

impl PolicyContext<'_> {
    /// What expressions evaluate against in `stage`.
    pub(crate) fn eval_context(
        &self,
        stage: Stage,
        title: &str,
    ) -> Result<EvalContext<'_>, PolicyError> {
        let (headers, body) = match stage {
            Stage::Request => (&self.request.headers, &self.request.body),
            Stage::Response | Stage::Failure => {
                let response = self.response.as_deref().ok_or_else(|| no_response(title, stage))?;
                (&response.headers, &response.body)
            }
        };
        Ok(EvalContext {
            connection: self.connection,
            headers,
            query: &self.request.query,
            body: body.as_json(),
            item: None,
            trigger_body: None,
            original_method: self.original_method,
            arguments: self.arguments,
        })
    }

    /// The headers of the message `stage` acts on.
    pub(crate) fn headers_mut(
        &mut self,
        stage: Stage,
        title: &str,
    ) -> Result<&mut Headers, PolicyError> {
        Ok(match stage {
            Stage::Request => &mut self.request.headers,
            Stage::Response | Stage::Failure => {
                &mut self.response.as_deref_mut().ok_or_else(|| no_response(title, stage))?.headers
            }
        })
    }

    /// The body of the message `stage` acts on.
    pub(crate) fn body_mut(&mut self, stage: Stage, title: &str) -> Result<&mut Body, PolicyError> {
        Ok(match stage {
            Stage::Request => &mut self.request.body,
            Stage::Response | Stage::Failure => {
                &mut self.response.as_deref_mut().ok_or_else(|| no_response(title, stage))?.body
            }
        })
    }

    /// The JSON body of the message `stage` acts on; `None` when it has no JSON body (the body
    /// templates then find no parent and do nothing).
    pub(crate) fn json_body_mut(
        &mut self,
        stage: Stage,
        title: &str,
    ) -> Result<Option<&mut Value>, PolicyError> {
        Ok(self.body_mut(stage, title)?.as_json_mut())
    }
}

/// The pipeline ran a response-stage policy without a response.
fn no_response(title: &str, stage: Stage) -> PolicyError {
    PolicyError::Failed {
        title: title.to_string(),
        reason: format!(
            "runs in the {} stage, but the call has no response",
            super::config::stage_name(stage)
        ),
    }
}
