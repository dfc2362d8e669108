//! Snapshot tests: one small hand-written collection per mapping, snapshotted as the Swagger
//! 2.0 document [`super::convert`] makes and its loss report.

// Tests unwrap freely: a panic is a failed test with its backtrace. Builders take JSON by
// value to keep the inputs readable.
#![allow(clippy::unwrap_used, clippy::needless_pass_by_value)]

use std::fmt::Write as _;

use serde_json::{Value as Json, json};

use super::{INVALID_CODE, convert, import};
use crate::{ImportError, ImportOptions};

const V21: &str = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";
const V20: &str = "https://schema.getpostman.com/json/collection/v2.0.0/collection.json";

fn collection(items: Json) -> Json {
    json!({"info": {"name": "Contoso", "schema": V21}, "item": items})
}

/// The converted document and the loss report, as one text.
fn run_with(input: &Json, options: &ImportOptions) -> String {
    let bytes = serde_json::to_vec_pretty(input).unwrap();
    let converted = convert("c.json", &bytes, options).unwrap();
    let mut out = serde_json::to_string_pretty(&converted.swagger).unwrap();
    out.push_str("\n--- losses\n");
    for d in &converted.report {
        let l = &d.location;
        let _ = writeln!(
            out,
            "{} {} {}:{} {} {}",
            d.code, d.severity, l.line, l.column, l.pointer, d.message
        );
    }
    out
}

fn run(input: &Json) -> String {
    run_with(input, &ImportOptions::default())
}

fn get(name: &str, url: Json) -> Json {
    json!({"name": name, "request": {"method": "GET", "url": url}})
}

#[test]
fn folders_become_tags() {
    let input = json!({
        "info": {"name": "Contoso", "schema": V21, "description": "Contoso task API."},
        "item": [
            {"name": "Tasks", "description": "Task operations.", "item": [
                get("List tasks", json!("https://api.contoso.com/tasks")),
                {"name": "Archive", "item": [get("List archived tasks", json!("https://api.contoso.com/tasks/archived"))]}
            ]},
            {"name": "Users", "item": [get("List users", json!("https://api.contoso.com/users"))]},
            get("Health", json!("https://api.contoso.com/health"))
        ]
    });
    insta::assert_snapshot!(run(&input));
    let archive = ImportOptions { tags: vec!["Archive".into(), "Projects".into()], title: None };
    insta::assert_snapshot!("folders_selected_with_tags", run_with(&input, &archive));
}

#[test]
fn base_url_variable_with_a_value_becomes_host_and_base_path() {
    let mut input = collection(json!([
        get("List tasks", json!("{{baseUrl}}/tasks")),
        get(
            "Get task",
            json!({"raw": "{{baseUrl}}/tasks/:id", "host": ["{{baseUrl}}"], "path": ["tasks", ":id"]})
        ),
        get("Status", json!("https://status.contoso.com/v1/status")),
    ]));
    input["variable"] =
        json!([{"key": "baseUrl", "value": "https://user:pass@api.contoso.com/v2/?key=1"}]);
    insta::assert_snapshot!(run(&input));
}

#[test]
fn base_url_variable_without_a_value_gives_a_placeholder_host() {
    let mut input = collection(json!([
        get(
            "List tasks",
            json!({"raw": "https://{{host}}/tasks", "protocol": "https", "host": ["{{host}}"], "path": ["tasks"]})
        ),
        get("List users", json!("https://{{host}}/users")),
        get("Tenant info", json!("https://{{tenant}}.contoso.com/info")),
    ]));
    input["variable"] = json!([{"key": "host", "value": ""}]);
    insta::assert_snapshot!(run(&input));
}

#[test]
fn path_variables_become_path_parameters() {
    let mut input = collection(json!([
        get(
            "Get comment",
            json!({
                "raw": "https://api.contoso.com/projects/:projectId/tasks/{{taskId}}/comments/<commentId>",
                "host": ["api", "contoso", "com"],
                "path": ["projects", ":projectId", "tasks", "{{taskId}}", "comments", "<commentId>"],
                "variable": [{"key": "projectId", "value": "42", "description": "(Required) The project."}]
            })
        ),
        get(
            "Get version",
            json!("https://api.contoso.com/v{{version}}/items/{{id}}/children/{{id}}")
        ),
        get("Get connection", json!("https://api.contoso.com/connections/:connectionId")),
        {"name": "Delete comment", "request": {"method": "DELETE",
            "url": "https://api.contoso.com/projects/{{pid}}/tasks/{{tid}}/comments/{{cid}}?x#frag"}},
    ]));
    input["variable"] = json!([{"key": "version", "value": "3"}]);
    insta::assert_snapshot!(run(&input));
}

#[test]
fn query_parameters_and_headers_become_parameters() {
    let input = collection(json!([{
        "name": "Search tasks",
        "request": {
            "method": "GET",
            "header": [
                {"key": "Accept", "value": "application/json"},
                {"key": "X-Request-Id", "value": "{{requestId}}", "description": "(Required) Correlation id."},
                {"key": "X-Debug", "value": "true", "disabled": true},
                {"key": "x-request-id", "value": "again"},
                {"key": "Cookie", "value": "session=abc"},
                {"key": "Content-Length", "value": "0"}
            ],
            "url": {
                "raw": "https://api.contoso.com/tasks?limit=100&since=2024-01-31&q=&tag=a&tag=b&connectionId=1",
                "host": ["api", "contoso", "com"],
                "path": ["tasks"],
                "query": [
                    {"key": "limit", "value": "100", "description": "(Optional) Page size."},
                    {"key": "since", "value": "2024-01-31"},
                    {"key": "q", "value": ""},
                    {"key": "tag", "value": "a"},
                    {"key": "tag", "value": "b"},
                    {"key": "expand", "value": "owner", "disabled": true},
                    {"key": "connectionId", "value": "1"}
                ]
            }
        }
    }]));
    insta::assert_snapshot!(run(&input));
}

#[test]
fn raw_bodies_become_a_body_parameter() {
    let post = |name: &str, body: Json, headers: Json| {
        json!({"name": name, "request": {"method": "POST", "header": headers, "body": body,
            "url": format!("https://api.contoso.com/{}", name.to_lowercase().replace(' ', "-"))}})
    };
    let input = collection(json!([
        post(
            "Create task",
            json!({"mode": "raw", "options": {"raw": {"language": "json"}},
            "raw": "{\n  // the title\n  \"title\": \"Write\",\n  \"estimate\": {{estimate}},\n  \"owner\": <ownerId>,\n  \"tags\": [\"a\", \"b\"],\n  \"due\": \"2024-05-01T10:00:00Z\",\n  \"sub\": [{\"done\": true}, {\"done\": false, \"note\": null}],\n}"}),
            json!([])
        ),
        post(
            "Send note",
            json!({"mode": "raw", "raw": "plain words"}),
            json!([{"key": "Content-Type", "value": "text/plain"}])
        ),
        post(
            "Send xml",
            json!({"mode": "raw", "raw": "<task/>", "options": {"raw": {"language": "xml"}}}),
            json!([])
        ),
        post(
            "Broken json",
            json!({"mode": "raw", "raw": "{\"a\": ", "options": {"raw": {"language": "json"}}}),
            json!([])
        ),
        post(
            "Mislabelled",
            json!({"mode": "raw", "raw": "[{\"id\": 1}]"}),
            json!([{"key": "Content-Type", "value": "application/x-www-form-urlencoded"}])
        ),
        post(
            "Form text",
            json!({"mode": "raw", "raw": "a=1&b=x"}),
            json!([{"key": "Content-Type", "value": "application/x-www-form-urlencoded"}])
        ),
        post("Extra bracket", json!({"mode": "raw", "raw": "{\"a\": 1}\n}"}), json!([])),
    ]));
    insta::assert_snapshot!(run(&input));
}

#[test]
fn form_bodies_become_form_data_parameters() {
    let input = collection(json!([
        {"name": "Token", "request": {"method": "POST", "url": "https://api.contoso.com/token", "body": {"mode": "urlencoded", "urlencoded": [
            {"key": "grant_type", "value": "client_credentials", "description": "(Required) Grant."},
            {"key": "count", "value": "3"},
            {"key": "scope", "value": "x", "disabled": true},
            {"key": "count", "value": "4"}
        ]}}},
        {"name": "Upload", "request": {"method": "POST", "url": "https://api.contoso.com/files", "body": {"mode": "formdata", "formdata": [
            {"key": "file", "type": "file", "src": "/home/me/a.pdf", "description": "The file."},
            {"key": "name", "value": "a.pdf", "type": "text"},
            {"key": "nämé", "value": "x", "type": "text"}
        ]}}}
    ]));
    insta::assert_snapshot!(run(&input));
}

#[test]
fn file_graphql_and_get_bodies() {
    let input = collection(json!([
        {"name": "Put blob", "request": {"method": "PUT", "url": "https://api.contoso.com/blob", "body": {"mode": "file", "file": {"src": "/tmp/x.bin"}}}},
        {"name": "Query", "request": {"method": "POST", "url": "https://api.contoso.com/graphql", "body": {"mode": "graphql", "graphql": {
            "query": "query($id: ID!) { task(id: $id) { title } }", "variables": "{\"id\": \"1\"}"}}}},
        {"name": "Search", "request": {"method": "GET", "url": "https://api.contoso.com/search", "body": {"mode": "raw", "raw": "{\"q\": 1}"}}},
        {"name": "Empty", "request": {"method": "GET", "url": "https://api.contoso.com/empty", "body": {"mode": "raw", "raw": ""}}}
    ]));
    insta::assert_snapshot!(run(&input));
}

#[test]
fn saved_examples_become_response_schemas() {
    let example = |name: &str, code: Json, body: &str, language: &str| {
        json!({"name": name, "code": code, "status": "", "_postman_previewlanguage": language,
            "header": [{"key": "Content-Type", "value": if language == "json" { "application/json; charset=utf-8" } else { "text/html" }}],
            "body": body})
    };
    let input = collection(json!([{
        "name": "Get task",
        "request": {"method": "GET", "url": "https://api.contoso.com/tasks/1"},
        "response": [
            example("found", json!(200), "{\"id\": 1, \"title\": \"A\", \"owner\": null}", "json"),
            example("found with owner", json!(200), "{\"id\": 2, \"owner\": {\"name\": \"B\"}, \"score\": 1.5, \"title\": 3}", "json"),
            example("missing", json!(404), "{\"error\": \"not found\"}", "json"),
            example("html error", json!(500), "<html></html>", "html"),
            example("no code", Json::Null, "{}", "json"),
            example("gone", json!(410), "", "json")
        ]
    }]));
    insta::assert_snapshot!(run(&input));
}

#[test]
fn wide_examples_are_cut_to_the_schema_limit() {
    let wide: serde_json::Map<String, Json> =
        (0..600).map(|i| (format!("f{i}"), json!(i))).collect();
    let input = collection(json!([{
        "name": "Get wide",
        "request": {"method": "GET", "url": "https://api.contoso.com/wide"},
        "response": [{"name": "ok", "code": 200, "body": serde_json::to_string(&wide).unwrap()}]
    }]));
    let converted =
        convert("c.json", &serde_json::to_vec(&input).unwrap(), &ImportOptions::default()).unwrap();
    let schema = &converted.swagger["paths"]["/wide"]["get"]["responses"]["200"]["schema"];
    let properties = schema["properties"].as_object().unwrap().len();
    assert_eq!(properties, super::schema::MAX_NODES - 1);
    assert_eq!(converted.report.iter().map(|d| d.code.as_ref()).collect::<Vec<_>>(), ["IMP219"]);
}

#[test]
fn requests_past_the_operation_limit_are_reported() {
    let items: Vec<Json> = (0..260)
        .map(|i| get(&format!("Get item {i}"), json!(format!("https://api.contoso.com/items{i}"))))
        .collect();
    let bytes = serde_json::to_vec(&collection(Json::Array(items))).unwrap();
    let converted = convert("c.json", &bytes, &ImportOptions::default()).unwrap();
    assert_eq!(converted.swagger["paths"].as_object().unwrap().len(), 256);
    let [d] = converted.report.as_slice() else { panic!("{:?}", converted.report) };
    assert_eq!((d.code.as_ref(), d.location.pointer.as_str()), ("IMP225", "/item/256"));
    assert!(d.message.contains("the 3 after it"), "{}", d.message);
}

#[test]
fn collection_api_key_auth_is_kept_without_requests() {
    let input = json!({
        "info": {"name": "Keys", "schema": V21},
        "item": [],
        "auth": {"type": "apikey", "apikey": [{"key": "key", "value": "X-Api-Key"}, {"key": "value", "value": "{{key}}"}, {"key": "in", "value": "header"}]}
    });
    insta::assert_snapshot!(run(&input));
}

#[test]
fn most_common_auth_wins_and_others_are_reported() {
    let mut input = collection(json!([
        {"name": "Admin", "auth": {"type": "basic", "basic": [{"key": "username", "value": "u"}]}, "item": [
            get("List admins", json!("https://api.contoso.com/admins")),
            {"name": "Open", "request": {"method": "GET", "url": "https://api.contoso.com/open", "auth": {"type": "noauth"}}}
        ]},
        {"name": "Header bearer", "request": {"method": "GET", "url": "https://api.contoso.com/me",
            "header": [{"key": "Authorization", "value": "Bearer {{token}}"}]}},
        get("Tasks", json!("https://api.contoso.com/tasks")),
        get("Projects", json!("https://api.contoso.com/projects")),
        {"name": "Keyed", "request": {"method": "GET", "url": "https://api.contoso.com/keyed",
            "header": [{"key": "X-API-Key", "value": "{{key}}"}]}},
        {"name": "Signed", "request": {"method": "GET", "url": "https://api.contoso.com/signed", "auth": {"type": "hawk", "hawk": []}}},
    ]));
    input["auth"] = json!({"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]});
    insta::assert_snapshot!(run(&input));
}

#[test]
fn api_key_headers_become_the_security_definition() {
    let keyed = |name: &str, header: &str| {
        json!({"name": name, "request": {"method": "GET", "url": format!("https://api.contoso.com/{name}"),
            "header": [{"key": header, "value": "{{apiKey}}"}, {"key": "X-Tenant", "value": "t1"}]}})
    };
    let input = collection(json!([
        keyed("tasks", "X-API-Key"),
        keyed("users", "x-api-key"),
        {"name": "custom", "request": {"method": "GET", "url": "https://api.contoso.com/custom",
            "header": [{"key": "Authorization", "value": "Token {{token}}"}]}},
        {"name": "signed", "request": {"method": "GET", "url": "https://api.contoso.com/signed",
            "header": [{"key": "Authorization", "value": "Digest {{sig}}"}]}},
    ]));
    insta::assert_snapshot!(run(&input));
}

#[test]
fn oauth2_auth_becomes_an_authorization_code_definition() {
    let input = json!({
        "info": {"name": "OAuth", "schema": V20, "version": {"major": 2, "minor": 1, "patch": 0}},
        "variable": [{"id": "auth", "value": "https://login.contoso.com"}],
        "auth": {"type": "oauth2", "oauth2": {
            "authUrl": "{{auth}}/authorize", "accessTokenUrl": "{{auth}}/token",
            "scope": "tasks.read tasks.write", "grant_type": "client_credentials", "clientSecret": "s3cret"}},
        "item": [
            {"name": "Tasks", "request": {"url": "https://api.contoso.com/tasks", "method": "GET",
                "header": "Accept: application/json\nX-Trace: 1"}},
            {"name": "Me", "request": "https://api.contoso.com/me"}
        ]
    });
    let out = run(&input);
    assert!(!out.contains("s3cret"), "secrets must not be copied");
    insta::assert_snapshot!(out);
}

#[test]
fn unusable_requests_are_skipped_and_reported() {
    let mut input = collection(json!([
        get("List tasks", json!("https://api.contoso.com/tasks")),
        get("List tasks again", json!("https://api.contoso.com/tasks")),
        get("List Tasks upper", json!("https://api.contoso.com/Tasks")),
        {"name": "Copy", "request": {"method": "COPY", "url": "https://api.contoso.com/tasks"}},
        {"name": "No url", "request": {"method": "GET"}},
        get("Socket", json!("wss://api.contoso.com/live")),
        get("Placeholder", json!({"raw": "<insert the upload URL>/x", "protocol": "<insert the upload URL", "host": ["x"]})),
        {"name": "Nothing"},
        {"name": "/tasks/:id", "request": {"method": "DELETE", "url": "https://api.contoso.com/tasks/:id"},
            "event": [{"listen": "prerequest", "script": {"exec": ["pm.variables.set('x', 1);"]}},
                      {"listen": "test", "script": {"exec": ["pm.test('ok');"]}},
                      {"listen": "test", "script": {"exec": [""]}}]}
    ]));
    input["event"] = json!([{"listen": "prerequest", "script": {"exec": "sign();"}}]);
    insta::assert_snapshot!(run(&input));
}

#[test]
fn invalid_input_fails_with_a_located_error() {
    let fail = |bytes: &[u8]| match convert("c.json", bytes, &ImportOptions::default()) {
        Err(ImportError::Invalid { message, diagnostics }) => {
            assert!(diagnostics.iter().all(|d| d.code == INVALID_CODE));
            message
        }
        Ok(_) => panic!("accepted"),
    };
    insta::assert_snapshot!(
        [
            fail(b"{\"info\": {\n  \"name\": }"),
            fail(b""),
            fail(b"[1, 2]"),
            fail(br#"{"info": {"name": "Old", "schema": "https://schema.getpostman.com/json/collection/v1.0.0/collection.json"}, "requests": []}"#),
            fail(br#"{"openapi": "3.0.0", "info": {"title": "x"}, "paths": {}}"#),
            fail(br#"{"info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": {}}"#),
        ]
        .join("\n")
    );
}

#[test]
fn odd_shapes_never_panic() {
    let shapes = [
        json!({"info": {"schema": V21}, "item": [{"name": 1, "request": {"url": {"host": 3, "path": [{"value": "a"}, 7, null], "query": [{"key": null}, 5]}, "method": 9, "header": [1, {"key": "a"}], "body": {"mode": "urlencoded", "urlencoded": "x"}}, "response": [{"code": "abc"}, 3]}]}),
        json!({"info": {"schema": V21}, "item": [{"request": {"url": "{{a}}{{b}}/{{", "auth": {"type": "apikey", "apikey": {}}}}, {"item": [{"item": [{"item": []}]}]}], "auth": {"type": 3}}),
        json!({"info": {"schema": V21}, "item": [{"request": {"url": "https://x/ä/{{ü}}/:/<>/{}", "body": {"mode": "raw", "raw": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"}, "method": "POST"}}], "variable": [{"key": "a", "value": "{{b}}"}, {"key": "b", "value": "{{a}}"}]}),
    ];
    for shape in shapes {
        let bytes = serde_json::to_vec(&shape).unwrap();
        let _ = convert("c.json", &bytes, &ImportOptions::default()).unwrap();
        let _ = import("c.json", &bytes, &ImportOptions::default()).unwrap();
    }
}

#[test]
fn import_is_deterministic_end_to_end() {
    let input = collection(json!([
        get("List tasks", json!("https://api.contoso.com/tasks?limit=1")),
        {"name": "Create task", "request": {"method": "POST", "url": "https://api.contoso.com/tasks", "body": {"mode": "raw", "raw": "{\"b\": 1, \"a\": 2}"}}}
    ]));
    let bytes = serde_json::to_vec_pretty(&input).unwrap();
    let first = import("c.json", &bytes, &ImportOptions::default()).unwrap();
    let second = import("c.json", &bytes, &ImportOptions::default()).unwrap();
    assert_eq!(first.files.files(), second.files.files());
    assert_eq!(first.budget.operations, 2);
    let properties =
        &first.files.swagger["paths"]["/tasks"]["post"]["parameters"][0]["schema"]["properties"];
    assert_eq!(
        properties.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["b", "a"],
        "source order is kept"
    );
}

#[test]
fn scripts_are_reported_once_per_distinct_code() {
    let scripted = |name: &str, code: &str| {
        json!({"name": name, "request": {"method": "GET", "url": format!("https://api.contoso.com/{name}")},
            "event": [{"listen": "test", "script": {"exec": [code]}}]})
    };
    let input = collection(json!([
        scripted("a", "pm.test('ok');"),
        scripted("b", "pm.test('ok');"),
        scripted("c", "pm.test('ok');"),
        scripted("d", "pm.environment.set('id', pm.response.json().id);"),
    ]));
    let out = run(&input);
    let losses = out.split("--- losses\n").nth(1).unwrap();
    insta::assert_snapshot!(losses, @r"
    IMP201 info 17:21 /item/0/event/0/script the test script of the request 'a' (and the same code in 2 more places) is not carried over: connectors do not run Postman scripts
    IMP201 info 68:21 /item/3/event/0/script the test script of the request 'd' is not carried over: connectors do not run Postman scripts
    ");
}

#[test]
fn origins_map_the_document_back_to_the_collection() {
    let input = collection(json!([
        {"name": "Tasks", "item": [get("List tasks", json!("https://api.contoso.com/tasks/:id"))]}
    ]));
    let bytes = serde_json::to_vec_pretty(&input).unwrap();
    let converted = convert("c.json", &bytes, &ImportOptions::default()).unwrap();
    let shown: Vec<String> = converted
        .origins
        .iter()
        .map(|(p, l)| format!("{p} -> {}:{} {}", l.line, l.column, l.pointer))
        .collect();
    insta::assert_snapshot!(shown.join("\n"), @r"
    /paths/~1tasks~1{id}/get -> 11:19 /item/0/item/0
    /info -> 3:13 /info
    /host -> 14:20 /item/0/item/0/request/url
    ");
}
