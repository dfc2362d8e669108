//! The send phase: rate limit, HTTP exchange, response parsing, retries.

use std::fmt::Write as _;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::CallCx;
use super::build::{FRAMING_HEADERS, is_json_type};
use crate::retry::{RetryPolicy, parse_retry_after};
use crate::{Body, Headers, InvokeError, Phase, Request, Response, Runtime};

/// Why one HTTP exchange failed.
pub(crate) enum Failure {
    /// The connection could not be made: the request never reached the backend.
    Connect(String),
    /// No response within the timeout.
    Timeout,
    /// Anything else on the wire (reset mid-response, protocol error).
    Transport(String),
    /// The caller's request cannot be expressed in HTTP (a header value with a newline).
    Invalid(String),
    /// The body is larger than the limit.
    TooLarge,
    /// The egress guard refused the destination (nothing was sent).
    Refused(crate::EgressRefused),
}

/// One response, with whether a JSON-typed body failed to parse.
pub(crate) struct Received {
    pub(crate) response: Response,
    pub(crate) malformed_json: bool,
}

/// Sends `request` with the retry policy; every attempt is rate limited and traced.
pub(crate) async fn with_retries(
    cx: &mut CallCx<'_>,
    request: &Request,
) -> Result<Response, InvokeError> {
    let policy = &cx.rt.options.retry;
    let retries = policy.count();
    let mut attempt: u32 = 0;
    loop {
        attempt += 1;
        admit(cx.rt, &cx.call.connection_id).await?;
        cx.backend_requests += 1;
        let result =
            send_once(cx.rt, request, &cx.connector.wire_url(request), cx.rt.options.timeout).await;
        let wait = match &result {
            Ok(r) if RetryPolicy::retries_status(r.response.status) && attempt <= retries => {
                let after = r.response.headers.get("Retry-After").and_then(parse_retry_after);
                if after.is_some_and(|a| a > cx.rt.options.max_retry_after) {
                    None
                } else {
                    Some((
                        after.unwrap_or_else(|| {
                            policy.delay(attempt, crate::clock::random_fraction())
                        }),
                        after.is_some(),
                    ))
                }
            }
            Err(Failure::Connect(_)) if attempt <= retries => {
                Some((policy.delay(attempt, crate::clock::random_fraction()), false))
            }
            _ => None,
        };
        let Some((wait, from_header)) = wait else {
            return finish(cx, request, attempt, result);
        };
        let what = match &result {
            Ok(r) => format!("HTTP {}", r.response.status),
            Err(Failure::Connect(e)) => format!("connection failed ({e})"),
            Err(_) => "failed".into(),
        };
        cx.recorder.record(
            Phase::Send,
            || {
                format!(
                    "attempt {attempt}: {what}; retry {attempt} of {retries} in {wait:?}{}",
                    if from_header { " (Retry-After)" } else { "" }
                )
            },
            (attempt == 1).then_some(request),
            result.as_ref().ok().map(|r| &r.response),
        );
        tracing::debug!(operation = %cx.op.id, attempt, wait_ms = wait.as_millis(), "retrying backend call");
        tokio::time::sleep(wait).await;
    }
}

fn finish(
    cx: &mut CallCx<'_>,
    request: &Request,
    attempt: u32,
    result: Result<Received, Failure>,
) -> Result<Response, InvokeError> {
    let op = &cx.op.id;
    match result {
        Ok(Received { response, malformed_json }) => {
            cx.recorder.record(
                Phase::Send,
                || format!("attempt {attempt}: HTTP {}", response.status),
                (attempt == 1).then_some(request),
                Some(&response),
            );
            if malformed_json && (200..300).contains(&response.status) {
                return Err(InvokeError::upstream(
                    Phase::Send,
                    "MalformedResponse",
                    502,
                    false,
                    format!(
                        "the backend answered operation '{op}' with HTTP {} and a {} body that is not valid JSON",
                        response.status,
                        response.headers.get("Content-Type").unwrap_or("JSON")
                    ),
                ));
            }
            Ok(response)
        }
        Err(f) => {
            let idempotent =
                matches!(request.method.as_str(), "GET" | "HEAD" | "OPTIONS" | "PUT" | "DELETE");
            let host = url::Url::parse(&request.base_url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_string))
                .unwrap_or_default();
            let err = match f {
                Failure::Connect(e) => InvokeError::upstream(
                    Phase::Send,
                    "BackendUnreachable",
                    502,
                    true,
                    format!(
                        "the backend of operation '{op}' at {host} could not be reached after {attempt} attempt(s): {e}"
                    ),
                ),
                Failure::Timeout => InvokeError::upstream(
                    Phase::Send,
                    "BackendTimeout",
                    504,
                    idempotent,
                    format!(
                        "the backend of operation '{op}' at {host} did not answer within {:?}",
                        cx.rt.options.timeout
                    ),
                ),
                Failure::Transport(e) => InvokeError::upstream(
                    Phase::Send,
                    "BackendTransportError",
                    502,
                    idempotent,
                    format!(
                        "the exchange with the backend of operation '{op}' at {host} failed: {e}"
                    ),
                ),
                Failure::TooLarge => InvokeError::upstream(
                    Phase::Send,
                    "ResponseTooLarge",
                    502,
                    false,
                    format!(
                        "the backend's response to operation '{op}' is larger than {} bytes",
                        cx.rt.options.max_body_bytes
                    ),
                ),
                Failure::Refused(refused) => crate::egress::refused_error(
                    Phase::Send,
                    &format!("operation '{op}'"),
                    &refused,
                ),
                Failure::Invalid(e) => InvokeError::client(
                    Phase::Send,
                    "InvalidRequest",
                    400,
                    format!("operation '{op}': the request cannot be sent: {e}"),
                ),
            };
            cx.recorder.record(
                Phase::Send,
                || format!("attempt {attempt}: {}", err.message),
                Some(request),
                None,
            );
            Err(err)
        }
    }
}

/// Takes one unit of the connection's rate-limit budget, or fails with 429.
pub(crate) async fn admit(rt: &Runtime, connection_id: &str) -> Result<(), InvokeError> {
    match rt.limiter.acquire(connection_id).await {
        Ok(()) => Ok(()),
        Err(wait) => {
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let mut e = InvokeError::client(
                Phase::Send,
                "RateLimited",
                429,
                format!(
                    "connection '{connection_id}' is over its limit of {} requests per {:?}; retry in {secs} s",
                    rt.options.rate_limit, rt.options.rate_limit_period
                ),
            );
            e.retry_safe = true;
            e.retry_after = Some(secs.max(1));
            Err(e)
        }
    }
}

/// One HTTP exchange of `request`, sent to `url` (its [`Request::url`], rerouted by the
/// connector's origin redirects).
pub(crate) async fn send_once(
    rt: &Runtime,
    request: &Request,
    url: &str,
    timeout: Duration,
) -> Result<Received, Failure> {
    let method = reqwest::Method::from_bytes(request.method.as_bytes())
        .map_err(|_| Failure::Invalid(format!("'{}' is not an HTTP method", request.method)))?;
    let mut headers = HeaderMap::with_capacity(request.headers.len() + 1);
    let (body, content_type) = encode_body(&request.body, request.headers.get("Content-Type"));
    for (name, value) in request.headers.iter() {
        if FRAMING_HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h))
            || name.eq_ignore_ascii_case("content-type")
        {
            continue;
        }
        let n = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Failure::Invalid(format!("'{name}' is not a valid header name")))?;
        let v = HeaderValue::from_str(value).map_err(|_| {
            Failure::Invalid(format!("the value of header '{name}' is not valid in HTTP"))
        })?;
        headers.append(n, v);
    }
    if let Some(ct) = content_type {
        let v = HeaderValue::from_str(&ct)
            .map_err(|_| Failure::Invalid("the Content-Type value is not valid in HTTP".into()))?;
        headers.insert(reqwest::header::CONTENT_TYPE, v);
    }
    rt.http.check(url).map_err(Failure::Refused)?;
    let mut builder = rt.http.client().request(method, url).headers(headers).timeout(timeout);
    if let Some(body) = body {
        builder = builder.body(body);
    }
    let mut response = builder.send().await.map_err(|e| classify(&e))?;
    let status = response.status().as_u16();
    let mut out_headers = Headers::new();
    for (n, v) in response.headers() {
        out_headers.append(n.as_str(), String::from_utf8_lossy(v.as_bytes()));
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| classify(&e))? {
        if bytes.len() + chunk.len() > rt.options.max_body_bytes {
            return Err(Failure::TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    let (body, malformed_json) = decode_body(bytes, out_headers.get("Content-Type"));
    Ok(Received { response: Response { status, headers: out_headers, body }, malformed_json })
}

fn classify(e: &reqwest::Error) -> Failure {
    if let Some(refused) = crate::egress::refusal(e) {
        Failure::Refused(refused.clone())
    } else if e.is_timeout() {
        Failure::Timeout
    } else if e.is_connect() {
        Failure::Connect(root_cause(e))
    } else {
        Failure::Transport(root_cause(e))
    }
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// The wire bytes and Content-Type of a body.
fn encode_body(body: &Body, content_type: Option<&str>) -> (Option<Vec<u8>>, Option<String>) {
    let ct = |default: &str| Some(content_type.unwrap_or(default).to_string());
    match body {
        Body::Empty => (None, content_type.map(str::to_string)),
        Body::Json(v) => (serde_json::to_vec(v).ok(), ct("application/json")),
        Body::Text(t) => (Some(t.clone().into_bytes()), ct("text/plain; charset=utf-8")),
        Body::Bytes(b) => (Some(b.clone()), ct("application/octet-stream")),
        Body::Form(fields) => {
            let text: Vec<String> = fields
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{}={}",
                        crate::message::encode_query(k),
                        crate::message::encode_query(v)
                    )
                })
                .collect();
            (Some(text.join("&").into_bytes()), ct("application/x-www-form-urlencoded"))
        }
        Body::Multipart(parts) => {
            let boundary = format!("switchboard-{:016x}", crate::clock::random_u64());
            let mut out = Vec::new();
            for p in parts {
                out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
                let mut disposition = format!(
                    "Content-Disposition: form-data; name=\"{}\"",
                    p.name.replace('"', "%22")
                );
                if let Some(f) = &p.file_name {
                    let _ = write!(disposition, "; filename=\"{}\"", f.replace('"', "%22"));
                }
                out.extend_from_slice(disposition.as_bytes());
                out.extend_from_slice(b"\r\n");
                if let Some(ct) = &p.content_type {
                    out.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
                }
                out.extend_from_slice(b"\r\n");
                out.extend_from_slice(&p.data);
                out.extend_from_slice(b"\r\n");
            }
            out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
            (Some(out), Some(format!("multipart/form-data; boundary={boundary}")))
        }
    }
}

/// Parses a response body by the response's Content-Type (not by `produces`).
pub(crate) fn decode_body(bytes: Vec<u8>, content_type: Option<&str>) -> (Body, bool) {
    if bytes.is_empty() {
        return (Body::Empty, false);
    }
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    if is_json_type(&ct) {
        return match serde_json::from_slice(&bytes) {
            Ok(v) => (Body::Json(v), false),
            Err(_) => (Body::Text(String::from_utf8_lossy(&bytes).into_owned()), true),
        };
    }
    let textual = ct.starts_with("text/")
        || ct.contains("xml")
        || ct.contains("javascript")
        || ct.contains("x-www-form-urlencoded")
        || ct.is_empty();
    if textual {
        match String::from_utf8(bytes) {
            Ok(s) => (Body::Text(s), false),
            Err(e) => (Body::Bytes(e.into_bytes()), false),
        }
    } else {
        (Body::Bytes(bytes), false)
    }
}
