//! Every parseable corpus connector compiles without panicking (checklist 1), and every
//! operation's request builds or fails with an error (never a panic). The counts are
//! snapshotted so that a change in behaviour on real inputs shows up in review; policy
//! counts are printed only, since they change as templates are implemented.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use switchboard_runtime::auth::AuthConfig;
use switchboard_runtime::{Call, CompileOptions, CompiledConnector, build_request};

#[test]
fn every_parseable_corpus_connector_compiles() {
    let root = common::corpus();
    assert!(root.is_dir(), "corpus not found at {} (set SWITCHBOARD_CORPUS)", root.display());
    let paths = switchboard_model::connector::discover(&root).unwrap();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut bump = |k: &str, n: usize| *counts.entry(k.to_string()).or_default() += n;
    let (mut built, mut failed) = (0, 0);
    for path in &paths {
        bump("connectors", 1);
        let loaded = switchboard_model::Connector::load(path).unwrap();
        let Ok((c, diagnostics)) = CompiledConnector::build(&loaded, CompileOptions::default())
        else {
            bump("not compiled (no or unparseable definition)", 1);
            continue;
        };
        bump("compiled", 1);
        for d in diagnostics.iter().filter(|d| d.code != "PolicyNotBuilt") {
            bump(&format!("diagnostic {}", d.code), 1);
        }
        let (b, f) = c.policy_counts();
        built += b;
        failed += f;
        for a in &c.auth_configs {
            bump(
                match a {
                    AuthConfig::ApiKey(_) => "auth apiKey",
                    AuthConfig::Basic(_) => "auth basic",
                    AuthConfig::OAuth2(_) => "auth oauth2",
                },
                1,
            );
        }
        for op in c.operations.values() {
            bump("operations", 1);
            bump("operations covered by script.csx", usize::from(op.script));
            bump("operations pageable", usize::from(op.pageable.is_some()));
            bump("operations long-running", usize::from(op.long_running));
            bump("dynamic-values specs", op.dynamic.len());
            if c.base_url.is_empty() {
                continue;
            }
            match build_request(&c, op, &Call::new(op.id.clone())) {
                Ok(_) => bump("requests built with no arguments", 1),
                Err(e) => bump(&format!("requests refused with no arguments: {}", e.code), 1),
            }
        }
    }
    eprintln!("policy instances: {built} built, {failed} not built (yet)");
    let mut report = String::new();
    for (k, v) in &counts {
        writeln!(report, "{k}: {v}").unwrap();
    }
    assert!(counts["compiled"] > 500, "{report}");
    insta::assert_snapshot!(report);
}
