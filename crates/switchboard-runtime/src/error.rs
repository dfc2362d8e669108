//! Invocation errors: who failed, and whether retrying is safe.

use crate::Phase;

/// Who is at fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fault {
    /// The caller: a missing or invalid parameter, an unknown operation, a bad connection file.
    Client,
    /// The backend: unreachable, timed out, or answered in a way the runtime cannot use.
    Upstream,
    /// The connector or the runtime: a policy that cannot evaluate, an unsupported feature.
    Internal,
}

/// Why an invocation failed.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct InvokeError {
    /// Who is at fault.
    pub fault: Fault,
    /// The phase that failed.
    pub phase: Phase,
    /// Whether the same call may be retried as is.
    pub retry_safe: bool,
    /// A stable machine-readable code (`MissingParameter`, `CustomCodeNotSupported`…).
    pub code: &'static str,
    /// What happened, naming the operation, parameter or policy concerned.
    pub message: String,
    /// The HTTP status a gateway would answer with (400, 404, 501, 502, 504…).
    pub status: u16,
    /// For 429 (rate limited): seconds until a retry can succeed (the `Retry-After` to send).
    pub retry_after: Option<u64>,
}

impl InvokeError {
    /// A caller error (never retry-safe as is).
    pub fn client(
        phase: Phase,
        code: &'static str,
        status: u16,
        message: impl Into<String>,
    ) -> Self {
        Self {
            fault: Fault::Client,
            phase,
            retry_safe: false,
            code,
            message: message.into(),
            status,
            retry_after: None,
        }
    }

    /// A backend error.
    pub fn upstream(
        phase: Phase,
        code: &'static str,
        status: u16,
        retry_safe: bool,
        message: impl Into<String>,
    ) -> Self {
        Self {
            fault: Fault::Upstream,
            phase,
            retry_safe,
            code,
            message: message.into(),
            status,
            retry_after: None,
        }
    }

    /// A connector or runtime error.
    pub fn internal(
        phase: Phase,
        code: &'static str,
        status: u16,
        message: impl Into<String>,
    ) -> Self {
        Self {
            fault: Fault::Internal,
            phase,
            retry_safe: false,
            code,
            message: message.into(),
            status,
            retry_after: None,
        }
    }
}

impl InvokeError {
    /// The error as a gateway's JSON error body: `{"code", "message", "fault", "phase",
    /// "retrySafe"}` (no secrets: messages never carry parameter values).
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::json!({
            "code": self.code,
            "message": self.message,
            "status": self.status,
            "fault": self.fault,
            "phase": self.phase,
            "retrySafe": self.retry_safe,
        });
        if let Some(s) = self.retry_after {
            v["retryAfter"] = s.into();
        }
        v
    }
}
