//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it, with each machine-applicable
//! fix as a result's `fixes` (byte regions), which editors and review bots can apply.
//!
//! Written with `serde_json::json!` rather than a SARIF crate: we emit a fixed, small subset
//! (one run, rule metadata with help, results with physical locations), and the available
//! crates generate the whole 2.1.0 object model, which costs more build time than it saves.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Report, RuleDoc};
use crate::Severity;

/// Tool name in the SARIF run.
pub const TOOL_NAME: &str = "switchboard";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encodes a path into a relative URI reference (`/` kept, spaces and the like
/// escaped), as SARIF `artifactLocation.uri` requires.
pub fn path_to_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'!'
            | b'('
            | b')'
            | b'+'
            | b','
            | b'='
            | b'@' => {
                out.push(b as char);
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// Renders the reports as a SARIF 2.1.0 log; `rules` supplies metadata for every code that
/// can appear (codes without metadata still get a minimal rule entry).
pub fn render(reports: &[Report], rules: &[RuleDoc], tool_version: &str) -> String {
    let mut rule_index = std::collections::HashMap::new();
    let mut rule_objects: Vec<Value> = Vec::new();
    for r in rules {
        rule_index.insert(r.code, rule_objects.len());
        let mut properties = json!({ "tags": [r.code.get(..2).unwrap_or("")] });
        if let Some(ms) = r.ms_rule {
            properties["microsoftRule"] = json!(ms);
        }
        rule_objects.push(json!({
            "id": r.code,
            "name": r.name,
            "shortDescription": { "text": r.summary },
            "fullDescription": { "text": r.summary },
            "help": { "text": r.docs, "markdown": r.docs },
            "defaultConfiguration": {
                "enabled": r.severity.is_some(),
                "level": r.severity.map_or("none", level),
            },
            "properties": properties,
        }));
    }
    let mut results = Vec::new();
    for report in reports {
        for d in &report.diagnostics {
            let loc = &d.location;
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": match &d.help { Some(h) => format!("{} ({h})", d.message), None => d.message.clone() } },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": path_to_uri(&loc.file) },
                        "region": {
                            "startLine": loc.line,
                            "startColumn": loc.column,
                            "endLine": loc.end_line,
                            "endColumn": loc.end_column.max(loc.column + u32::from(loc.end_line == loc.line && loc.end_column <= loc.column)),
                        }
                    },
                    "logicalLocations": if loc.pointer.is_empty() { json!([]) } else {
                        json!([{ "fullyQualifiedName": loc.pointer, "kind": "member" }])
                    },
                }],
            });
            if let Some(&i) = rule_index.get(d.code.as_ref()) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(fix) = &d.fix {
                // SARIF §3.55: the edits as byte regions of the same artifact.
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": {
                                "byteOffset": e.span.start,
                                "byteLength": e.span.end.saturating_sub(e.span.start),
                            },
                            "insertedContent": { "text": e.replacement },
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": fix.message },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": path_to_uri(&loc.file) },
                        "replacements": replacements,
                    }],
                }]);
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": TOOL_NAME,
                "version": tool_version,
                "informationUri": "https://github.com/switchboard-dev/switchboard",
                "rules": rule_objects,
            }},
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}
