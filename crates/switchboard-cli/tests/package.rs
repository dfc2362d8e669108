//! `switchboard package`: exactly three files, reproducible, refused on certification errors.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard")).args(args).output().expect("run switchboard")
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/taskforge")
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sb-package-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `(name, bytes)` of every entry, in archive order.
fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().unwrap().into_owned(), bytes)
        })
        .collect()
}

#[test]
fn a_clean_connector_gives_exactly_the_three_files() {
    let dir = temp("clean");
    let zip = dir.join("taskforge.zip");
    let o = run(&["package", example().to_str().unwrap(), "-o", zip.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let entries = unzip(&zip);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["apiDefinition.swagger.json", "apiProperties.json", "icon.png"]);
    for (name, bytes) in &entries {
        assert_eq!(bytes, &std::fs::read(example().join(name)).unwrap(), "{name}");
    }
    // readme.md and intro.md of the folder stay out.
    assert!(example().join("readme.md").exists());

    // The archive is what `validate` accepts (default profile: under certification PK004 asks
    // for a readme.md, which the legacy archive must not contain), and packaging is
    // reproducible.
    let v = run(&["validate", zip.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(0), "{}", String::from_utf8_lossy(&v.stdout));
    let again = dir.join("again.zip");
    run(&["package", example().to_str().unwrap(), "-o", again.to_str().unwrap()]);
    assert_eq!(std::fs::read(&zip).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn certification_errors_refuse_and_write_nothing() {
    let dir = temp("refused");
    let connector = dir.join("Contoso");
    let o = run(&["new", "Contoso", "-o", connector.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let zip = dir.join("contoso.zip");
    let o = run(&["package", connector.to_str().unwrap(), "-o", zip.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("error[AP007]"), "{out}");
    assert!(out.contains("Refused"), "{out}");
    assert!(!zip.exists());
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, [std::ffi::OsString::from("Contoso")], "no partial file");

    let o = run(&[
        "package",
        connector.to_str().unwrap(),
        "-o",
        zip.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["archive"], serde_json::Value::Null);
    assert_eq!(v["summary"]["errors"], 4);
    let codes: Vec<&str> = v["connectors"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes.len(), 4, "{codes:?}");
}

#[test]
fn a_missing_icon_refuses() {
    let dir = temp("no-icon");
    let connector = dir.join("c");
    std::fs::create_dir_all(&connector).unwrap();
    for name in ["apiDefinition.swagger.json", "apiProperties.json", "readme.md", "intro.md"] {
        std::fs::copy(example().join(name), connector.join(name)).unwrap();
    }
    let zip = dir.join("c.zip");
    let o = run(&["package", connector.to_str().unwrap(), "-o", zip.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("PKG001"));
    assert!(!zip.exists());
}

#[test]
fn json_reports_the_archive_and_existing_output_needs_force() {
    let dir = temp("json");
    let zip = dir.join("t.zip");
    let example = example();
    let args = ["package", example.to_str().unwrap(), "-o", zip.to_str().unwrap()];
    let o = run(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["archive"]["entries"],
        serde_json::json!(["apiDefinition.swagger.json", "apiProperties.json", "icon.png"])
    );
    assert_eq!(v["summary"]["errors"], 0);

    let o = run(&args);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    let o = run(&[&args[..], &["--force"]].concat());
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn an_unreadable_folder_exits_two() {
    let dir = temp("unreadable");
    let o = run(&["package", "/nonexistent/c", "-o", dir.join("x.zip").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/c"));
}
