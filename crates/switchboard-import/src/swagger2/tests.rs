// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;

use serde_json::json;

use super::*;

fn losses(i: &Imported) -> String {
    let mut out = String::new();
    for d in &i.report {
        let l = &d.location;
        let _ = writeln!(
            out,
            "{} {} {}:{} {} — {}",
            d.code, d.severity, l.line, l.column, l.pointer, d.message
        );
    }
    out
}

const SWAGGER: &str = r##"{
  "swagger": "2.0",
  "info": {"title": "Tasks", "version": "1", "description": "Manage the tasks of a team."},
  "host": "https://api.tasks.io/v1",
  "consumes": ["application/json", "application/xml"],
  "basepath": "/v1",
  "parameters": {"Top": {"name": "top", "in": "query", "type": "integer", "x-ms-url-encoding": "single"}},
  "paths": {
    "/tasks/{taskId}": {
      "parameters": [{"name": "taskId", "in": "path", "type": "string"}],
      "get": {
        "summary": "Get a task / with <details>?",
        "parameters": [{"$ref": "#/parameters/Top"}, {"name": "body", "in": "body", "schema": {"type": "object"}}, {"name": "connectionId", "in": "query", "type": "string"}],
        "responses": {"default": {"description": "Task", "schema": {"$ref": "#/definitions/Task"}}}
      },
      "delete": {"operationId": "get-task", "x-ms-summery": "Delete", "responses": {}}
    },
    "/tasks/{id}": {"get": {"operationId": "GetTask", "responses": {"200": {"description": "OK"}}}},
    "/tasks": {
      "post": {
        "operationId": "getTask",
        "parameters": [{"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Task"}}],
        "responses": {
          "201": {"description": "", "schema": {"$ref": "#/definitions/Task"}},
          "400": {"description": "Bad", "schema": {"$ref": "#/definitions/Error"}}
        }
      }
    }
  },
  "definitions": {
    "Task": {"type": "object", "required": ["id", "title", "ghost"], "properties": {"id": {"type": "string", "readOnly": true}, "title": {"type": "string", "enum": ["a", "a", "b"]}}},
    "Error": {"type": "object", "properties": {"message": {"type": "string"}}},
    "Unused": {"type": "string"}
  },
  "securityDefinitions": {
    "implicit": {"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://id.tasks.io/oauth2/authorize", "scopes": {"read": "Read"}},
    "key": {"type": "apiKey", "in": "header", "name": "X-Key"}
  },
  "security": [{"implicit": ["read"]}]
}"##;

#[test]
fn plain_swagger_becomes_a_connector() {
    let i = import("swagger.json", SWAGGER.as_bytes(), &ImportOptions::default()).unwrap();
    let mut out = switchboard_model::json::to_pretty_string(&i.files.swagger);
    out.push_str(&losses(&i));
    insta::assert_snapshot!(out);
}

#[test]
fn yaml_swagger_and_wrong_kinds() {
    let yaml = "swagger: '2.0'\ninfo: {title: T, version: '1'}\nhost: api.t.io\npaths:\n  /a:\n    get: {responses: {'200': {description: OK}}}\n";
    let i = import("s.yaml", yaml.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(i.files.swagger["paths"]["/a"]["get"]["operationId"], "GetA");
    let err = import("o.yaml", b"openapi: 3.0.0\n", &ImportOptions::default()).unwrap_err();
    assert!(err.to_string().contains("import openapi"), "{err}");
    let err = import("x.json", b"{\"swagger\": \"1.2\"}", &ImportOptions::default()).unwrap_err();
    let ImportError::Invalid { diagnostics, .. } = err;
    assert_eq!(diagnostics[0].code, codes::WRONG_KIND);
}

#[test]
fn connectorize_without_origins_points_into_the_definition() {
    let doc = json!({"swagger": "2.0", "info": {"title": "X", "version": "1"}, "paths": {"/a": {"get": {"responses": {}}}}});
    let i = connectorize(doc, &ImportOptions::default(), Vec::new());
    let d = i.report.iter().find(|d| d.code == codes::RESPONSE).unwrap();
    assert_eq!(&*d.location.file, "apiDefinition.swagger.json");
    assert_eq!(d.location.pointer, "/paths/~1a/get");
    assert!(i.report.iter().any(|d| d.code == codes::PLACEHOLDER && d.message.contains("host")));
}

#[test]
fn budget_advice_when_close_or_over() {
    let mut paths = serde_json::Map::new();
    for n in 0..260 {
        paths.insert(format!("/items{n}"), json!({"get": {"tags": [if n % 2 == 0 { "even" } else { "odd" }], "responses": {"200": {"description": "OK"}}}}));
    }
    let doc = json!({"swagger": "2.0", "info": {"title": "Big", "version": "1", "description": "Many items."}, "host": "api.big.io", "paths": paths});
    let i = connectorize(doc, &ImportOptions::default(), Vec::new());
    assert_eq!(i.budget.operations, 256);
    let d = i
        .report
        .iter()
        .find(|d| d.code == codes::BUDGET_OPERATIONS && d.message.contains("left out"))
        .unwrap();
    assert_eq!(d.severity, Severity::Warning);
    assert!(
        d.help.as_deref().unwrap().contains("--tags; tags: even (130), odd (130)"),
        "{:?}",
        d.help
    );

    let props: serde_json::Map<String, Value> =
        (0..450).map(|n| (format!("p{n}"), json!({"type": "string"}))).collect();
    let doc = json!({"swagger": "2.0", "info": {"title": "Wide", "version": "1", "description": "Wide objects."}, "host": "api.wide.io",
        "paths": {"/w": {"get": {"responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/W"}}}}}},
        "definitions": {"W": {"type": "object", "properties": props}}});
    let i = connectorize(doc, &ImportOptions::default(), Vec::new());
    assert_eq!(i.budget.schema_count, 451);
    let d = i.report.iter().find(|d| d.code == codes::BUDGET_SCHEMAS).unwrap();
    assert_eq!(d.severity, Severity::Warning);
}

#[test]
fn tags_that_match_nothing_are_reported_with_the_tags_available() {
    let doc = json!({"swagger": "2.0", "info": {"title": "T", "version": "1"}, "host": "t.io",
        "paths": {"/a": {"get": {"tags": ["alpha"], "responses": {"200": {"description": "OK"}}}}}});
    let options = ImportOptions { tags: vec!["beta".into()], title: None };
    let i = connectorize(doc, &options, Vec::new());
    assert_eq!(i.budget.operations, 0);
    let d = i.report.iter().find(|d| d.code == codes::TAGS).unwrap();
    assert_eq!(d.help.as_deref(), Some("tags in the source: alpha (1)"));
}

#[test]
fn oversized_schemas_are_cut_to_the_limit() {
    let props: serde_json::Map<String, Value> =
        (0..40).map(|n| (format!("p{n}"), json!({"$ref": "#/definitions/Leaf"}))).collect();
    let leaf: serde_json::Map<String, Value> =
        (0..20).map(|n| (format!("l{n}"), json!({"type": "string"}))).collect();
    let doc = json!({"swagger": "2.0", "info": {"title": "Deep", "version": "1", "description": "Deep objects."}, "host": "api.deep.io",
        "paths": {"/d": {"get": {"responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Root"}}}}}},
        "definitions": {"Root": {"type": "object", "properties": props}, "Leaf": {"type": "object", "properties": leaf}}});
    let i = connectorize(doc, &ImportOptions::default(), Vec::new());
    assert!(i.budget.schema_count <= crate::MAX_SCHEMAS, "{}", i.budget.schema_count);
    let d = i.report.iter().find(|d| d.code == codes::BUDGET_SCHEMAS).unwrap();
    assert!(d.message.contains("841 schema objects"), "{}", d.message);
    // The cut copy is inline; the definitions it no longer uses are pruned.
    assert!(i.files.swagger.get("definitions").is_none());
}
