//! The Postman importer over the real collections in `../shared/corpus/postman`: every file
//! imports, the result has no error-level finding under the default profile, the output is
//! deterministic, and the per-file counts and loss codes are snapshotted so that any change
//! in behaviour on real inputs shows up in review.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use switchboard_diagnostics::{Diagnostic, Severity};
use switchboard_import::{ImportOptions, postman};
use switchboard_lint::{Linter, Profile};

fn corpus() -> PathBuf {
    let dir = std::env::var_os("SWITCHBOARD_POSTMAN_CORPUS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/postman"),
        PathBuf::from,
    );
    assert!(dir.is_dir(), "corpus not found at {} (set SWITCHBOARD_POSTMAN_CORPUS)", dir.display());
    dir
}

fn files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn counts<'a>(diagnostics: impl Iterator<Item = &'a Diagnostic>) -> String {
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for d in diagnostics {
        *by_code.entry(&d.code).or_default() += 1;
    }
    if by_code.is_empty() {
        return "-".into();
    }
    by_code.iter().map(|(c, n)| format!("{c}×{n}")).collect::<Vec<_>>().join(" ")
}

#[test]
fn every_collection_imports_cleanly() {
    let files = files();
    assert!(!files.is_empty(), "no collection in the corpus");
    let linter = Linter::new(Profile::Default);
    let mut out = String::new();
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(path).unwrap();
        let imported = postman::import(&name, &bytes, &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let again = postman::import(&name, &bytes, &ImportOptions::default()).unwrap();
        assert_eq!(
            imported.files.files(),
            again.files.files(),
            "{name}: output is not deterministic"
        );
        assert_eq!(imported.report, again.report, "{name}: loss report is not deterministic");
        for d in &imported.report {
            assert!(
                d.location.line >= 1 && !d.location.pointer.is_empty() || d.code == "IMP223",
                "{name}: {} is not located",
                d.code
            );
        }

        let connector = imported.files.to_connector(Path::new(&name));
        let findings = linter.lint(&connector);
        let at = |s: Severity| findings.iter().filter(move |d| d.severity == s);
        let errors: Vec<&Diagnostic> = at(Severity::Error).collect();
        for e in &errors {
            failures.push(format!("{name}: {} {} at {}", e.code, e.message, e.location.pointer));
        }
        let short: String = name.chars().take(70).collect();
        let _ = writeln!(out, "{short}");
        let _ = writeln!(
            out,
            "  operations {}, schemas {}, bytes {}",
            imported.budget.operations,
            imported.budget.schema_count,
            imported.budget.definition_bytes
        );
        let _ = writeln!(out, "  losses: {}", counts(imported.report.iter()));
        let _ = writeln!(
            out,
            "  findings: {} errors, {} warnings, {} infos",
            errors.len(),
            at(Severity::Warning).count(),
            at(Severity::Info).count()
        );
        let _ = writeln!(out, "  warnings: {}", counts(at(Severity::Warning)));
    }
    if std::env::var_os("SWITCHBOARD_SHOW").is_some() {
        println!("{out}");
        for f in &failures {
            println!("{f}");
        }
    }
    assert!(failures.is_empty(), "error-level findings after import:\n{}", failures.join("\n"));
    insta::assert_snapshot!("postman_corpus", out);
}
