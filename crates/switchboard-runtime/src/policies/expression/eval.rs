//! Expression evaluation against the current call.

use serde_json::Value;

use super::{Arguments, Expr, ExprKind, Root, Step};
use crate::{Connection, Headers};

/// What expressions read: the connection, the current message, and the operation's arguments.
#[derive(Clone, Copy, Debug)]
pub struct EvalContext<'a> {
    /// For `connectionParameters(…)`.
    pub connection: &'a Connection,
    /// For `headers(…)`: request headers in the Request stage, response headers after.
    pub headers: &'a Headers,
    /// For `queryParameters(…)`: the request's query (in every stage).
    pub query: &'a [(String, String)],
    /// For `body()`: the JSON body of the current message, when it has one.
    pub body: Option<&'a Value>,
    /// For `item()`: the current element of a per-element body template.
    pub item: Option<&'a Value>,
    /// For `triggerBody()`: the poll response body.
    pub trigger_body: Option<&'a Value>,
    /// For `Request.OriginalHTTPMethod`.
    pub original_method: &'a str,
    /// For `{name}` operation-parameter references.
    pub arguments: &'a Arguments,
}

/// An expression could not be evaluated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot evaluate `{expression}`: {reason}")]
pub struct EvalError {
    /// The expression (or reference) as written.
    pub expression: String,
    /// Why.
    pub reason: String,
    /// The value does not exist (a missing property, index, parameter or header), as opposed
    /// to a value of the wrong shape; some templates treat a missing source as "nothing to do".
    pub missing: bool,
}

impl EvalError {
    fn missing(expression: &str, reason: impl Into<String>) -> Self {
        Self { expression: expression.to_string(), reason: reason.into(), missing: true }
    }

    fn invalid(expression: &str, reason: impl Into<String>) -> Self {
        Self { expression: expression.to_string(), reason: reason.into(), missing: false }
    }

    /// The error as the policy's runtime error.
    pub fn into_policy(self, title: &str) -> crate::policies::PolicyError {
        crate::policies::PolicyError::Evaluation {
            title: title.to_string(),
            expression: self.expression,
            reason: self.reason,
        }
    }
}

/// A value as text: strings as they are, `null` as empty, numbers and booleans in JSON form,
/// objects and arrays as compact JSON (§3.2 rule 5).
pub fn to_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `Some(s)` unless `s` is empty.
fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.is_empty())
}

impl<'a> EvalContext<'a> {
    /// Evaluates one expression to its JSON value.
    pub fn eval(&self, expr: &Expr) -> Result<Value, EvalError> {
        let src = expr.source.as_str();
        match &expr.kind {
            ExprKind::ConnectionParameter { name, default } => {
                let value = self.connection.values.get(name).filter(|v| !v.is_null());
                match (value, default) {
                    (Some(Value::String(s)), Some(d)) if s.is_empty() => {
                        Ok(Value::String(d.clone()))
                    }
                    (Some(v), _) => Ok(v.clone()),
                    (None, Some(d)) => Ok(Value::String(d.clone())),
                    (None, None) => Err(EvalError::missing(
                        src,
                        format!("connection parameter '{name}' is not set"),
                    )),
                }
            }
            ExprKind::Header { name, default } => {
                let values: Vec<&str> = self.headers.get_all(name).collect();
                let value = (!values.is_empty()).then(|| values.join(", "));
                Self::with_default(src, "header", name, value, default.as_ref())
            }
            ExprKind::QueryParameter { name, default } => {
                let value = self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
                Self::with_default(src, "query parameter", name, value, default.as_ref())
            }
            ExprKind::Path { root, steps } => self.navigate(src, *root, steps).cloned(),
            ExprKind::OriginalMethod => {
                Ok(Value::String(self.original_method.to_ascii_uppercase()))
            }
            ExprKind::EnvironmentVariable { name } => Err(EvalError::invalid(
                src,
                format!(
                    "environment variable '{name}': this runtime has no Power Platform environment"
                ),
            )),
        }
    }

    fn with_default(
        src: &str,
        what: &str,
        name: &str,
        value: Option<String>,
        default: Option<&String>,
    ) -> Result<Value, EvalError> {
        match (default, value) {
            (Some(d), v) => Ok(Value::String(non_empty(v).unwrap_or_else(|| d.clone()))),
            (None, Some(v)) => Ok(Value::String(v)),
            (None, None) => Err(EvalError::missing(src, format!("{what} '{name}' is not present"))),
        }
    }

    /// The value `root` + `steps` denotes. A missing property or index is a `missing` error;
    /// navigating through `null` or a non-container is an `invalid` one.
    pub fn navigate(&self, src: &str, root: Root, steps: &[Step]) -> Result<&'a Value, EvalError> {
        let start = match root {
            Root::Body => self.body,
            Root::Item => self.item,
            Root::TriggerBody => self.trigger_body,
        };
        let Some(mut value) = start else {
            let reason = match root {
                Root::Item => "item() is only available while a body template runs per element",
                _ => "the message has no JSON body",
            };
            return Err(EvalError::missing(src, reason));
        };
        let mut at = format!("{}()", root.function());
        for step in steps {
            value = match (value, step) {
                (Value::Object(map), Step::Prop(p)) => map.get(p).ok_or_else(|| {
                    EvalError::missing(src, format!("{at} has no property '{p}'"))
                })?,
                (Value::Array(items), Step::Index(i)) => items.get(*i).ok_or_else(|| {
                    EvalError::missing(
                        src,
                        format!("{at} has {} element(s), no index {i}", items.len()),
                    )
                })?,
                (Value::Null, _) => {
                    return Err(EvalError::invalid(
                        src,
                        format!("{at} is null, cannot read `{step}`"),
                    ));
                }
                (other, _) => {
                    return Err(EvalError::invalid(
                        src,
                        format!("{at} is {}, cannot read `{step}`", type_name(other)),
                    ));
                }
            };
            at.push_str(&step.to_string());
        }
        Ok(value)
    }

    /// The text of operation argument `name` (a `{name}` reference).
    pub fn argument_text(&self, name: &str) -> Result<String, EvalError> {
        match self.arguments.get(name) {
            Some(v) if !v.is_null() => Ok(to_text(v)),
            _ => Err(EvalError::missing(
                &format!("{{{name}}}"),
                format!("operation parameter '{name}' has no value"),
            )),
        }
    }
}
