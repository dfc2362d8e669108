//! `switchboard validate PACKAGE.zip` on a Partner Center certification package (catalog
//! §8.2), built here from the example connector: outer zip → intro.md + package zip →
//! `PkgAssets/` → connector and flow solution zips.
//!
//! The linter's own tests build packages with its test-support builder; this one is a
//! stand-alone copy of the few lines that write nested zips, since integration tests cannot
//! reach a library's test modules.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use zip::write::SimpleFileOptions;

use common::{example, field, validate_json};

/// A file or a nested zip.
enum Node {
    File(Vec<u8>),
    Zip(Vec<(String, Node)>),
}

fn zip_of(entries: &[(String, Node)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut buf);
    for (name, node) in entries {
        w.start_file(name.as_str(), SimpleFileOptions::default()).unwrap();
        match node {
            Node::File(bytes) => w.write_all(bytes).unwrap(),
            Node::Zip(inner) => w.write_all(&zip_of(inner)).unwrap(),
        }
    }
    w.finish().unwrap();
    buf.into_inner()
}

fn file(name: &str, bytes: impl Into<Vec<u8>>) -> (String, Node) {
    (name.to_string(), Node::File(bytes.into()))
}

const NAME: &str = "tf_5Ftaskforge";

fn customizations(workflows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml>
  <Workflows>{workflows}</Workflows>
  <Connectors>
    <Connector>
      <displayname>Taskforge</displayname>
      <name>{NAME}</name>
      <openapidefinition>/Connector/{NAME}_openapidefinition.json</openapidefinition>
      <connectionparameters>/Connector/{NAME}_connectionparameters.json</connectionparameters>
      <policytemplateinstances>/Connector/{NAME}_policytemplateinstances.json</policytemplateinstances>
      <iconblob>/Connector/{NAME}_iconblob.Png</iconblob>
    </Connector>
  </Connectors>
</ImportExportXml>
"#
    )
}

fn solution(workflows: &str, swagger: &[u8], managed: &str) -> Vec<(String, Node)> {
    let props: serde_json::Value = serde_json::from_slice(&example("apiProperties.json")).unwrap();
    let params = serde_json::to_vec_pretty(&props["properties"]["connectionParameters"]).unwrap();
    vec![
        file("[Content_Types].xml", "<Types />"),
        file("customizations.xml", customizations(workflows)),
        file(
            "solution.xml",
            format!(
                "<ImportExportXml><SolutionManifest><Managed>{managed}</Managed></SolutionManifest></ImportExportXml>"
            ),
        ),
        file(&format!("Connector/{NAME}_openapidefinition.json"), swagger),
        file(&format!("Connector/{NAME}_connectionparameters.json"), params),
        file(&format!("Connector/{NAME}_policytemplateinstances.json"), "[]"),
        file(&format!("Connector/{NAME}_iconblob.Png"), example("icon.png")),
    ]
}

/// Writes a package; `broken` gives a managed connector solution with an over-long title and
/// a flow solution whose workflow file is missing.
fn package(name: &str, broken: bool) -> PathBuf {
    let mut swagger = example("apiDefinition.swagger.json");
    if broken {
        let text = String::from_utf8(swagger).unwrap();
        swagger = text
            .replacen(
                "\"title\": \"Taskforge\"",
                "\"title\": \"Taskforge Enterprise Task Management API\"",
                1,
            )
            .into_bytes();
    }
    let flow_file = "Workflows/Sample-1.json";
    let workflow = format!("<Workflow><JsonFileName>/{flow_file}</JsonFileName></Workflow>");
    let mut flow = solution(&workflow, &example("apiDefinition.swagger.json"), "0");
    if !broken {
        flow.push(file(flow_file, format!(r#"{{"api": {{"logicalName": "{NAME}"}}}}"#)));
    }
    let pkg = vec![
        file("[Content_Types].xml", "<Types />"),
        (
            "PkgAssets/Connector.zip".into(),
            Node::Zip(solution("", &swagger, if broken { "1" } else { "0" })),
        ),
        ("PkgAssets/Flow.zip".into(), Node::Zip(flow)),
    ];
    let outer =
        vec![file("intro.md", example("intro.md")), ("Taskforge.pdpkg.zip".into(), Node::Zip(pkg))];
    let path = std::env::temp_dir().join(format!("sb-cert-{name}-{}.zip", std::process::id()));
    std::fs::write(&path, zip_of(&outer)).unwrap();
    path
}

/// One finding: `(code, severity, file, line)`.
type Finding = (String, String, String, u64);

/// The exit code and findings of `validate --format json`.
fn validate(path: &Path) -> (Option<i32>, Vec<Finding>) {
    let (code, found) = validate_json(path, "certification");
    let found = found
        .iter()
        .map(|d| {
            (
                field(d, "code"),
                field(d, "severity"),
                field(d, "file"),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    (code, found)
}

#[test]
fn a_good_package_has_no_package_errors() {
    let path = package("good", false);
    let (code, found) = validate(&path);
    assert_eq!(code, Some(0), "{found:#?}");
    assert!(!found.iter().any(|(c, ..)| c.starts_with("PZ")), "{found:#?}");
}

#[test]
fn a_broken_package_fails_with_located_findings() {
    let path = package("broken", true);
    let (code, found) = validate(&path);
    assert_eq!(code, Some(1), "{found:#?}");
    let outer = path.display().to_string();
    let at = |code: &str| {
        found.iter().find(|(c, ..)| c == code).unwrap_or_else(|| panic!("no {code}: {found:#?}"))
    };
    // The swagger rules ran on the connector solution's definition, named by its nested path.
    let title = at("SW011");
    assert_eq!(
        title.2,
        format!(
            "{outer}!/Taskforge.pdpkg.zip!/PkgAssets/Connector.zip!/Connector/{NAME}_openapidefinition.json"
        )
    );
    assert!(title.3 > 0);
    let missing = at("PZ008");
    assert_eq!((missing.1.as_str(), missing.3), ("error", 3));
    assert!(missing.2.ends_with("Flow.zip!/customizations.xml"), "{missing:?}");
    assert_eq!(at("PZ010").1, "warning");
    assert_eq!(at("PZ011").1, "warning");
}

#[test]
fn the_sas_uri_check_is_documented_as_not_checkable() {
    let o =
        Command::new(env!("CARGO_BIN_EXE_switchboard")).args(["rule", "PZ014"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.starts_with("# PZ014 (not checked)"), "{out}");
    assert!(out.contains("cannot be checked offline"), "{out}");
}
