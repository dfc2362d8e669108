//! Shared by the end-to-end tests of archives and certification packages.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs the `switchboard` binary.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard")).args(args).output().expect("run switchboard")
}

/// A file of the example connector (`examples/taskforge`).
pub fn example(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/taskforge").join(name))
        .expect("example file")
}

/// `validate PATH --format json --profile PROFILE`: the exit code and the diagnostics of the
/// one connector, as JSON objects.
pub fn validate_json(path: &Path, profile: &str) -> (Option<i32>, Vec<serde_json::Value>) {
    let path = path.to_str().expect("UTF-8 path");
    let o = run(&["validate", path, "--format", "json", "--profile", profile]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
    });
    let found = v["connectors"][0]["diagnostics"].as_array().cloned().unwrap_or_default();
    (o.status.code(), found)
}

/// A string member of a diagnostic (empty when absent).
pub fn field(d: &serde_json::Value, key: &str) -> String {
    d[key].as_str().unwrap_or_default().to_string()
}
