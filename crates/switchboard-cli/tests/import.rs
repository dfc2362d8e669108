//! End-to-end tests of `switchboard import`: files written, loss report, formats, exit codes.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard")).args(args).output().expect("run switchboard")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sb-import-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const OPENAPI: &str = "openapi: 3.0.3
info: {title: Tasks, version: '1.0', description: Manage the tasks of a team.}
servers: [{url: 'https://api.tasks.io/v1'}]
paths:
  /tasks:
    get:
      operationId: listTasks
      parameters:
        - {name: session, in: cookie, schema: {type: string}}
      responses:
        '200': {description: OK, content: {application/json: {schema: {type: array, items: {type: string}}}}}
";

fn write_source(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn import_openapi_writes_a_connector_and_reports_losses() {
    let dir = temp("openapi");
    let src = write_source(&dir, "tasks.yaml", OPENAPI);
    let out = dir.join("Tasks");
    let o = run(&[
        "import",
        "openapi",
        src.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--color",
        "never",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("warning[IMP104]: GET /tasks: cookie parameter `session` dropped"),
        "{text}"
    );
    assert!(text.contains("tasks.yaml:9:11"), "{text}");
    assert!(text.contains("budget: definition"), "{text}");
    assert!(text.contains("validation (default profile): 0 errors"), "{text}");
    for f in [
        "apiDefinition.swagger.json",
        "apiProperties.json",
        "icon.png",
        "readme.md",
        "intro.md",
        "settings.json",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    // The result validates on its own too.
    let v = run(&["validate", out.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));

    // A second import into the same folder is refused without --force.
    let again = run(&["import", "openapi", src.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("not empty; use --force"), "{}", stderr(&again));
    let forced =
        run(&["import", "openapi", src.to_str().unwrap(), "-o", out.to_str().unwrap(), "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stdout(&forced));
}

#[test]
fn json_format_has_losses_budget_and_output() {
    let dir = temp("json");
    let src = write_source(&dir, "tasks.yaml", OPENAPI);
    let out = dir.join("Tasks");
    let o = run(&[
        "import",
        "openapi",
        src.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--format",
        "json",
        "--tags",
        "nothing",
        "--title",
        "Team Tasks",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["output"], out.display().to_string());
    assert_eq!(v["budget"]["operation_limit"], 256);
    assert_eq!(v["budget"]["operations"], 0);
    let codes: Vec<&str> =
        v["losses"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"IMP012"), "{codes:?}");
    assert_eq!(v["validation"]["errors"], 0);
    let swagger: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("apiDefinition.swagger.json")).unwrap())
            .unwrap();
    assert_eq!(swagger["info"]["title"], "Team Tasks");
}

#[test]
fn unreadable_source_exits_two_with_a_located_error() {
    let dir = temp("bad");
    let src = write_source(&dir, "bad.yaml", "openapi: 3.0.0\ninfo: [unclosed\n");
    let o = run(&[
        "import",
        "openapi",
        src.to_str().unwrap(),
        "-o",
        dir.join("out").to_str().unwrap(),
        "--color",
        "never",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("error[IMP001]"), "{}", stdout(&o));
    assert!(stderr(&o).contains("import failed"), "{}", stderr(&o));
    let missing = run(&[
        "import",
        "swagger",
        dir.join("nope.json").to_str().unwrap(),
        "-o",
        dir.join("o").to_str().unwrap(),
    ]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn import_swagger_adds_connector_metadata() {
    let dir = temp("swagger");
    let src = write_source(
        &dir,
        "swagger.json",
        r#"{"swagger": "2.0", "info": {"title": "Tasks", "version": "1", "description": "Manage the tasks of a team."}, "host": "api.tasks.io",
            "paths": {"/tasks/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}], "responses": {"200": {"description": "OK"}}}}}}"#,
    );
    let out = dir.join("Tasks");
    let o = run(&["import", "swagger", src.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let swagger: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("apiDefinition.swagger.json")).unwrap())
            .unwrap();
    let op = &swagger["paths"]["/tasks/{id}"]["get"];
    assert_eq!(op["operationId"], "GetTasksById");
    assert_eq!(op["parameters"][0]["x-ms-url-encoding"], "single");
    assert_eq!(op["parameters"][0]["x-ms-summary"], "ID");
}

#[test]
fn help_has_examples() {
    let o = run(&["import", "--help"]);
    assert!(
        stdout(&o).contains("switchboard import openapi petstore.yaml -o Petstore"),
        "{}",
        stdout(&o)
    );
}
