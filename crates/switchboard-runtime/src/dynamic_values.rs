//! Dynamic values (spec §5.4): resolve `x-ms-dynamic-values` / `x-ms-dynamic-list` of a
//! parameter by invoking the referenced operation through the full pipeline and applying the
//! slash paths to its response.

use serde_json::Value as Json;

use crate::compile::dynamic::at_path;
use crate::compile::{DynamicArg, DynamicSource};
use crate::{Body, Call, CompiledConnector, Connection, InvokeError, Phase, Runtime, Trace};

/// One pick-list entry.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct DynamicValue {
    /// The value to send.
    pub value: Json,
    /// The label to show.
    pub title: Json,
}

/// The values and the trace of the look-up call.
#[derive(Clone, Debug)]
pub struct DynamicValues {
    /// The entries.
    pub values: Vec<DynamicValue>,
    /// The operation called.
    pub operation_id: String,
    /// The look-up call's trace (when `call.trace`).
    pub trace: Option<Trace>,
}

impl Runtime {
    /// Resolves the dynamic values of `key` — a parameter name of `call.operation_id`, or
    /// `body/<property path>` for a body-schema property — with `call`'s arguments as the
    /// current inputs of the edited operation.
    pub async fn dynamic_values(
        &self,
        connector: &CompiledConnector,
        connection: &Connection,
        call: &Call,
        key: &str,
    ) -> Result<DynamicValues, InvokeError> {
        let client = |code, status, message: String| {
            InvokeError::client(Phase::ResolveRoute, code, status, message)
        };
        let Some(op) = connector.operation(&call.operation_id) else {
            return Err(client(
                "UnknownOperation",
                404,
                format!("connector '{}' has no operation '{}'", connector.name, call.operation_id),
            ));
        };
        let key = key.trim_start_matches('/');
        let Some(spec) = op.dynamic_spec(key) else {
            let known: Vec<&str> = op.dynamic.iter().map(|(k, _)| k.as_str()).collect();
            return Err(client(
                "NoDynamicValues",
                404,
                format!(
                    "parameter '{key}' of operation '{}' has no x-ms-dynamic-values or x-ms-dynamic-list{}",
                    op.id,
                    if known.is_empty() {
                        String::new()
                    } else {
                        format!(" (these do: {})", known.join(", "))
                    }
                ),
            ));
        };
        let target = match &spec.source {
            DynamicSource::Operation(id) => id.clone(),
            DynamicSource::BuiltIn(name) => {
                return Err(InvokeError::internal(
                    Phase::ResolveRoute,
                    "UnsupportedBuiltIn",
                    501,
                    format!(
                        "the dynamic values of '{key}' come from the platform built-in '{name}', which Switchboard does not provide"
                    ),
                ));
            }
            DynamicSource::Capability(name) => {
                return Err(InvokeError::internal(
                    Phase::ResolveRoute,
                    "UnsupportedBuiltIn",
                    501,
                    format!(
                        "the dynamic values of '{key}' come from the '{name}' capability, which Switchboard does not provide"
                    ),
                ));
            }
        };
        let mut lookup = Call::new(target.clone());
        lookup.connection_id.clone_from(&call.connection_id);
        lookup.trace = call.trace;
        lookup.context.clone_from(&call.context);
        for (name, arg) in &spec.parameters {
            let value = match arg {
                DynamicArg::Literal(v) => Some(v.clone()),
                DynamicArg::Parameter(p) => current_input(op, call, p),
                DynamicArg::Reference(path) => current_input(op, call, path),
            };
            let Some(value) = value.filter(|v| !v.is_null()) else {
                let needed = match arg {
                    DynamicArg::Parameter(p) | DynamicArg::Reference(p) => p.clone(),
                    DynamicArg::Literal(_) => name.clone(),
                };
                return Err(client(
                    "NeedsInput",
                    400,
                    format!(
                        "needs input: '{needed}' must be given before the values of '{key}' can be looked up (operation '{target}' takes it as '{name}')"
                    ),
                ));
            };
            lookup.arguments.insert(name.clone(), value);
        }
        let outcome = self.invoke(connector, connection, lookup).await?;
        let status = outcome.response.status;
        if !(200..300).contains(&status) {
            return Err(InvokeError::upstream(
                Phase::Send,
                "DynamicValuesFailed",
                502,
                status >= 500,
                format!("the look-up operation '{target}' for '{key}' answered HTTP {status}"),
            ));
        }
        let Body::Json(body) = &outcome.response.body else {
            return Err(InvokeError::upstream(
                Phase::Send,
                "MalformedResponse",
                502,
                false,
                format!("the look-up operation '{target}' for '{key}' did not answer JSON"),
            ));
        };
        let items = match &spec.collection {
            Some(path) => at_path(body, path),
            None => Some(body),
        };
        let Some(Json::Array(items)) = items else {
            return Err(InvokeError::upstream(
                Phase::Send,
                "MalformedResponse",
                502,
                false,
                format!(
                    "the look-up operation '{target}' for '{key}' has no array at '{}'",
                    spec.collection.as_deref().unwrap_or("(the body)")
                ),
            ));
        };
        let values = items
            .iter()
            .map(|item| {
                let value = spec.value_path.as_deref().map_or(Some(item), |p| at_path(item, p));
                let value = value.cloned().unwrap_or(Json::Null);
                let title = spec.title_path.as_deref().and_then(|p| at_path(item, p)).cloned();
                DynamicValue { title: title.unwrap_or_else(|| value.clone()), value }
            })
            .collect();
        Ok(DynamicValues { values, operation_id: target, trace: outcome.trace })
    }
}

/// The current value of an input of the edited operation: a parameter name, or a slash path
/// whose first segment is a parameter (`body/Environment` reads the body parameter).
fn current_input(op: &crate::compile::OperationSpec, call: &Call, path: &str) -> Option<Json> {
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    let first = segments.next()?;
    let rest: Vec<&str> = segments.collect();
    let root = if let Some(v) = call.arguments.get(first) {
        Some(v.clone())
    } else if first == "body" || op.body_param().is_some_and(|b| b.name == first) {
        call.body
            .clone()
            .or_else(|| op.body_param().and_then(|b| call.arguments.get(&b.name).cloned()))
    } else {
        None
    }?;
    if rest.is_empty() { Some(root) } else { at_path(&root, &rest.join("/")).cloned() }
}
