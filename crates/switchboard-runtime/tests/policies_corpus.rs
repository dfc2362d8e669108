//! Every `policyTemplateInstances` entry of every parseable `apiProperties.json` in
//! `../shared/corpus/powerplatform` is built with the same `build()` the runtime and the linter
//! use. All must build except the instances listed in [`INVALID`], each with the reason it is
//! genuinely invalid; the counts per template id are snapshotted.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use common::corpus;

/// Instances that do not build, as `(connector folder, index)`, with why they are invalid.
const INVALID: &[(&str, usize, &str)] = &[
    (
        "Assently E-Sign",
        1,
        "setheader name `[[Dummy]]`: brackets are not allowed in an HTTP header name, so the \
         header cannot be sent",
    ),
    (
        "The Events Calendar",
        2,
        "pollingtrigger triggerConfig key \"\": a filter query parameter needs a name",
    ),
];

/// `<group>/<connector>/apiProperties.json` files, sorted.
fn properties_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for group in std::fs::read_dir(root).unwrap() {
        let group = group.unwrap().path();
        if !group.is_dir() {
            continue;
        }
        for connector in std::fs::read_dir(&group).unwrap() {
            let file = connector.unwrap().path().join("apiProperties.json");
            if file.is_file() {
                files.push(file);
            }
        }
    }
    files.sort();
    files
}

#[derive(Default)]
struct Counts {
    built: usize,
    failed: usize,
}

#[test]
fn every_corpus_instance_builds_except_the_invalid_ones() {
    let root = corpus();
    let files = properties_files(&root);
    let mut per_template: BTreeMap<String, Counts> = BTreeMap::new();
    let mut unparsed = Vec::new();
    let mut failures = Vec::new();
    for file in &files {
        let connector = file.parent().unwrap().file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(file).unwrap();
        let Ok(json) = serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')) else {
            unparsed.push(connector);
            continue;
        };
        let instances =
            json["properties"]["policyTemplateInstances"].as_array().cloned().unwrap_or_default();
        for (index, instance) in instances.iter().enumerate() {
            let id = instance["templateId"].as_str().unwrap_or_default().to_ascii_lowercase();
            let counts = per_template.entry(id).or_default();
            match switchboard_runtime::policies::build(index, instance) {
                Ok(policy) => {
                    counts.built += 1;
                    assert_eq!(
                        Some(policy.template_id()),
                        instance["templateId"].as_str().map(str::to_ascii_lowercase).as_deref()
                    );
                }
                Err(e) => {
                    counts.failed += 1;
                    failures.push((connector.clone(), index, e.to_string()));
                }
            }
        }
    }

    let failed: Vec<(&str, usize)> = failures.iter().map(|(c, i, _)| (c.as_str(), *i)).collect();
    let expected: Vec<(&str, usize)> = INVALID.iter().map(|(c, i, _)| (*c, *i)).collect();
    assert_eq!(failed, expected, "instances that do not build: {failures:#?}");

    let mut out = String::new();
    let _ = writeln!(out, "apiProperties files: {}", files.len());
    let _ = writeln!(out, "not parseable: {}", unparsed.join(", "));
    let total: usize = per_template.values().map(|c| c.built + c.failed).sum();
    let _ = writeln!(out, "instances: {total}");
    let _ = writeln!(out, "\ntemplate id: built / failed");
    for (id, c) in &per_template {
        let _ = writeln!(out, "{id}: {} / {}", c.built, c.failed);
    }
    let _ = writeln!(out, "\nnot built:");
    for (connector, index, error) in &failures {
        let _ = writeln!(out, "{connector} #{index}: {error}");
    }
    insta::assert_snapshot!("policies_corpus_summary", out);
}

#[test]
fn unknown_template_ids_are_rejected_naming_index_and_title() {
    let instance =
        serde_json::json!({"templateId": "setheaders", "title": "Typo", "parameters": {}});
    let e = switchboard_runtime::policies::build(3, &instance).err().unwrap();
    assert_eq!(e.to_string(), "policy template #3 'Typo': unknown templateId 'setheaders'");
    let ids: Vec<&str> = switchboard_runtime::policies::template_ids().collect();
    assert_eq!(ids.len(), 16);
}
