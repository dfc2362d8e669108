//! What a caller asks for ([`Call`]) and gets back ([`Outcome`]).

use std::collections::BTreeMap;

use crate::policies::Effects;
use crate::{OAuthToken, Response, Trace};

/// When to wait for a long-running operation (`202 Accepted` + `Location`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LroMode {
    /// Poll for operations marked `x-ms-long-running-operation` (the default).
    #[default]
    Declared,
    /// Poll for any operation that answers 202 with a `Location` (what Logic Apps does).
    Always,
    /// Return the 202 as is.
    Never,
}

/// One invocation request.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// The `operationId`.
    pub operation_id: String,
    /// Parameter values by parameter name (the body parameter by its name or as `body`).
    pub arguments: BTreeMap<String, serde_json::Value>,
    /// The body parameter's value; wins over `arguments`.
    pub body: Option<serde_json::Value>,
    /// Query parameters the swagger does not declare, forwarded after the declared ones.
    pub extra_query: Vec<(String, String)>,
    /// Invocation context for platform headers an operation declares (`x-ms-workflow-name`,
    /// `x-ms-workflow-run-id`, `x-ms-environment-id`, `x-ms-correlation-id`…), by header name.
    pub context: BTreeMap<String, String>,
    /// The connection's id: the rate-limit and token-cache key.
    pub connection_id: String,
    /// Pages fetched at most for `x-ms-pageable` operations (1: no paging).
    pub max_pages: u32,
    /// Long-running operation handling.
    pub lro: LroMode,
    /// Record a [`Trace`].
    pub trace: bool,
    /// The public URL of this runtime when it serves HTTP, for links that must route back
    /// through it (`updatenextlink`); `None` from the CLI.
    pub public_base_url: Option<String>,
    /// The URL the caller invoked, when over HTTP (polling-trigger `Location` headers).
    pub inbound_url: Option<String>,
}

impl Call {
    /// A call of `operation_id` with no arguments.
    pub fn new(operation_id: impl Into<String>) -> Self {
        Self {
            operation_id: operation_id.into(),
            arguments: BTreeMap::new(),
            body: None,
            extra_query: Vec::new(),
            context: BTreeMap::new(),
            connection_id: "default".into(),
            max_pages: 50,
            lro: LroMode::Declared,
            trace: false,
            public_base_url: None,
            inbound_url: None,
        }
    }

    /// Adds an argument.
    #[must_use]
    pub fn arg(mut self, name: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.arguments.insert(name.into(), value.into());
        self
    }

    /// Sets the body.
    #[must_use]
    pub fn with_body(mut self, body: serde_json::Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Turns tracing on.
    #[must_use]
    pub fn traced(mut self) -> Self {
        self.trace = true;
        self
    }

    /// Sets the connection id.
    #[must_use]
    pub fn on_connection(mut self, id: impl Into<String>) -> Self {
        self.connection_id = id.into();
        self
    }
}

/// What an invocation produced.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The response after response policies (pages merged, long-running operation completed).
    pub response: Response,
    /// A token obtained during the call (refresh or client credentials): store it with the
    /// connection.
    pub refreshed_token: Option<OAuthToken>,
    /// Effects of policies beyond the message.
    pub effects: Effects,
    /// Backend requests sent (attempts, pages and polls).
    pub backend_requests: u32,
    /// The trace, when asked for.
    pub trace: Option<Trace>,
}
