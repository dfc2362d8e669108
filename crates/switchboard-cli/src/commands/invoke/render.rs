//! Output of `switchboard invoke`: human text or JSON.

use std::fmt::Write as _;
use std::time::Duration;

use serde_json::{Value, json};
use switchboard_runtime::policies::Effects;
use switchboard_runtime::policies::pollingtrigger::{STATE_PARAMETER, TriggerState};
use switchboard_runtime::trace::{RequestSnapshot, ResponseSnapshot};
use switchboard_runtime::{Body, DynamicValues, Headers, InvokeError, Outcome, Trace};

use super::print;
use crate::args::InvokeFormat;

/// Longest body shown inside a human trace.
const TRACE_BODY_CHARS: usize = 2_000;

pub fn outcome(format: InvokeFormat, outcome: &Outcome, with_trace: bool) -> anyhow::Result<()> {
    let r = &outcome.response;
    let body = r.body.to_output_json(r.headers.get("Content-Type"));
    match format {
        InvokeFormat::Json => {
            let mut v =
                json!({"status": r.status, "headers": headers_json(&r.headers), "body": body});
            if let Some(effects) = effects_json(&outcome.effects) {
                v["effects"] = effects;
            }
            if with_trace && let Some(t) = &outcome.trace {
                v["trace"] = serde_json::to_value(t)?;
            }
            print(&(serde_json::to_string_pretty(&v)? + "\n"))
        }
        InvokeFormat::Human => {
            let mut out = String::new();
            if with_trace && let Some(t) = &outcome.trace {
                trace_text(&mut out, t);
                out.push('\n');
            }
            writeln!(out, "HTTP {} {}", r.status, reason(r.status))?;
            for (n, v) in r.headers.iter() {
                writeln!(out, "{n}: {v}")?;
            }
            out.push('\n');
            match &r.body {
                Body::Empty => {}
                Body::Text(t) => writeln!(out, "{t}")?,
                Body::Bytes(b) => writeln!(
                    out,
                    "({} bytes of {}; --format json shows them as base64)",
                    b.len(),
                    r.headers.get("Content-Type").unwrap_or("binary data")
                )?,
                _ => writeln!(out, "{}", serde_json::to_string_pretty(&body)?)?,
            }
            print(&out)?;
            for note in effect_notes(&outcome.effects) {
                eprintln!("note: {note}");
            }
            Ok(())
        }
    }
}

/// Policy effects beyond the message, for `--format json` (`None` when there are none).
fn effects_json(effects: &Effects) -> Option<Value> {
    let mut map = serde_json::Map::new();
    if effects.connection_unauthenticated {
        map.insert("connectionUnauthenticated".into(), Value::Bool(true));
    }
    if let Some(poll) = &effects.trigger_poll {
        map.insert(
            "triggerPoll".into(),
            json!({
                "initial": poll.previous.is_none(),
                "fired": poll.fired,
                "nextState": poll.next.as_ref().map(TriggerState::encode),
            }),
        );
    }
    (!map.is_empty()).then_some(Value::Object(map))
}

/// Policy effects beyond the message, as notes after the human output.
fn effect_notes(effects: &Effects) -> Vec<String> {
    let mut notes = Vec::new();
    if effects.connection_unauthenticated {
        notes.push(
            "the backend's answer means the connection's credentials are invalid \
             (setconnectionstatustounauthenticated): the connection is Unauthenticated; fix its \
             values or sign in again"
                .to_string(),
        );
    }
    if let Some(poll) = &effects.trigger_poll {
        let what = if poll.previous.is_none() {
            "baseline poll: existing items never fire"
        } else if poll.fired {
            "new items: the trigger fires"
        } else {
            "no new items: the trigger does not fire"
        };
        let next = poll.next.as_ref().map_or_else(String::new, |s| {
            format!("; next poll: --query {STATE_PARAMETER}={}", s.encode())
        });
        notes.push(format!("polling trigger: {what}{next}"));
    }
    notes
}

pub fn error(format: InvokeFormat, e: &InvokeError, trace: Option<&Trace>) -> anyhow::Result<()> {
    match format {
        InvokeFormat::Json => {
            let mut v = json!({"error": e.to_json()});
            if let Some(t) = trace {
                v["trace"] = serde_json::to_value(t)?;
            }
            print(&(serde_json::to_string_pretty(&v)? + "\n"))
        }
        InvokeFormat::Human => {
            if let Some(t) = trace {
                let mut out = String::new();
                trace_text(&mut out, t);
                print(&out)?;
            }
            eprintln!("error[{}]: {}", e.code, e.message);
            eprintln!(
                "  = phase: {}, fault: {}, gateway status: {}, retry-safe: {}{}",
                e.phase.as_str(),
                serde_json::to_value(e.fault)?.as_str().unwrap_or(""),
                e.status,
                if e.retry_safe { "yes" } else { "no" },
                e.retry_after.map(|s| format!(", retry after: {s} s")).unwrap_or_default()
            );
            Ok(())
        }
    }
}

pub fn dynamic_values(format: InvokeFormat, values: &DynamicValues) -> anyhow::Result<()> {
    match format {
        InvokeFormat::Json => print(
            &(serde_json::to_string_pretty(
                &json!({"operation": values.operation_id, "values": values.values}),
            )? + "\n"),
        ),
        InvokeFormat::Human => {
            let mut out = String::new();
            writeln!(out, "{} value(s) from '{}':", values.values.len(), values.operation_id)?;
            for v in &values.values {
                writeln!(out, "{}\t{}", scalar(&v.value), scalar(&v.title))?;
            }
            print(&out)
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn headers_json(headers: &Headers) -> Value {
    let mut map = serde_json::Map::new();
    for (n, v) in headers.iter() {
        let key = n.to_ascii_lowercase();
        match map.get_mut(&key) {
            Some(Value::String(prev)) => {
                prev.push_str(", ");
                prev.push_str(v);
            }
            _ => {
                map.insert(key, Value::String(v.to_string()));
            }
        }
    }
    Value::Object(map)
}

fn trace_text(out: &mut String, trace: &Trace) {
    for e in &trace.events {
        let _ = writeln!(
            out,
            "[{:>8.3} ms] {:<17} {}",
            Duration::from_micros(e.at_us).as_secs_f64() * 1000.0,
            e.phase.as_str(),
            e.step
        );
        if let Some(r) = &e.request {
            request_text(out, r);
        }
        if let Some(r) = &e.response {
            response_text(out, r);
        }
    }
}

fn request_text(out: &mut String, r: &RequestSnapshot) {
    let _ = writeln!(out, "    → {} {}", r.method, r.url);
    for (n, v) in &r.headers {
        let _ = writeln!(out, "      {n}: {v}");
    }
    body_text(out, &r.body);
}

fn response_text(out: &mut String, r: &ResponseSnapshot) {
    let _ = writeln!(out, "    ← {} {}", r.status, reason(r.status));
    for (n, v) in &r.headers {
        let _ = writeln!(out, "      {n}: {v}");
    }
    body_text(out, &r.body);
}

fn body_text(out: &mut String, body: &Value) {
    if body.is_null() {
        return;
    }
    let text = body.to_string();
    let shown: String = text.chars().take(TRACE_BODY_CHARS).collect();
    let more = if shown.len() < text.len() { " …" } else { "" };
    let _ = writeln!(out, "      body: {shown}{more}");
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        409 => "Conflict",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}
