//! Imports every OpenAPI 3 document of the shared corpus (read in place), validates the
//! result under the default profile, and snapshots per file: operations, budget, loss codes
//! and findings by severity. Every file must import with zero error-level findings.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use switchboard_diagnostics::Severity;
use switchboard_import::{ImportOptions, openapi3};
use switchboard_lint::{Linter, Profile};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/openapi3");
    dir.is_dir().then_some(dir)
}

#[test]
fn openapi3_corpus_imports_without_errors() {
    let Some(dir) = corpus() else {
        eprintln!("shared corpus not found; skipped");
        return;
    };
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let linter = Linter::new(Profile::Default);
    let mut summary = String::new();
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let imported = match openapi3::import(&name, &bytes, &ImportOptions::default()) {
            Ok(i) => i,
            Err(e) => {
                failures.push(format!("{name}: import failed: {e}"));
                continue;
            }
        };
        let again = openapi3::import(&name, &bytes, &ImportOptions::default()).unwrap();
        assert_eq!(
            imported.files.files(),
            again.files.files(),
            "{name}: output is not deterministic"
        );
        let connector = imported.files.to_connector(Path::new(&name));
        let findings = linter.lint(&connector);
        let mut losses: BTreeMap<String, usize> = BTreeMap::new();
        for d in &imported.report {
            *losses.entry(format!("{}({})", d.code, d.severity)).or_default() += 1;
        }
        let mut by_severity: BTreeMap<&str, usize> = BTreeMap::new();
        let mut error_codes: BTreeMap<String, usize> = BTreeMap::new();
        for d in &findings {
            *by_severity.entry(d.severity.as_str()).or_default() += 1;
            if d.severity == Severity::Error {
                *error_codes.entry(d.code.to_string()).or_default() += 1;
                failures
                    .push(format!("{name}: {} {} at {}", d.code, d.message, d.location.pointer));
            }
        }
        let _ = writeln!(
            summary,
            "{name}\n  operations: {}, schema count: {}, bytes: {}\n  losses: {:?}\n  findings: {:?}",
            imported.budget.operations,
            imported.budget.schema_count,
            imported.budget.definition_bytes,
            losses,
            by_severity
        );
    }
    insta::assert_snapshot!("openapi3_corpus", summary);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
