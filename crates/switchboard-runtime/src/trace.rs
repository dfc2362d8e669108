//! What an invocation did, phase by phase: the request as it stood after each phase and each
//! policy, every attempt, page and poll, and the response before and after response policies.
//! Secrets (securestring values, tokens, `Authorization`) are masked.

use std::time::Instant;

use crate::{Body, Phase, Request, Response};

/// The trace of one invocation.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Trace {
    /// Events in order.
    pub events: Vec<TraceEvent>,
}

/// One step.
#[derive(Clone, Debug, serde::Serialize)]
pub struct TraceEvent {
    /// The phase.
    pub phase: Phase,
    /// What happened (`built request`, `policy 'Accept' (setheader)`, `attempt 2: 503`…).
    pub step: String,
    /// Microseconds since the invocation started.
    pub at_us: u64,
    /// The request at this point.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestSnapshot>,
    /// The response at this point.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<ResponseSnapshot>,
}

/// A request as shown in a trace.
#[derive(Clone, Debug, serde::Serialize)]
pub struct RequestSnapshot {
    /// Method.
    pub method: String,
    /// Full URL.
    pub url: String,
    /// Headers in order.
    pub headers: Vec<(String, String)>,
    /// The body as JSON (`null` when empty).
    pub body: serde_json::Value,
}

/// A response as shown in a trace.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ResponseSnapshot {
    /// Status.
    pub status: u16,
    /// Headers in order.
    pub headers: Vec<(String, String)>,
    /// The body as JSON (`null` when empty).
    pub body: serde_json::Value,
}

/// Records events when tracing is on; costs nothing when it is off.
#[derive(Debug)]
pub(crate) struct Recorder {
    trace: Option<Trace>,
    secrets: Vec<String>,
    started: Instant,
}

impl Recorder {
    pub(crate) fn new(enabled: bool, secrets: Vec<String>) -> Self {
        Self { trace: enabled.then(Trace::default), secrets, started: Instant::now() }
    }

    pub(crate) fn into_trace(self) -> Option<Trace> {
        self.trace
    }

    /// Records a step; `request`/`response` are snapshotted (and masked) only when tracing.
    pub(crate) fn record(
        &mut self,
        phase: Phase,
        step: impl FnOnce() -> String,
        request: Option<&Request>,
        response: Option<&Response>,
    ) {
        if self.trace.is_none() {
            return;
        }
        let request = request.map(|r| RequestSnapshot {
            method: r.method.clone(),
            url: self.mask(&r.url()),
            headers: self.headers(r.headers.iter()),
            body: self.mask_json(body_json(&r.body, r.headers.get("Content-Type"))),
        });
        let response = response.map(|r| ResponseSnapshot {
            status: r.status,
            headers: self.headers(r.headers.iter()),
            body: self.mask_json(body_json(&r.body, r.headers.get("Content-Type"))),
        });
        let at_us = u64::try_from(self.started.elapsed().as_micros()).unwrap_or(u64::MAX);
        let step = self.mask(&step());
        if let Some(trace) = &mut self.trace {
            trace.events.push(TraceEvent { phase, step, at_us, request, response });
        }
    }

    fn headers<'a>(
        &self,
        headers: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Vec<(String, String)> {
        headers
            .map(|(n, v)| {
                let v = if ["authorization", "proxy-authorization", "cookie"]
                    .iter()
                    .any(|s| n.eq_ignore_ascii_case(s))
                {
                    match v.split_once(' ') {
                        Some((scheme, _)) => format!("{scheme} ***"),
                        None => "***".to_string(),
                    }
                } else {
                    self.mask(v)
                };
                (n.to_string(), v)
            })
            .collect()
    }

    fn mask_json(&self, value: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match value {
            Value::String(s) => Value::String(self.mask(&s)),
            Value::Array(items) => {
                Value::Array(items.into_iter().map(|v| self.mask_json(v)).collect())
            }
            Value::Object(map) => {
                Value::Object(map.into_iter().map(|(k, v)| (k, self.mask_json(v))).collect())
            }
            other => other,
        }
    }

    fn mask(&self, text: &str) -> String {
        let mut out = text.to_string();
        for s in &self.secrets {
            if s.len() >= 3 && out.contains(s.as_str()) {
                out = out.replace(s.as_str(), "***");
            }
            let encoded = crate::message::encode_query(s);
            if encoded != *s && encoded.len() >= 3 && out.contains(&encoded) {
                out = out.replace(&encoded, "***");
            }
        }
        out
    }
}

fn body_json(body: &Body, content_type: Option<&str>) -> serde_json::Value {
    body.to_output_json(content_type)
}
