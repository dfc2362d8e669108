//! `switchboard diff`: classify the changes between two versions of a connector.

use std::fmt::Write as _;
use std::io::Write;

use anyhow::Context as _;
use serde_json::{Map, Value, json};
use switchboard_diagnostics::Location;
use switchboard_lint::diff::{self, Change, Class, DiffReport};
use switchboard_model::Connector;

use crate::args::{DiffArgs, ReportFormat};
use crate::exit::Exit;

pub fn run(args: &DiffArgs) -> anyhow::Result<Exit> {
    let load = |path: &std::path::Path| {
        Connector::load(path).with_context(|| format!("cannot load connector {}", path.display()))
    };
    let (old, new) = (load(&args.old)?, load(&args.new)?);
    let report = diff::diff(&old, &new)?;
    let text = match args.format {
        ReportFormat::Human => human(&report),
        ReportFormat::Json => {
            let mut s = serde_json::to_string_pretty(&to_json(&report))?;
            s.push('\n');
            s
        }
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(if report.is_breaking() { Exit::Findings } else { Exit::Clean })
}

const CLASSES: [(Class, &str); 3] = [
    (Class::Breaking, "Breaking changes"),
    (Class::Additive, "Additive changes"),
    (Class::Cosmetic, "Cosmetic changes"),
];

/// Text for people: the changes grouped by class, each with its old and new location.
fn human(report: &DiffReport) -> String {
    let mut s = String::new();
    for (class, title) in CLASSES {
        let changes: Vec<&Change> = report.changes.iter().filter(|c| c.class == class).collect();
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(s, "{title} ({}):", changes.len());
        for c in changes {
            let _ = writeln!(s, "  {}[{}] {}", c.severity, c.code, c.path);
            let _ = writeln!(s, "      {}", c.message);
            for (label, at) in [("old", &c.old), ("new", &c.new)] {
                if let Some(at) = at {
                    let _ = writeln!(s, "      {label}: {}", place(at));
                }
            }
        }
        s.push('\n');
    }
    if report.changes.is_empty() {
        s.push_str("No changes.\n");
    }
    let _ = write!(
        s,
        "{} breaking, {} additive, {} cosmetic; ",
        report.count(Class::Breaking),
        report.count(Class::Additive),
        report.count(Class::Cosmetic)
    );
    let _ = write!(s, "certification update: {}", report.update.class.as_str());
    if let Some(first) = &report.update.first_major_difference {
        let _ = write!(s, " (BC100, first at {first})");
    }
    s.push('\n');
    s
}

/// `file:line:column (pointer)`.
fn place(at: &Location) -> String {
    let mut s = format!("{}:{}:{}", at.file, at.line, at.column);
    if !at.pointer.is_empty() {
        let _ = write!(s, " ({})", at.pointer);
    }
    s
}

/// `{"changes":[…],"summary":{…}}`.
fn to_json(report: &DiffReport) -> Value {
    let location = |at: &Location| json!({"file": &*at.file, "line": at.line, "column": at.column, "pointer": at.pointer});
    let changes: Vec<Value> = report
        .changes
        .iter()
        .map(|c| {
            let mut o = Map::new();
            o.insert("code".into(), c.code.into());
            o.insert("kind".into(), c.class.as_str().into());
            o.insert("severity".into(), c.severity.as_str().into());
            o.insert("message".into(), c.message.clone().into());
            o.insert("path".into(), c.path.clone().into());
            if let Some(at) = &c.old {
                o.insert("old".into(), location(at));
            }
            if let Some(at) = &c.new {
                o.insert("new".into(), location(at));
            }
            Value::Object(o)
        })
        .collect();
    json!({
        "changes": changes,
        "summary": {
            "breaking": report.count(Class::Breaking),
            "additive": report.count(Class::Additive),
            "cosmetic": report.count(Class::Cosmetic),
            "update": {
                "code": "BC100",
                "class": report.update.class.as_str(),
                "first_major_difference": report.update.first_major_difference,
            },
        },
    })
}
