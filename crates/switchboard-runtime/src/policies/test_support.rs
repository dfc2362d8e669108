//! Test support for the template tests: real instances from the corpus, a call fixture that
//! runs policies the way the pipeline does, and a fake side-call sender.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Mutex;

use serde_json::Value;

use super::expression::Arguments;
use super::{Effects, Policy, PolicyContext, PolicyError, SideCall, Stage};
use crate::{Body, Connection, Headers, InvokeError, Request, Response};

/// `../shared/corpus/powerplatform` (or `$SWITCHBOARD_CORPUS`).
pub(crate) fn corpus() -> PathBuf {
    std::env::var_os("SWITCHBOARD_CORPUS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/powerplatform"),
        PathBuf::from,
    )
}

/// The `policyTemplateInstances` of a corpus connector (certified or custom folder).
pub(crate) fn instances(connector: &str) -> Vec<Value> {
    let root = corpus();
    let path = ["certified-connectors", "custom-connectors"]
        .iter()
        .map(|group| root.join(group).join(connector).join("apiProperties.json"))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("connector {connector} not in the corpus at {}", root.display()));
    let bytes = std::fs::read(&path).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let json: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
    json["properties"]["policyTemplateInstances"].as_array().unwrap().clone()
}

/// Builds the instance of `connector` titled `title`.
pub(crate) fn policy(connector: &str, title: &str) -> Box<dyn Policy> {
    let all = instances(connector);
    let (index, instance) = all
        .iter()
        .enumerate()
        .find(|(_, i)| i["title"] == title)
        .unwrap_or_else(|| panic!("{connector} has no instance titled {title:?}"));
    super::build(index, instance).unwrap_or_else(|e| panic!("{connector}: {e}"))
}

/// Builds every instance of `connector`, in order.
pub(crate) fn policies(connector: &str) -> Vec<Box<dyn Policy>> {
    instances(connector)
        .iter()
        .enumerate()
        .map(|(i, v)| super::build(i, v).unwrap_or_else(|e| panic!("{connector}: {e}")))
        .collect()
}

/// Builds an instance given inline.
pub(crate) fn inline(instance: &Value) -> Result<Box<dyn Policy>, super::BuildError> {
    super::build(0, instance)
}

/// Answers side calls from a queue and records what was sent.
#[derive(Default)]
pub(crate) struct FakeSideCall {
    pub responses: Mutex<VecDeque<Response>>,
    pub sent: Mutex<Vec<Request>>,
}

#[async_trait::async_trait]
impl SideCall for FakeSideCall {
    async fn send(&self, request: Request) -> Result<Response, InvokeError> {
        self.sent.lock().unwrap().push(request);
        Ok(self.responses.lock().unwrap().pop_front().expect("an unexpected side call"))
    }
}

/// A JSON response.
pub(crate) fn json_response(status: u16, body: Value) -> Response {
    let mut headers = Headers::new();
    headers.append("Content-Type", "application/json");
    Response { status, headers, body: Body::Json(body) }
}

/// One call of an operation: everything a `PolicyContext` borrows.
pub(crate) struct Call {
    pub operation_id: String,
    pub original_method: String,
    pub arguments: Arguments,
    pub connection: Connection,
    pub request: Request,
    pub response: Option<Response>,
    pub side: FakeSideCall,
    pub effects: Effects,
    pub public_base_url: Option<String>,
    pub inbound_url: Option<String>,
}

impl Call {
    /// A call of `operation_id`: `method base_url path`, no query, headers or body.
    pub fn new(operation_id: &str, method: &str, base_url: &str, path: &str) -> Self {
        Self {
            operation_id: operation_id.into(),
            original_method: method.into(),
            arguments: Arguments::new(),
            connection: Connection::default(),
            request: Request {
                method: method.into(),
                base_url: base_url.into(),
                path: path.into(),
                query: Vec::new(),
                headers: Headers::new(),
                body: Body::Empty,
            },
            response: None,
            side: FakeSideCall::default(),
            effects: Effects::default(),
            public_base_url: None,
            inbound_url: None,
        }
    }

    pub fn connection(mut self, values: Value) -> Self {
        self.connection = serde_json::from_value(values).unwrap();
        self
    }

    pub fn arguments(mut self, values: Value) -> Self {
        self.arguments = serde_json::from_value(values).unwrap();
        self
    }

    pub fn body(mut self, body: Value) -> Self {
        self.request.body = Body::Json(body);
        self
    }

    /// Runs one policy, whatever its scope and stage.
    pub fn apply(&mut self, policy: &dyn Policy) -> Result<(), PolicyError> {
        let mut cx = PolicyContext {
            operation_id: &self.operation_id,
            original_method: &self.original_method,
            arguments: &self.arguments,
            connection: &self.connection,
            request: &mut self.request,
            response: self.response.as_mut(),
            side_call: &self.side,
            effects: &mut self.effects,
            public_base_url: self.public_base_url.as_deref(),
            inbound_url: self.inbound_url.as_deref(),
        };
        block_on(policy.apply(&mut cx))
    }

    /// Runs, in order, the policies that apply to this operation in `stage` (as the pipeline
    /// does).
    pub fn run(&mut self, policies: &[Box<dyn Policy>], stage: Stage) -> Result<(), PolicyError> {
        for p in policies {
            if p.runs_in(stage) && p.scope().applies_to(&self.operation_id) {
                self.apply(p.as_ref())?;
            }
        }
        Ok(())
    }

    /// The request body as JSON.
    pub fn request_json(&self) -> &Value {
        self.request.body.as_json().expect("a JSON request body")
    }

    /// The response body as JSON.
    pub fn response_json(&self) -> &Value {
        self.response.as_ref().and_then(|r| r.body.as_json()).expect("a JSON response body")
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
}
