//! The linter over the real connectors in `../shared/corpus/powerplatform`: nothing panics,
//! every file a strict JSON parser rejects gets a located error, and the per-rule counts are
//! snapshotted so that any change in behaviour on real inputs shows up in review.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use rayon::prelude::*;
use switchboard_lint::{Diagnostic, Linter, Profile, Severity};
use switchboard_model::Connector;

use common::corpus;

struct Linted {
    /// Path relative to the corpus root.
    name: String,
    connector: Connector,
    diagnostics: Vec<Diagnostic>,
}

fn lint_corpus(profile: Profile) -> Vec<Linted> {
    let root = corpus();
    let paths = switchboard_model::connector::discover(&root).expect("corpus readable");
    let linter = Linter::new(profile);
    paths
        .par_iter()
        .map(|p| {
            let connector = Connector::load(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let diagnostics = linter.lint(&connector);
            let name = p.strip_prefix(&root).unwrap_or(p).display().to_string();
            Linted { name, connector, diagnostics }
        })
        .collect()
}

/// Per-rule counts: connectors with at least one finding, and findings.
fn summary(linted: &[Linted]) -> String {
    let mut per_rule: BTreeMap<String, (Severity, usize, usize)> = BTreeMap::new();
    let mut severities = [0usize; 3];
    for l in linted {
        let mut seen = BTreeSet::new();
        for d in &l.diagnostics {
            let e = per_rule.entry(d.code.to_string()).or_insert((d.severity, 0, 0));
            e.0 = e.0.max(d.severity);
            e.2 += 1;
            if seen.insert(d.code.clone()) {
                e.1 += 1;
            }
            severities[d.severity as usize] += 1;
        }
    }
    let unparsed =
        |f: Option<&switchboard_model::json::JsonFile>| f.is_some_and(|f| f.root().is_none());
    let parse_failures = linted
        .iter()
        .filter(|l| {
            unparsed(l.connector.swagger.as_ref().map(|f| &f.file))
                || unparsed(l.connector.properties.as_ref().map(|f| &f.file))
        })
        .count();
    let mut out = String::new();
    let _ = writeln!(out, "connectors: {}", linted.len());
    let _ = writeln!(out, "connectors with a file that does not parse: {parse_failures}");
    let _ = writeln!(
        out,
        "connectors with errors: {}",
        linted
            .iter()
            .filter(|l| l.diagnostics.iter().any(|d| d.severity == Severity::Error))
            .count()
    );
    let _ = writeln!(
        out,
        "findings: {} errors, {} warnings, {} infos",
        severities[2], severities[1], severities[0]
    );
    let _ = writeln!(out, "\nrule    severity  connectors  findings");
    for (code, (sev, connectors, findings)) in per_rule {
        let _ = writeln!(out, "{code:<7} {:<9} {connectors:>10}  {findings:>8}", sev.as_str());
    }
    out
}

#[test]
fn corpus_summary_certification() {
    let linted = lint_corpus(Profile::Certification);
    insta::assert_snapshot!(summary(&linted));
}

#[test]
fn corpus_summary_default() {
    let linted = lint_corpus(Profile::Default);
    insta::assert_snapshot!(summary(&linted));
}

/// Codes that report JSON syntax and encoding errors.
const SYNTAX_CODES: &[&str] = &["JS001", "JS002", "JP001", "JP002", "ST001"];

/// serde_json is the oracle of strictness: every file it rejects (after the BOM, which is
/// only a warning for us) must get a syntax error that names the file and a position; every
/// file it accepts must get none.
#[test]
fn every_broken_file_gets_a_located_error() {
    let linted = lint_corpus(Profile::Default);
    let mut broken = 0;
    for l in &linted {
        let c = &l.connector;
        let files = [c.swagger.as_ref(), c.properties.as_ref(), c.settings.as_ref()];
        for f in files.into_iter().flatten() {
            let bytes = f.file.source.bytes();
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let strict_ok = serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok();
            let name = f.file.source.name();
            let errors: Vec<&Diagnostic> = l
                .diagnostics
                .iter()
                .filter(|d| d.location.file == *name && SYNTAX_CODES.contains(&d.code.as_ref()))
                .collect();
            if strict_ok {
                assert!(errors.is_empty(), "{}: strict JSON but reported {errors:#?}", l.name);
            } else {
                broken += 1;
                let err = serde_json::from_slice::<serde::de::IgnoredAny>(bytes).unwrap_err();
                assert!(
                    errors.iter().any(|d| d.severity == Severity::Error
                        && d.location.line >= 1
                        && d.location.column >= 1),
                    "{}: serde_json rejects it ({err}) but no located syntax error was reported",
                    l.name
                );
            }
        }
    }
    // The catalog counts 11 certified swaggers and 3 apiProperties files that are not strict
    // JSON; make sure the test saw exactly those.
    assert_eq!(broken, 14, "broken files found");
}
