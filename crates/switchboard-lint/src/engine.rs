//! Running rules over a connector.

use std::cmp::Ordering;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::time::{Duration, Instant};

use switchboard_diagnostics::Diagnostic;
use switchboard_model::Connector;

use crate::rules::info::title_not_unique::{TitleFact, TitleNotUnique, check_titles, title_fact};
use crate::rules::readme::common::Texts;
use crate::{Context, Declared, Profile, Rule, SwaggerIndex, rules};

/// The result of checking one connector, with the facts batch rules need.
#[derive(Clone, Debug)]
pub struct Linted {
    /// Findings, sorted by file, line, column and code.
    pub diagnostics: Vec<Diagnostic>,
    /// Facts for [`Linter::check_batch`].
    pub facts: Facts,
}

/// What rules comparing connectors need to know about one connector.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// The title and where it is.
    pub title: Option<TitleFact>,
}

/// Runs a set of rules under a profile.
#[derive(Clone)]
pub struct Linter {
    profile: Profile,
    rules: Vec<&'static dyn Rule>,
    /// Time spent in each rule (same order as `rules`), when asked for.
    timings: Option<Arc<[AtomicU64]>>,
}

/// Time spent in one rule over every connector checked, from [`Linter::timings`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleTiming {
    /// The rule's code.
    pub code: &'static str,
    /// Total time in the rule's check, summed over threads.
    pub total: Duration,
}

impl Linter {
    /// Every registered rule under `profile`.
    pub fn new(profile: Profile) -> Self {
        Self { profile, rules: rules::all().to_vec(), timings: None }
    }

    /// Only `rules`, under `profile`.
    pub fn with_rules(profile: Profile, rules: Vec<&'static dyn Rule>) -> Self {
        Self { profile, rules, timings: None }
    }

    /// Measures the time each rule takes (see [`Linter::timings`]); off by default, as reading
    /// the clock around each of ~300 rules per connector is not free.
    #[must_use]
    pub fn with_timings(mut self) -> Self {
        self.timings = Some(self.rules.iter().map(|_| AtomicU64::new(0)).collect());
        self
    }

    /// Time spent in each rule so far, slowest first; empty unless made
    /// [`with_timings`](Linter::with_timings).
    pub fn timings(&self) -> Vec<RuleTiming> {
        let Some(times) = &self.timings else { return Vec::new() };
        let mut out: Vec<RuleTiming> = self
            .rules
            .iter()
            .zip(times.iter())
            .map(|(rule, t)| RuleTiming {
                code: rule.meta().code,
                total: Duration::from_nanos(t.load(AtomicOrdering::Relaxed)),
            })
            .collect();
        out.sort_by(|a, b| b.total.cmp(&a.total).then(a.code.cmp(b.code)));
        out
    }

    /// The profile applied to `connector`: `certification` becomes `independent-publisher` for
    /// connectors under an `independent-publisher-connectors` folder, as Microsoft's pipeline
    /// decides by folder.
    pub fn profile_for(&self, connector: &Connector) -> Profile {
        if self.profile == Profile::Certification
            && connector
                .path()
                .components()
                .any(|c| c.as_os_str().eq_ignore_ascii_case("independent-publisher-connectors"))
        {
            return Profile::IndependentPublisher;
        }
        self.profile
    }

    /// Checks one connector; diagnostics come sorted by file, line, column and code.
    pub fn lint(&self, connector: &Connector) -> Vec<Diagnostic> {
        self.lint_with_facts(connector).diagnostics
    }

    /// Checks one connector and keeps the facts that rules comparing connectors need (see
    /// [`Linter::check_batch`]).
    pub fn lint_with_facts(&self, connector: &Connector) -> Linted {
        let profile = self.profile_for(connector);
        let index = connector.swagger.as_ref().and_then(|f| SwaggerIndex::new(&f.file));
        let texts = Texts::new(connector);
        let mut cx = Context::new(connector, index.as_ref(), &texts, profile);
        for (i, rule) in self.rules.iter().enumerate() {
            let meta = rule.meta();
            if let Some(severity) = meta.levels.for_profile(profile) {
                cx.begin(meta, severity);
                match self.timings.as_deref().and_then(|t| t.get(i)) {
                    Some(total) => {
                        let start = Instant::now();
                        rule.check(&mut cx);
                        let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
                        total.fetch_add(nanos, AtomicOrdering::Relaxed);
                    }
                    None => rule.check(&mut cx),
                }
            }
        }
        let title =
            self.has(<TitleNotUnique as Declared>::meta().code).then(|| title_fact(&cx)).flatten();
        let mut diagnostics = cx.finish();
        diagnostics.sort_by(|a, b| {
            // Most pairs are in the same file, usually the same `Arc`: comparing the
            // pointers first spares comparing the (long) paths.
            let file = if Arc::ptr_eq(&a.location.file, &b.location.file) {
                Ordering::Equal
            } else {
                a.location.file.cmp(&b.location.file)
            };
            file.then_with(|| {
                (a.location.line, a.location.column, &a.code).cmp(&(
                    b.location.line,
                    b.location.column,
                    &b.code,
                ))
            })
        });
        Linted { diagnostics, facts: Facts { title } }
    }

    /// Runs the rules that compare connectors (SW017, title uniqueness) over the facts of a
    /// batch; returns `(index into facts, diagnostic)` pairs in index order.
    pub fn check_batch(&self, facts: &[Facts]) -> Vec<(usize, Diagnostic)> {
        let titles: Vec<Option<TitleFact>> = facts.iter().map(|f| f.title.clone()).collect();
        check_titles(&titles)
    }

    fn has(&self, code: &str) -> bool {
        self.rules.iter().any(|r| r.meta().code == code)
    }
}
