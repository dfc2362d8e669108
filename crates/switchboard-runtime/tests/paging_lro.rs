//! Issue item 4, paging (`x-ms-pageable`, spec §5.1; checklist 48) and long-running
//! operations (`202` + `Location` + `Retry-After`, spec §5.2; checklist 49).

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{Backend, Reply, connection, corpus_connector, fixture, runtime, runtime_with};
use serde_json::json;
use switchboard_runtime::{Body, Call, LroMode};

fn token() -> switchboard_runtime::Connection {
    connection(json!({"token": {"access_token": "at"}}))
}

#[tokio::test]
async fn office365groups_members_are_merged_across_next_links() {
    // Office365Groups' ListGroupMembers is pageable on `@odata.nextLink` (item array `value`).
    let backend = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let base = backend.clone();
    let server = Backend::start(move |r, _| {
        let me = base.get().unwrap();
        match r.query_param("$skiptoken").as_deref() {
            None => Reply::json(200, json!({"@odata.context": "ctx", "value": [{"id": 1}, {"id": 2}], "@odata.nextLink": format!("{me}/v1.0/groups/g1/members?$skiptoken=p2")})),
            Some("p2") => Reply::json(200, json!({"value": [{"id": 3}], "@odata.nextLink": "/v1.0/groups/g1/members?$skiptoken=p3"})),
            _ => Reply::json(200, json!({"value": [{"id": 4}]})),
        }
    })
    .await;
    backend.set(server.url()).unwrap();
    let c = corpus_connector("custom-connectors/Office365Groups", &server.url());
    let (result, trace) = runtime()
        .invoke_traced(&c, &token(), Call::new("ListGroupMembers").arg("groupId", "g1").traced())
        .await;
    let out = result.unwrap();
    assert_eq!(
        out.response.body,
        Body::Json(
            json!({"@odata.context": "ctx", "value": [{"id": 1}, {"id": 2}, {"id": 3}, {"id": 4}]})
        )
    );
    assert_eq!(out.backend_requests, 3);
    let reqs = server.requests();
    assert!(reqs.iter().all(|r| r.header("authorization") == Some("Bearer at")));
    assert_eq!(reqs[2].query_param("$skiptoken").as_deref(), Some("p3"));
    assert!(trace.events.iter().any(|e| e.step == "merged 3 page(s): 4 item(s) in 'value'"));

    // A page limit stops early and keeps the next link.
    let mut call = Call::new("ListGroupMembers").arg("groupId", "g1");
    call.max_pages = 2;
    let out = runtime().invoke(&c, &token(), call).await.unwrap();
    let body = out.response.body.as_json().unwrap();
    assert_eq!(body["value"].as_array().unwrap().len(), 3);
    assert!(body["@odata.nextLink"].as_str().unwrap().ends_with("$skiptoken=p3"));

    // max_pages 1: the first page as the backend sent it.
    let mut call = Call::new("ListGroupMembers").arg("groupId", "g1");
    call.max_pages = 1;
    let out = runtime().invoke(&c, &token(), call).await.unwrap();
    assert_eq!(out.response.body.as_json().unwrap()["value"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn next_links_to_another_origin_are_refused() {
    let server = Backend::start(|_, _| {
        Reply::json(200, json!({"value": [1], "@odata.nextLink": "https://evil.example.net/steal"}))
    })
    .await;
    let c = corpus_connector("custom-connectors/Office365Groups", &server.url());
    let e = runtime()
        .invoke(&c, &token(), Call::new("ListGroupMembers").arg("groupId", "g1"))
        .await
        .unwrap_err();
    assert_eq!((e.status, e.code), (502, "UnfollowableLink"));
    assert!(e.message.contains("another origin"), "{}", e.message);
    assert_eq!(server.count(), 1);
}

fn lro_fixture(url: &str) -> switchboard_runtime::CompiledConnector {
    fixture(
        "lro",
        json!({
            "securityDefinitions": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
            "paths": {
                "/jobs": {"post": {"operationId": "StartJob", "x-ms-long-running-operation": true, "responses": {}}},
                "/plain": {"post": {"operationId": "StartPlain", "responses": {}}}
            }
        }),
        json!({"properties": {"connectionParameters": {"api_key": {"type": "securestring"}}}}),
        url,
    )
}

#[tokio::test]
async fn long_running_operation_polls_location_until_done() {
    let server = Backend::start(|r, i| match (r.method.as_str(), i) {
        ("POST", _) => {
            Reply::empty(202).header("Location", "/v1/jobs/7/status").header("Retry-After", "0")
        }
        ("GET", 1) => Reply::json(202, json!({"status": "running"})).header("Retry-After", "0"),
        _ => Reply::json(200, json!({"status": "done", "id": 7})),
    })
    .await;
    let c = lro_fixture(&server.url());
    let conn = connection(json!({"api_key": "k"}));
    let (result, trace) = runtime().invoke_traced(&c, &conn, Call::new("StartJob").traced()).await;
    let out = result.unwrap();
    assert_eq!(out.response.status, 200);
    assert_eq!(out.response.body, Body::Json(json!({"status": "done", "id": 7})));
    let reqs = server.requests();
    assert_eq!(reqs.len(), 3);
    assert_eq!((reqs[1].method.as_str(), reqs[1].path.as_str()), ("GET", "/v1/jobs/7/status"));
    // Status polls carry the connection's credentials.
    assert!(reqs.iter().all(|r| r.header("x-key") == Some("k")));
    assert!(trace.events.iter().any(|e| e.step.starts_with("status poll 2: GET")));
    assert!(trace.events.iter().any(|e| e.step.contains("finished after 2 poll(s): HTTP 200")));

    // Undeclared operations return the 202 unless asked to wait.
    let server2 = Backend::start(|_, _| {
        Reply::empty(202).header("Location", "/v1/x").header("Retry-After", "0")
    })
    .await;
    let c2 = lro_fixture(&server2.url());
    let out = runtime().invoke(&c2, &conn, Call::new("StartPlain")).await.unwrap();
    assert_eq!(out.response.status, 202);
    assert_eq!(out.response.headers.get("location"), Some("/v1/x"));
    let mut never = Call::new("StartJob");
    never.lro = LroMode::Never;
    assert_eq!(runtime().invoke(&c2, &conn, never).await.unwrap().response.status, 202);
    assert_eq!(server2.count(), 2);
}

#[tokio::test]
async fn long_running_operation_times_out_with_a_504() {
    // No Retry-After: the default interval (10 ms here, 20 s by default) applies.
    let server = Backend::start(|_, _| Reply::empty(202).header("Location", "/v1/jobs/1")).await;
    let c = lro_fixture(&server.url());
    let rt = runtime_with(|o| {
        o.lro_timeout = Duration::from_millis(100);
        o.lro_default_interval = Duration::from_millis(10);
    });
    let mut call = Call::new("StartPlain");
    call.lro = LroMode::Always;
    let e = rt.invoke(&c, &connection(json!({"api_key": "k"})), call).await.unwrap_err();
    assert_eq!((e.status, e.code), (504, "LongRunningTimeout"));
    assert!(
        e.message.contains("'StartPlain'") && e.message.contains("still running"),
        "{}",
        e.message
    );
    assert!(server.count() >= 2);
}
