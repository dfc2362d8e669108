//! Snapshot tests of the three renderers.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

use switchboard_diagnostics::render::{Report, RuleDoc, human, json, sarif};
use switchboard_diagnostics::{Diagnostic, Edit, Fix, Location, Severity};
use switchboard_model::json::{parse, pointer};
use switchboard_model::{SourceFile, Span};

const SWAGGER: &str = r#"{
    "swagger": "2.0",
    "info": {
        "title": "Contoso Enterprise Task Management API",
        "version": "1.0"
    }
}
"#;

fn fixture() -> (SourceFile, Vec<Report>) {
    let source =
        SourceFile::new("My Connector/apiDefinition.swagger.json", SWAGGER.as_bytes().to_vec());
    let root = parse(SWAGGER.as_bytes()).root.unwrap();
    let title = pointer::resolve(&root, "/info/title").unwrap();
    let info = pointer::resolve(&root, "/info").unwrap();
    let d1 = Diagnostic::new(
        "SW011",
        Severity::Error,
        "The 'title' value goes over the character limit '30' (38 characters)",
        Location::span(&source, Some(&root), title.span),
    )
    .with_help("shorten the title to the product name");
    let d2 = Diagnostic::new(
        "SW026",
        Severity::Warning,
        "The 'contact' property is required.",
        Location::span(&source, Some(&root), info.span),
    );
    let d3 = Diagnostic::new(
        "PK004",
        Severity::Info,
        "readme.md is missing",
        Location::file("My Connector/readme.md"),
    );
    (
        source,
        vec![
            Report { path: "My Connector".into(), diagnostics: vec![d1, d2, d3] },
            Report { path: "Clean".into(), diagnostics: vec![] },
        ],
    )
}

#[test]
fn human_reads_like_rustc() {
    let (source, reports) = fixture();
    let text: String = reports[0]
        .diagnostics
        .iter()
        .map(|d| human::render(d, Some(&source), human::Style::default()))
        .collect();
    insta::assert_snapshot!(text);
}

#[test]
fn human_windows_long_lines() {
    let line = format!("{{\"a\": \"{}\", \"bad\": 1}}", "x".repeat(500));
    let source = SourceFile::new("min.json", line.clone().into_bytes());
    let root = parse(line.as_bytes()).root.unwrap();
    let bad = pointer::resolve(&root, "/bad").unwrap();
    let d = Diagnostic::new(
        "JS001",
        Severity::Error,
        "example",
        Location::span(&source, Some(&root), bad.span),
    );
    let text = human::render(&d, Some(&source), human::Style::default());
    assert!(text.lines().all(|l| l.chars().count() < 200), "{text}");
    assert!(text.contains('…'), "{text}");
}

#[test]
fn human_says_when_a_fix_can_be_applied() {
    let (source, reports) = fixture();
    let plain = human::render(&reports[0].diagnostics[0], Some(&source), human::Style::default());
    assert!(!plain.contains("--fix"), "{plain}");
    let fixable = reports[0].diagnostics[0].clone().with_fix(Fix {
        message: "Shorten the title".into(),
        edits: vec![Edit { span: Span::new(40, 78), replacement: "\"Contoso Tasks\"".into() }],
    });
    let text = human::render(&fixable, Some(&source), human::Style::default());
    assert!(
        text.contains("help: Shorten the title (`switchboard validate --fix` does it)"),
        "{text}"
    );
}

#[test]
fn zero_width_span_still_gets_a_caret() {
    let source = SourceFile::new("x.json", b"{\"a\": 1}".to_vec());
    let d = Diagnostic::new("X", Severity::Error, "m", Location::span(&source, None, Span::at(8)));
    let text = human::render(&d, Some(&source), human::Style::default());
    assert!(text.contains('^'), "{text}");
}

#[test]
fn json_has_the_documented_shape() {
    let (_, reports) = fixture();
    let out = json::render(&reports);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["summary"],
        serde_json::json!({"connectors": 2, "errors": 1, "warnings": 1, "infos": 1})
    );
    let d = &v["connectors"][0]["diagnostics"][0];
    for key in ["code", "severity", "message", "file", "line", "column", "pointer"] {
        assert!(d.get(key).is_some(), "missing {key}");
    }
    assert_eq!(d["line"], 4);
    assert_eq!(d["column"], 18);
    assert_eq!(d["pointer"], "/info/title");
    assert_eq!(v["connectors"][1]["diagnostics"], serde_json::json!([]));
    insta::assert_snapshot!(out);
}

#[test]
fn sarif_is_2_1_0_with_rules_and_locations() {
    let (_, reports) = fixture();
    let rules = vec![RuleDoc {
        code: "SW011",
        name: "title-too-long",
        summary: "Checks that info.title is at most 30 characters.",
        docs: "## What it does\nChecks the title length.",
        severity: Some(Severity::Error),
        ms_rule: Some("FieldLengthExceeded"),
    }];
    let out = sarif::render(&reports, &rules, "0.1.0");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["rules"][0]["id"], "SW011");
    assert_eq!(run["results"][0]["ruleIndex"], 0);
    assert_eq!(
        run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "My%20Connector/apiDefinition.swagger.json"
    );
    assert_eq!(run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"], 4);
    assert_eq!(run["results"][2]["level"], "note");
    insta::assert_snapshot!(out);
}

#[test]
fn sarif_carries_fixes_as_byte_replacements() {
    let (_, mut reports) = fixture();
    let d = &mut reports[0].diagnostics[0];
    *d = d.clone().with_fix(Fix {
        message: "Shorten the title".into(),
        edits: vec![Edit { span: Span::new(40, 80), replacement: "\"Contoso Tasks\"".into() }],
    });
    let v: serde_json::Value =
        serde_json::from_str(&sarif::render(&reports, &[], "0.1.0")).unwrap();
    let results = &v["runs"][0]["results"];
    let fix = &results[0]["fixes"][0];
    assert_eq!(fix["description"]["text"], "Shorten the title");
    let change = &fix["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "My%20Connector/apiDefinition.swagger.json");
    assert_eq!(change["replacements"][0]["deletedRegion"]["byteOffset"], 40);
    assert_eq!(change["replacements"][0]["deletedRegion"]["byteLength"], 40);
    assert_eq!(change["replacements"][0]["insertedContent"]["text"], "\"Contoso Tasks\"");
    // Findings without a fix have none.
    assert!(results[1].get("fixes").is_none());
}
