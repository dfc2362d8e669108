//! `switchboard diff`: exit codes, human and JSON output, the kinds of input, `rule BC…`.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard")).args(args).output().expect("run switchboard")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/taskforge")
}

/// A copy of the example connector whose definition `edit` changed.
fn version(name: &str, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sb-diff-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(example()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    let file = dir.join("apiDefinition.swagger.json");
    let mut doc: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    edit(&mut doc);
    std::fs::write(&file, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn breaking_changes_exit_one_grouped_with_locations() {
    let new = version("breaking", |d| {
        d["paths"].as_object_mut().unwrap().remove("/tasks/{taskId}");
        d["info"]["description"] = json!("Taskforge helps teams plan and track their work.");
    });
    let o = run(&["diff", s(&example()), s(&new)]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    let breaking = out.find("Breaking changes (1):").unwrap();
    let cosmetic = out.find("Cosmetic changes (1):").unwrap();
    assert!(breaking < cosmetic, "{out}");
    assert!(out.contains("warning[BC001] operation/GetTask"), "{out}");
    assert!(out.contains("old: ") && out.contains("(/paths/~1tasks~1{taskId}/get)"), "{out}");
    assert!(out.contains("info[BC044] info/description"), "{out}");
    assert!(out.contains("certification update: major"), "{out}");
}

#[test]
fn additive_changes_exit_zero_and_json_has_the_documented_shape() {
    let new = version("additive", |d| {
        d["paths"]["/tasks/{taskId}"]["get"]["parameters"].as_array_mut().unwrap().push(
            json!({"name": "expand", "in": "query", "type": "boolean", "x-ms-summary": "Expand"}),
        );
    });
    let o = run(&["diff", s(&example()), s(&new), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let change = &v["changes"][0];
    assert_eq!(change["code"], "BC031");
    assert_eq!(change["kind"], "additive");
    assert_eq!(change["path"], "operation/GetTask/parameter/expand");
    assert!(change.get("old").is_none());
    assert_eq!(change["new"]["pointer"], "/paths/~1tasks~1{taskId}/get/parameters/1");
    assert!(change["new"]["line"].as_u64().unwrap() > 1);
    assert!(change["new"]["file"].as_str().unwrap().ends_with("apiDefinition.swagger.json"));
    assert!(change["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(
        v["summary"],
        json!({"breaking": 0, "additive": 1, "cosmetic": 0,
               "update": {"code": "BC100", "class": "major",
                          "first_major_difference": "apiDefinition.swagger.json#/paths/~1tasks~1{taskId}/get/parameters/1"}})
    );
}

#[test]
fn identical_versions_exit_zero_with_no_changes() {
    let o = run(&["diff", s(&example()), s(&example())]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("No changes."), "{}", stdout(&o));
    let o = run(&["diff", s(&example()), s(&example()), "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["changes"], json!([]));
    assert_eq!(v["summary"]["update"]["class"], "unchanged");
}

#[test]
fn folders_zips_and_definition_files_compare() {
    let zip = std::env::temp_dir().join(format!("sb-diff-{}.zip", std::process::id()));
    let o = run(&["package", s(&example()), "-o", s(&zip), "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let new = version("file", |d| d["basePath"] = json!("/v2"));
    let o = run(&["diff", s(&zip), s(&new.join("apiDefinition.swagger.json")), "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let codes: Vec<&str> =
        v["changes"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
    // A lone definition file has no apiProperties or icon: their absence is not a change.
    assert_eq!(codes, ["BC019"], "{v}");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn failures_exit_two_with_the_place() {
    let o = run(&["diff", "/nonexistent/old", s(&example())]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/old"));

    let broken = version("broken", |_| {});
    std::fs::write(
        broken.join("apiDefinition.swagger.json"),
        "{\n  \"swagger\": \"2.0\",\n  \"paths\": {]\n}\n",
    )
    .unwrap();
    let o = run(&["diff", s(&example()), s(&broken)]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(err.contains("apiDefinition.swagger.json:3:"), "{err}");
}

#[test]
fn rule_documents_change_kinds() {
    let o = run(&["rule", "BC001"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("# BC001 operation-removed"), "{out}");
    assert!(out.contains("breaking, warning") && out.contains("## Fix"), "{out}");
    assert_eq!(stdout(&run(&["rule", "operation-removed"])), out);
    assert!(stdout(&run(&["rule", "BC018"])).contains("breaking, error"));
    assert!(stdout(&run(&["rule", "BC100"])).contains("minor"));
    let list = stdout(&run(&["rule", "--list"]));
    assert!(list.lines().any(|l| l.starts_with("BC026") && l.contains("operation-id-changed")));
}
