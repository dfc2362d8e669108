//! `switchboard new`: the scaffold passes `validate`, and exactly the findings only the
//! publisher can resolve remain.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard")).args(args).output().expect("run switchboard")
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sb-new-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// `(severity, code)` of every finding of `validate --format json`.
fn findings(dir: &str, profile: &str) -> Vec<(String, String)> {
    let o = run(&["validate", dir, "--format", "json", "--profile", profile]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut out: Vec<(String, String)> = v["connectors"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["severity"].as_str().unwrap().into(), d["code"].as_str().unwrap().into()))
        .collect();
    out.sort();
    out
}

fn pairs(severity: &str, codes: &[&str]) -> Vec<(String, String)> {
    codes.iter().map(|c| (severity.to_string(), (*c).to_string())).collect()
}

#[test]
fn every_auth_kind_validates_with_only_the_publishers_fields_left() {
    // The human content only the publisher knows: metadata (website, privacy policy,
    // categories), the support contact, the publisher and the stack owner.
    let human = ["AP007", "AP008", "SW026", "SW030"];
    for auth in ["none", "api-key", "basic", "oauth2"] {
        let dir = temp(auth);
        let d = dir.to_str().unwrap();
        let o =
            run(&["new", "Contoso Tasks", "-o", d, "--auth", auth, "--host", "api.taskforge.io"]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        let listed = String::from_utf8_lossy(&o.stdout);
        for code in human {
            assert!(listed.contains(code), "{auth}: `new` does not list {code}:\n{listed}");
        }

        assert_eq!(findings(d, "default"), pairs("info", &human), "{auth}, default profile");
        assert_eq!(
            findings(d, "certification"),
            pairs("error", &human),
            "{auth}, certification profile"
        );
        let v = run(&["validate", d]);
        assert_eq!(v.status.code(), Some(0), "{auth}: validate must pass");
    }
}

#[test]
fn the_default_host_is_a_placeholder_to_replace() {
    let dir = temp("default-host");
    let d = dir.to_str().unwrap();
    let o = run(&["new", "Contoso", "-o", d]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("replace it with your service's host"));
    // Only the publisher's fields, and at most the linter's placeholder-host finding (BX017).
    let allowed = ["AP007", "AP008", "BX017", "SW026", "SW030"];
    for (severity, code) in findings(d, "default") {
        assert!(severity == "info" && allowed.contains(&code.as_str()), "{severity} {code}");
    }
    assert_eq!(run(&["validate", d]).status.code(), Some(0));
}

#[test]
fn the_files_match_the_auth_kind() {
    let dir = temp("files");
    let d = dir.to_str().unwrap();
    let o = run(&["new", "Contoso", "-o", d, "--auth", "oauth2", "--host", "api.contoso.io"]);
    assert_eq!(o.status.code(), Some(0));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "apiDefinition.swagger.json",
            "apiProperties.json",
            "icon.png",
            "intro.md",
            "readme.md",
            "settings.json"
        ]
    );
    let swagger: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("apiDefinition.swagger.json")).unwrap())
            .unwrap();
    assert_eq!(swagger["host"], "api.contoso.io");
    assert_eq!(swagger["info"]["title"], "Contoso");
    assert_eq!(swagger["securityDefinitions"]["oauth2_auth"]["type"], "oauth2");
    let props: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("apiProperties.json")).unwrap()).unwrap();
    assert_eq!(props["properties"]["connectionParameters"]["token"]["type"], "oauthSetting");
    assert!(props["properties"].get("publisher").is_none());
}

#[test]
fn output_is_deterministic() {
    let (a, b) = (temp("det-a"), temp("det-b"));
    for dir in [&a, &b] {
        let o = run(&["new", "Contoso", "-o", dir.to_str().unwrap(), "--auth", "api-key"]);
        assert_eq!(o.status.code(), Some(0));
    }
    for entry in std::fs::read_dir(&a).unwrap() {
        let name = entry.unwrap().file_name();
        assert_eq!(std::fs::read(a.join(&name)).unwrap(), std::fs::read(b.join(&name)).unwrap());
    }
}

#[test]
fn a_non_empty_folder_needs_force() {
    let dir = temp("force");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let d = dir.to_str().unwrap();
    let o = run(&["new", "Contoso", "-o", d]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert!(!dir.join("apiDefinition.swagger.json").exists());
    let o = run(&["new", "Contoso", "-o", d, "--force"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");
}

#[test]
fn a_bad_host_is_refused() {
    let dir = temp("bad-host");
    let o = run(&["new", "Contoso", "-o", dir.to_str().unwrap(), "--host", "https://x.io/v1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.exists());
}
