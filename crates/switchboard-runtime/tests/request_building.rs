//! Issue item 1, request building (spec §1; checklist 5, 7, 9–15) against a recording
//! loopback backend.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Backend, Reply, connection, corpus_connector, fixture, runtime};
use serde_json::json;
use switchboard_runtime::{Body, Call, CompileOptions, Fault, Phase, build_request};

#[tokio::test]
async fn datelist_sends_internal_header_defaults_and_the_api_key() {
    // Datelist declares internal required `Accept` and `Content-type` headers with defaults
    // (checklist 10) and an apiKey header named Authorization (checklist 16).
    let backend = Backend::start(|_, _| Reply::json(200, json!([{"id": 1}]))).await;
    let c = corpus_connector("custom-connectors/Datelist", &backend.url());
    let out = runtime()
        .invoke(&c, &connection(json!({"api_key": "k-123"})), Call::new("ListCalendars"))
        .await
        .unwrap();
    assert_eq!(out.response.status, 200);
    assert_eq!(out.response.body, Body::Json(json!([{"id": 1}])));
    let r = &backend.requests()[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/calendars"));
    assert_eq!(r.header("accept"), Some("application/json"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("authorization"), Some("k-123"));
    assert!(r.header("x-ms-client-request-id").is_some());
}

#[tokio::test]
async fn base_url_keeps_base_path_with_one_slash() {
    // Checklist 5: scheme + host replaced by the override, basePath `/api/external/` kept.
    let backend = Backend::ok().await;
    let c = corpus_connector("certified-connectors/DataScope", &format!("{}/", backend.url()));
    assert_eq!(c.base_url, format!("{}/api/external", backend.url()));
    runtime()
        .invoke(&c, &connection(json!({"api_key": "k"})), Call::new("Form-list"))
        .await
        .unwrap();
    assert_eq!(backend.requests()[0].path, "/api/external/tasks_forms_flow");
}

fn params_fixture(url: &str) -> switchboard_runtime::CompiledConnector {
    fixture(
        "params",
        json!({
            "paths": {
                "/items/{id}/sub('{key}')/{a}:{b}": {
                    "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
                    "get": {
                        "operationId": "GetItem",
                        "parameters": [
                            {"name": "key", "in": "path", "required": true, "type": "string"},
                            {"name": "a", "in": "path", "required": true, "type": "string"},
                            {"name": "b", "in": "path", "required": true, "type": "integer"},
                            {"name": "csv", "in": "query", "type": "array", "items": {"type": "string"}},
                            {"name": "ssv", "in": "query", "type": "array", "collectionFormat": "ssv", "items": {"type": "string"}},
                            {"name": "tsv", "in": "query", "type": "array", "collectionFormat": "tsv", "items": {"type": "string"}},
                            {"name": "pipes", "in": "query", "type": "array", "collectionFormat": "pipes", "items": {"type": "string"}},
                            {"name": "multi", "in": "query", "type": "array", "collectionFormat": "multi", "items": {"type": "integer"}},
                            {"name": "flag", "in": "query", "type": "boolean"},
                            {"name": "top", "in": "query", "type": "integer", "default": 10},
                            {"name": "mode", "in": "query", "type": "string", "required": true, "default": "fast"},
                            {"name": "api-version", "in": "query", "type": "string", "x-ms-visibility": "internal", "default": "2024-01-01"},
                            {"name": "X-Tags", "in": "header", "type": "array", "items": {"type": "string"}},
                            {"name": "x-ms-workflow-name", "in": "header", "type": "string", "required": true, "x-ms-visibility": "internal"},
                            {"name": "Content-Length", "in": "header", "type": "string"},
                            {"name": "color", "in": "query", "type": "string", "enum": ["red", "blue"]}
                        ],
                        "responses": {"200": {"description": "ok"}}
                    }
                }
            }
        }),
        serde_json::Value::Null,
        url,
    )
}

#[tokio::test]
async fn path_query_and_header_parameters_are_placed_and_serialized() {
    let backend = Backend::ok().await;
    let c = params_fixture(&backend.url());
    let mut call = Call::new("GetItem")
        .arg("id", "a/b c")
        .arg("key", "k'1")
        .arg("a", "x")
        .arg("b", 7)
        .arg("csv", json!(["a", "b,c"]))
        .arg("ssv", json!(["a", "b"]))
        .arg("tsv", json!(["a", "b"]))
        .arg("pipes", json!(["a", "b"]))
        .arg("multi", json!([1, 2]))
        .arg("flag", true)
        .arg("X-Tags", json!(["t1", "t2"]))
        .arg("Content-Length", "999")
        .arg("color", "green");
    call.extra_query.push(("$expand".into(), "all".into()));
    call.context.insert("x-ms-workflow-name".into(), "wf-1".into());
    let (result, trace) = runtime().invoke_traced(&c, &connection(json!({})), call.traced()).await;
    result.unwrap();
    let r = &backend.requests()[0];
    // Checklist 7 and intra-segment templates.
    assert_eq!(r.path, "/v1/items/a%2Fb%20c/sub('k%271')/x:7");
    // Checklist 9: collection formats; 10: internal default sent, visible optional default
    // not sent, required default sent; 14: undeclared query forwarded last.
    assert_eq!(
        r.query_pairs(),
        [
            ("csv", "a,b,c"),
            ("ssv", "a b"),
            ("tsv", "a\tb"),
            ("pipes", "a|b"),
            ("multi", "1"),
            ("multi", "2"),
            ("flag", "true"),
            ("mode", "fast"),
            ("api-version", "2024-01-01"),
            ("color", "green"),
            ("$expand", "all"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
    );
    assert!(r.query.as_deref().unwrap().contains("multi=1&multi=2"));
    assert_eq!(r.header("x-tags"), Some("t1,t2"));
    // Checklist 15: platform context header from the invocation context.
    assert_eq!(r.header("x-ms-workflow-name"), Some("wf-1"));
    // Framing headers are the HTTP client's.
    assert_eq!(r.header("content-length"), None);
    let steps: Vec<&str> = trace.events.iter().map(|e| e.step.as_str()).collect();
    assert!(
        steps.iter().any(|s| s.contains("'color': \"green\" is not one of its enum values")),
        "{steps:?}"
    );
    assert!(
        steps.iter().any(|s| s.contains("'Content-Length' is computed by the HTTP client")),
        "{steps:?}"
    );
}

#[tokio::test]
async fn missing_required_parameter_is_a_400_naming_it_without_a_backend_call() {
    // Checklist 11.
    let backend = Backend::ok().await;
    let c = params_fixture(&backend.url());
    let call = Call::new("GetItem").arg("id", "1").arg("key", "k").arg("b", 1);
    let mut call = call;
    call.context.insert("x-ms-workflow-name".into(), "wf".into());
    let e = runtime().invoke(&c, &connection(json!({})), call).await.unwrap_err();
    assert_eq!(
        (e.status, e.code, e.fault, e.phase),
        (400, "MissingParameter", Fault::Client, Phase::ResolveRoute)
    );
    assert!(e.message.contains("'a'") && e.message.contains("'GetItem'"), "{}", e.message);
    assert!(!e.retry_safe);
    assert_eq!(backend.count(), 0);
}

#[tokio::test]
async fn type_mismatch_is_a_400() {
    let backend = Backend::ok().await;
    let c = params_fixture(&backend.url());
    let mut call =
        Call::new("GetItem").arg("id", "1").arg("key", "k").arg("a", "x").arg("b", "seven");
    call.context.insert("x-ms-workflow-name".into(), "wf".into());
    let e = runtime().invoke(&c, &connection(json!({})), call).await.unwrap_err();
    assert_eq!((e.status, e.code), (400, "InvalidParameter"));
    assert!(e.message.contains("'b' must be an integer"), "{}", e.message);
    assert_eq!(backend.count(), 0);
}

#[tokio::test]
async fn unknown_operation_id_is_a_404() {
    let backend = Backend::ok().await;
    let c = corpus_connector("custom-connectors/Datelist", &backend.url());
    let e = runtime()
        .invoke(&c, &connection(json!({"api_key": "k"})), Call::new("listcalendars"))
        .await
        .unwrap_err();
    assert_eq!((e.status, e.code, e.fault), (404, "UnknownOperation", Fault::Client));
    assert!(e.message.contains("did you mean 'ListCalendars'"), "{}", e.message);
    assert_eq!(backend.count(), 0);
}

#[test]
fn airmeet_double_encoded_email_gets_one_level_at_the_backend_by_default() {
    // Airmeet marks `url_encoded_attendee_email` as x-ms-url-encoding: double (checklist 8's
    // native-API half): one level by default, two with double_encoding_at_backend.
    let dir = common::corpus().join("certified-connectors/Airmeet");
    let loaded = switchboard_model::Connector::load(&dir).unwrap();
    let call = Call::new("RemoveAttendee")
        .arg("airmeetId", "ev 1")
        .arg("url_encoded_attendee_email", "a+b@x.com");
    for (double, expected) in [
        (false, "/airmeet/ev%201/attendee/a%2Bb%40x.com"),
        (true, "/airmeet/ev%201/attendee/a%252Bb%2540x.com"),
    ] {
        let options = CompileOptions { double_encoding_at_backend: double };
        let (c, _) = switchboard_runtime::CompiledConnector::build(&loaded, options).unwrap();
        let op = c.operation("RemoveAttendee").unwrap();
        let built = build_request(&c, op, &call).unwrap();
        assert_eq!(built.request.path, expected);
        assert_eq!(built.request.method, "DELETE");
        assert_eq!(built.request.base_url, "https://api-gateway.airmeet.com");
    }
}

fn body_fixture(url: &str) -> switchboard_runtime::CompiledConnector {
    let op = |id: &str, extra: serde_json::Value| {
        let mut o = json!({"operationId": id, "responses": {"200": {"description": "ok"}}});
        for (k, v) in extra.as_object().unwrap() {
            o[k] = v.clone();
        }
        o
    };
    fixture(
        "bodies",
        json!({
            "consumes": ["text/plain"],
            "paths": {
                "/json": {"post": op("PostJson", json!({"consumes": ["application/xml", "application/json"], "parameters": [
                    {"name": "payload", "in": "body", "required": true, "schema": {"type": "object", "properties": {
                        "kind": {"type": "string", "x-ms-visibility": "internal", "default": "task"},
                        "meta": {"type": "object", "properties": {"v": {"type": "integer", "x-ms-visibility": "internal", "default": 2}}}
                    }}}
                ]}))},
                "/doc": {"post": op("PostDocLevel", json!({"parameters": [{"name": "body", "in": "body", "schema": {"type": "string"}}]}))},
                "/explicit": {"post": op("PostExplicit", json!({"parameters": [
                    {"name": "Content-Type", "in": "header", "type": "string", "x-ms-visibility": "internal", "default": "application/vnd.api+json"},
                    {"name": "body", "in": "body", "schema": {"type": "object"}}
                ]}))},
                "/binary": {"post": op("PostBinary", json!({"consumes": [], "parameters": [{"name": "file", "in": "body", "schema": {"type": "string", "format": "binary"}}]}))},
                "/form": {"post": op("PostForm", json!({"parameters": [
                    {"name": "name", "in": "formData", "type": "string", "required": true},
                    {"name": "tags", "in": "formData", "type": "array", "collectionFormat": "multi", "items": {"type": "string"}},
                    {"name": "grant", "in": "formData", "type": "string", "x-ms-visibility": "internal", "required": true, "default": "password"}
                ]}))},
                "/upload": {"post": op("PostUpload", json!({"parameters": [
                    {"name": "title", "in": "formData", "type": "string"},
                    {"name": "file", "in": "formData", "type": "file"}
                ]}))}
            }
        }),
        serde_json::Value::Null,
        url,
    )
}

#[tokio::test]
async fn content_type_precedence_and_body_serialization() {
    // Checklist 12: explicit header → operation consumes (JSON preferred) → document consumes
    // → JSON; internal body-property defaults filled.
    let backend = Backend::ok().await;
    let c = body_fixture(&backend.url());
    let rt = runtime();
    let conn = connection(json!({}));
    rt.invoke(&c, &conn, Call::new("PostJson").with_body(json!({"name": "n", "meta": {}})))
        .await
        .unwrap();
    rt.invoke(&c, &conn, Call::new("PostDocLevel").with_body(json!("plain words"))).await.unwrap();
    rt.invoke(&c, &conn, Call::new("PostExplicit").with_body(json!({"a": 1}))).await.unwrap();
    rt.invoke(
        &c,
        &conn,
        Call::new("PostBinary")
            .arg("file", json!({"$content-type": "image/png", "$content": "iVBORw=="})),
    )
    .await
    .unwrap();
    let r = backend.requests();
    assert_eq!(r[0].header("content-type"), Some("application/json"));
    assert_eq!(r[0].json(), json!({"name": "n", "meta": {"v": 2}, "kind": "task"}));
    assert_eq!(r[1].header("content-type"), Some("text/plain"));
    assert_eq!(r[1].text(), "plain words");
    assert_eq!(r[2].header("content-type"), Some("application/vnd.api+json"));
    assert_eq!(r[2].json(), json!({"a": 1}));
    // `consumes: []` overrides the document: a binary body falls back to octet-stream.
    assert_eq!(r[3].header("content-type"), Some("application/octet-stream"));
    assert_eq!(r[3].body, [0x89, b'P', b'N', b'G']);
}

#[tokio::test]
async fn form_data_is_urlencoded_or_multipart_with_files() {
    // Checklist 13.
    let backend = Backend::ok().await;
    let c = body_fixture(&backend.url());
    let rt = runtime();
    let conn = connection(json!({}));
    rt.invoke(&c, &conn, Call::new("PostForm").arg("name", "a b&c").arg("tags", json!(["x", "y"])))
        .await
        .unwrap();
    rt.invoke(
        &c,
        &conn,
        Call::new("PostUpload")
            .arg("title", "t")
            .arg("file", json!({"$content-type": "text/csv", "$content": "YSxi"})),
    )
    .await
    .unwrap();
    let r = backend.requests();
    assert_eq!(r[0].header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(r[0].text(), "name=a%20b%26c&tags=x&tags=y&grant=password");
    let ct = r[1].header("content-type").unwrap();
    assert!(ct.starts_with("multipart/form-data; boundary="), "{ct}");
    let text = r[1].text();
    assert!(text.contains("Content-Disposition: form-data; name=\"title\"\r\n\r\nt\r\n"), "{text}");
    assert!(
        text.contains("name=\"file\"; filename=\"file\"\r\nContent-Type: text/csv\r\n\r\na,b\r\n"),
        "{text}"
    );
}
