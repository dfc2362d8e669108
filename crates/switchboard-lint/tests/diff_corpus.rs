//! `diff` over the real connectors in `../shared/corpus/powerplatform`: every connector against
//! itself has no change, and mutated copies of a few named connectors give exactly the
//! expected change kinds.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use rayon::prelude::*;
use serde_json::{Value, json};
use switchboard_lint::diff::{UpdateClass, diff};
use switchboard_model::Connector;

use common::corpus;

/// `(unreadable definition, what happened)` of comparisons that did not give "no change".
type Outcomes = Vec<(bool, String)>;

#[test]
fn every_connector_against_itself_has_no_change() {
    let root = corpus();
    let paths = switchboard_model::connector::discover(&root).unwrap();
    assert!(paths.len() > 600, "{} connectors", paths.len());
    // (unreadable definition, what happened) of each comparison that did not give "no change".
    let (unreadable, failures): (Outcomes, Outcomes) = paths
        .par_iter()
        .filter_map(|p| {
            let old = Connector::load(p).unwrap();
            let new = Connector::load(p).unwrap();
            match diff(&old, &new) {
                // Only a definition that is missing or does not parse cannot be compared.
                Err(e) => Some((old.swagger_root().is_none(), format!("{}: {e}", p.display()))),
                Ok(r) if r.changes.is_empty() && r.update.class == UpdateClass::Unchanged => None,
                Ok(r) => Some((false, format!("{}: {:?}", p.display(), r.changes.first()))),
            }
        })
        .partition(|(unreadable, _)| *unreadable);
    assert!(failures.is_empty(), "{failures:#?}");
    // The corpus has a handful of definitions a strict parse gives up on (see the linter's
    // corpus snapshot); each is reported with its position, never compared half-read.
    assert!(unreadable.len() < 10, "{unreadable:#?}");
}

/// The definition of a corpus connector as serde_json (members in file order).
fn definition(dir: &Path) -> Value {
    let bytes = std::fs::read(dir.join("apiDefinition.swagger.json")).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap()
}

/// The connector at `dir` with its definition replaced by `swagger`.
fn with_definition(dir: &Path, swagger: &Value) -> Connector {
    let mut files = vec![(
        "apiDefinition.swagger.json".to_string(),
        serde_json::to_vec_pretty(swagger).unwrap(),
    )];
    for name in ["apiProperties.json", "icon.png"] {
        if let Ok(bytes) = std::fs::read(dir.join(name)) {
            files.push((name.to_string(), bytes));
        }
    }
    Connector::from_files(dir, files)
}

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// `(path, method)` of every operation, in file order.
fn operations(doc: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys().filter(|m| METHODS.contains(&m.as_str())) {
            out.push((path.clone(), method.clone()));
        }
    }
    out
}

/// Follows a local `#/definitions/…` reference.
fn deref<'a>(doc: &'a Value, mut v: &'a Value) -> &'a Value {
    while let Some(r) = v.get("$ref").and_then(Value::as_str) {
        v = doc.pointer(r.trim_start_matches('#')).unwrap();
    }
    v
}

/// The pointer of the first string property (without format) of a 2xx response schema of an
/// operation other than the first (which the mutation deletes), following references.
fn first_string_output(doc: &Value) -> Option<String> {
    for (path, method) in operations(doc).into_iter().skip(1) {
        let op = &doc["paths"][&path][&method];
        for (code, response) in op["responses"].as_object()? {
            if !code.starts_with('2') {
                continue;
            }
            let Some(schema) = deref(doc, response).get("schema") else { continue };
            let target = deref(doc, schema);
            let Some(props) = target.get("properties").and_then(Value::as_object) else { continue };
            for (name, prop) in props {
                if prop.get("type") == Some(&json!("string")) && prop.get("format").is_none() {
                    let base = match schema.get("$ref").and_then(Value::as_str) {
                        Some(r) => r.trim_start_matches('#').to_string(),
                        None => format!(
                            "/paths/{}/{method}/responses/{code}/schema",
                            path.replace('~', "~0").replace('/', "~1")
                        ),
                    };
                    return Some(format!("{base}/properties/{name}/type"));
                }
            }
        }
    }
    None
}

/// Applies the standard mutations to `doc` and returns the change kinds they must produce:
/// delete the first operation (BC001), make the first optional query parameter of another
/// operation required (BC007, when there is one), add a required query parameter to the last
/// operation (BC006), retype a response property (BC014), switch to basic authentication
/// (BC018, unless it was basic).
fn mutate(doc: &mut Value) -> BTreeSet<&'static str> {
    let mut expected = BTreeSet::from(["BC001", "BC006", "BC014"]);
    if !doc["securityDefinitions"].to_string().contains("\"basic\"") {
        expected.insert("BC018");
    }
    let ops = operations(doc);
    let (first_path, first_method) = ops.first().unwrap().clone();
    let (last_path, last_method) = ops.last().unwrap().clone();
    let retype = first_string_output(doc).unwrap();
    let _ = doc.pointer_mut(&retype).map(|t| *t = json!("integer"));

    'outer: for (path, method) in &ops[1..] {
        let params = doc["paths"][path][method]["parameters"].as_array_mut();
        for p in params.into_iter().flatten() {
            if p["in"] == "query"
                && p.get("required") != Some(&json!(true))
                && p.get("default").is_none()
                && p.get("x-ms-visibility") != Some(&json!("internal"))
            {
                p["required"] = json!(true);
                expected.insert("BC007");
                break 'outer;
            }
        }
    }
    let last = &mut doc["paths"][&last_path][&last_method];
    if last.get("parameters").is_none() {
        last["parameters"] = json!([]);
    }
    last["parameters"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "mutationFlag", "in": "query", "required": true, "type": "string"}));
    doc["paths"][&first_path].as_object_mut().unwrap().remove(&first_method);
    doc["securityDefinitions"] = json!({"basic_auth": {"type": "basic"}});
    expected
}

#[test]
fn mutated_connectors_give_exactly_the_expected_changes() {
    let root = corpus().join("certified-connectors");
    let mut snapshot = String::new();
    for name in ["AssemblyAI", "Airmeet", "Adobe Creative Cloud Libraries"] {
        let dir = root.join(name);
        let old = Connector::load(&dir).unwrap();
        let mut doc = definition(&dir);
        let expected = mutate(&mut doc);
        let report = diff(&old, &with_definition(&dir, &doc)).unwrap();
        let codes: BTreeSet<&str> = report.changes.iter().map(|c| c.code).collect();
        assert_eq!(codes, expected, "{name}: {:#?}", report.changes);
        assert_eq!(report.update.class, UpdateClass::Major);
        let _ = writeln!(snapshot, "{name}:");
        for c in &report.changes {
            let _ = writeln!(snapshot, "  {} {} {}", c.code, c.class.as_str(), c.path);
        }
    }
    insta::assert_snapshot!(snapshot);
}
