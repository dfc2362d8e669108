//! Issue item 4, retries, rate limit, timeouts and failures (spec §7; checklist 55–57):
//! backend down, timeout, 429 with Retry-After, malformed JSON.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{Backend, Reply, closed_port_url, connection, fixture, runtime, runtime_with};
use serde_json::json;
use switchboard_runtime::{Call, CompiledConnector, Fault, Phase, RetryPolicy};

fn simple(url: &str) -> CompiledConnector {
    fixture(
        "simple",
        json!({"paths": {
            "/items": {
                "get": {"operationId": "ListItems", "responses": {}},
                "post": {"operationId": "CreateItem", "parameters": [{"name": "body", "in": "body", "schema": {"type": "object"}}], "responses": {}}
            }
        }}),
        json!(null),
        url,
    )
}

#[tokio::test]
async fn retries_5xx_and_408_then_succeeds_with_each_retry_traced() {
    let backend = Backend::start(|_, i| match i {
        0 => Reply::json(503, json!({})),
        1 => Reply::json(408, json!({})),
        _ => Reply::json(200, json!({"ok": true})),
    })
    .await;
    let c = simple(&backend.url());
    let (result, trace) =
        runtime().invoke_traced(&c, &connection(json!({})), Call::new("ListItems").traced()).await;
    let out = result.unwrap();
    assert_eq!(out.response.status, 200);
    assert_eq!(out.backend_requests, 3);
    let sends: Vec<&str> =
        trace.events.iter().filter(|e| e.phase == Phase::Send).map(|e| e.step.as_str()).collect();
    assert_eq!(sends.len(), 3, "{sends:?}");
    assert!(sends[0].starts_with("attempt 1: HTTP 503; retry 1 of 2"), "{sends:?}");
    assert!(sends[1].starts_with("attempt 2: HTTP 408; retry 2 of 2"), "{sends:?}");
    assert_eq!(sends[2], "attempt 3: HTTP 200");
}

#[tokio::test]
async fn retry_after_takes_precedence_and_is_preserved_when_retries_run_out() {
    // Checklist 57: the last 429's Retry-After reaches the caller.
    let backend = Backend::start(|_, _| {
        Reply::json(429, json!({"error": "slow down"})).header("Retry-After", "0")
    })
    .await;
    let c = simple(&backend.url());
    // A computed interval of an hour would hang the test: Retry-After (0 s) must win.
    let rt = runtime_with(|o| {
        o.retry = RetryPolicy::Fixed { interval: Duration::from_secs(3600), count: 2 }
    });
    let (result, trace) =
        rt.invoke_traced(&c, &connection(json!({})), Call::new("ListItems").traced()).await;
    let out = result.unwrap();
    assert_eq!(out.response.status, 429);
    assert_eq!(out.response.headers.get("retry-after"), Some("0"));
    assert_eq!(backend.count(), 3);
    assert!(
        trace.events.iter().any(|e| e.step.contains("in 0ns (Retry-After)")),
        "{:?}",
        trace.events
    );
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_is_returned_not_waited_for() {
    let backend =
        Backend::start(|_, _| Reply::json(503, json!({})).header("Retry-After", "86400")).await;
    let c = simple(&backend.url());
    let out = runtime().invoke(&c, &connection(json!({})), Call::new("ListItems")).await.unwrap();
    assert_eq!(out.response.status, 503);
    assert_eq!(out.response.headers.get("Retry-After"), Some("86400"));
    assert_eq!(backend.count(), 1);
}

#[tokio::test]
async fn no_retry_policy_and_non_retried_statuses() {
    let backend = Backend::start(|_, _| Reply::json(500, json!({}))).await;
    let c = simple(&backend.url());
    let rt = runtime_with(|o| o.retry = RetryPolicy::None);
    assert_eq!(
        rt.invoke(&c, &connection(json!({})), Call::new("ListItems"))
            .await
            .unwrap()
            .response
            .status,
        500
    );
    assert_eq!(backend.count(), 1);

    let backend = Backend::start(|_, _| Reply::json(404, json!({"error": "nope"}))).await;
    let c = simple(&backend.url());
    let out = runtime().invoke(&c, &connection(json!({})), Call::new("ListItems")).await.unwrap();
    assert_eq!(out.response.status, 404);
    assert_eq!(backend.count(), 1);
}

#[tokio::test]
async fn backend_down_is_retried_then_a_502_naming_the_operation() {
    let c = simple(&closed_port_url());
    let (result, trace) =
        runtime().invoke_traced(&c, &connection(json!({})), Call::new("ListItems").traced()).await;
    let e = result.unwrap_err();
    assert_eq!(
        (e.status, e.code, e.fault, e.phase),
        (502, "BackendUnreachable", Fault::Upstream, Phase::Send)
    );
    assert!(e.retry_safe);
    assert!(
        e.message.contains("'ListItems'") && e.message.contains("3 attempt(s)"),
        "{}",
        e.message
    );
    let retries = trace.events.iter().filter(|e| e.step.contains("connection failed")).count();
    assert_eq!(retries, 2);
}

#[tokio::test]
async fn timeout_is_a_504_naming_the_operation() {
    // Checklist 56, with a 200 ms timeout instead of 120 s.
    let backend =
        Backend::start(|_, _| Reply::json(200, json!({})).after(Duration::from_secs(5))).await;
    let c = simple(&backend.url());
    let rt = runtime_with(|o| o.timeout = Duration::from_millis(200));
    let e = rt
        .invoke(&c, &connection(json!({})), Call::new("CreateItem").with_body(json!({})))
        .await
        .unwrap_err();
    assert_eq!((e.status, e.code, e.fault), (504, "BackendTimeout", Fault::Upstream));
    assert!(!e.retry_safe, "a POST that timed out may have happened");
    assert!(e.message.contains("'CreateItem'") && e.message.contains("200ms"), "{}", e.message);
    // Timeouts are not retried: the request may have been processed.
    assert_eq!(backend.count(), 1);
}

#[tokio::test]
async fn malformed_json_is_a_502() {
    let backend = Backend::start(|_, _| Reply::raw(200, "application/json", "{\"a\": ")).await;
    let c = simple(&backend.url());
    let e = runtime().invoke(&c, &connection(json!({})), Call::new("ListItems")).await.unwrap_err();
    assert_eq!((e.status, e.code, e.fault), (502, "MalformedResponse", Fault::Upstream));
    assert!(
        e.message.contains("'ListItems'") && e.message.contains("not valid JSON"),
        "{}",
        e.message
    );

    // An error page mislabelled as JSON is passed through as text.
    let backend =
        Backend::start(|_, _| Reply::raw(500, "application/json", "<html>oops</html>")).await;
    let c = simple(&backend.url());
    let rt = runtime_with(|o| o.retry = RetryPolicy::None);
    let out = rt.invoke(&c, &connection(json!({})), Call::new("ListItems")).await.unwrap();
    assert_eq!(out.response.body, switchboard_runtime::Body::Text("<html>oops</html>".into()));
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after_instead_of_queueing() {
    // Checklist 55 with a 2-per-minute bucket (the 500-per-minute default is unit-tested in
    // rate_limit.rs).
    let backend = Backend::ok().await;
    let c = simple(&backend.url());
    let rt = runtime_with(|o| o.rate_limit = 2);
    let conn = connection(json!({}));
    for _ in 0..2 {
        rt.invoke(&c, &conn, Call::new("ListItems").on_connection("A")).await.unwrap();
    }
    let e = rt.invoke(&c, &conn, Call::new("ListItems").on_connection("A")).await.unwrap_err();
    assert_eq!((e.status, e.code, e.fault), (429, "RateLimited", Fault::Client));
    assert!(e.retry_safe);
    let after = e.retry_after.unwrap();
    assert!((1..=30).contains(&after), "{after}");
    assert!(e.message.contains("connection 'A'"), "{}", e.message);
    assert_eq!(e.to_json()["retryAfter"], json!(after));
    assert_eq!(backend.count(), 2);
    // Other connections are unaffected.
    rt.invoke(&c, &conn, Call::new("ListItems").on_connection("B")).await.unwrap();
    assert_eq!(backend.count(), 3);
}
