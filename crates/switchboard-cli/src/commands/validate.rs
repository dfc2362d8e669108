//! `switchboard validate`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use switchboard_diagnostics::render::{self, Report, RuleDoc, Summary, human};
use switchboard_diagnostics::{Diagnostic, Fix, Location, Severity, apply};
use switchboard_lint::{Facts, Linter, Profile, RuleTiming, rules};
use switchboard_model::{Connector, Origin, SourceFile};

use crate::args::{ColorChoice, Format, MinSeverity, ProfileArg, ValidateArgs};
use crate::baseline::{self, Baseline, Used};
use crate::config::{Config, FILE_NAME, Policy, resolve_rule};
use crate::exit::Exit;

/// Code of the diagnostic emitted when a connector cannot be read at all.
pub const LOAD_FAILED: &str = "IO001";

/// The result for one connector.
struct Outcome {
    report: Report,
    /// Facts for the rules that compare connectors.
    facts: Facts,
    /// Human rendering, made while the sources were in memory.
    rendered: String,
    load_failed: bool,
    /// What `--fix` changed.
    fixed: Fixed,
    /// Findings hidden by the baseline.
    hidden: usize,
}

/// How each connector is checked.
struct Job<'a> {
    linter: &'a Linter,
    /// What switchboard.toml changes per connector.
    policy: &'a Policy,
    /// Known findings, hidden.
    baseline: Option<&'a Baseline>,
    format: Format,
    style: human::Style,
    min: Severity,
    fix: bool,
}

pub fn run(args: &ValidateArgs) -> anyhow::Result<Exit> {
    let config = if args.no_config {
        None
    } else if let Some(path) = &args.config {
        Some(Config::load(path)?)
    } else {
        Config::discover(Path::new("."))?
    };
    let settings = config.as_ref().map(|c| &c.validate);
    let profile = match args.profile.or(settings.and_then(|s| s.profile)) {
        None | Some(ProfileArg::Default) => Profile::Default,
        Some(ProfileArg::Certification) => Profile::Certification,
        Some(ProfileArg::IndependentPublisher) => Profile::IndependentPublisher,
    };
    let policy = config.as_ref().map(Config::policy).transpose()?.unwrap_or_default();
    // Writing a baseline records every finding: an existing one is not applied.
    let baseline_path = match (&args.write_baseline, &args.baseline) {
        (Some(_), _) => None,
        (None, Some(path)) => Some(path.clone()),
        (None, None) => config.as_ref().and_then(Config::baseline),
    };
    let baseline = baseline_path.as_deref().map(Baseline::load).transpose()?;
    let mut targets: Vec<PathBuf> = Vec::new();
    for path in &args.paths {
        let found = switchboard_model::connector::discover(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if found.is_empty() {
            anyhow::bail!(
                "{}: no connector found (no apiDefinition.swagger.json or apiProperties.json below it)",
                path.display()
            );
        }
        // `exclude` applies to what a search finds, not to a connector named as such.
        targets.extend(found.into_iter().filter(|f| f == path || !policy.excluded(f)));
    }
    targets.dedup();
    if targets.is_empty() {
        anyhow::bail!(
            "every connector found is excluded by `exclude` in {}",
            config.as_ref().map_or(Path::new(FILE_NAME), |c| &c.path).display()
        );
    }

    let min = match args.min_severity.or(settings.and_then(|s| s.min_severity)) {
        None | Some(MinSeverity::Info) => Severity::Info,
        Some(MinSeverity::Warning) => Severity::Warning,
        Some(MinSeverity::Error) => Severity::Error,
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let style = human::Style { color };
    let mut ignored = config.as_ref().map(Config::ignored).transpose()?.unwrap_or_default();
    for name in args.ignore.iter().filter(|n| !n.trim().is_empty()) {
        ignored.extend(resolve_rule(name).map_err(|e| anyhow::anyhow!("--ignore {e}"))?);
    }
    let linter = Linter::with_rules(
        profile,
        rules::all().iter().copied().filter(|r| !ignored.contains(&r.meta().code)).collect(),
    );
    let linter = if args.timings { linter.with_timings() } else { linter };
    let job = Job {
        linter: &linter,
        policy: &policy,
        baseline: baseline.as_ref(),
        format: args.format,
        style,
        min,
        fix: args.fix,
    };
    let progress = progress_bar(targets.len(), args.no_progress);
    let mut outcomes: Vec<Outcome> = targets
        .par_iter()
        .map(|path| {
            let outcome = validate_one(&job, path);
            progress.inc(1);
            outcome
        })
        .collect::<anyhow::Result<_>>()?;
    progress.finish_and_clear();
    if args.fix {
        eprint!("{}", fix_summary(outcomes.iter().map(|o| &o.fixed)));
    }

    // Rules comparing connectors (title uniqueness) run once every connector is checked.
    let facts: Vec<Facts> = outcomes.iter_mut().map(|o| std::mem::take(&mut o.facts)).collect();
    let mut used = Used::default();
    for (i, d) in linter.check_batch(&facts) {
        let mut found = vec![d];
        policy.adjust_for(&targets[i]).apply(&mut found);
        if let Some(b) = &baseline {
            outcomes[i].hidden += b.hide(&mut found, &mut used);
        }
        let Some(d) = found.pop() else { continue };
        if args.format == Format::Human && d.severity >= min {
            outcomes[i].rendered.push_str(&human::render(&d, None, style));
        }
        outcomes[i].report.diagnostics.push(d);
    }

    if args.timings {
        eprint!("{}", timings_table(&linter.timings(), 20));
    }

    let load_failed = outcomes.iter().any(|o| o.load_failed);
    if let Some(path) = &baseline_path {
        let hidden: usize = outcomes.iter().map(|o| o.hidden).sum();
        eprintln!("{hidden} known finding(s) hidden by the baseline {}", path.display());
    }
    if let Some(path) = &args.write_baseline {
        let found = outcomes.iter().flat_map(|o| &o.report.diagnostics);
        let n = baseline::write(path, found.filter(|d| d.severity >= min && d.code != LOAD_FAILED))
            .with_context(|| format!("cannot write the baseline {}", path.display()))?;
        eprintln!("wrote {n} finding(s) to the baseline {}", path.display());
        return Ok(if load_failed { Exit::ToolFailed } else { Exit::Clean });
    }
    let (mut shown, rendered): (Vec<Report>, Vec<String>) =
        outcomes.into_iter().map(|o| (o.report, o.rendered)).unzip();
    // The summary counts hidden findings too; they are then dropped in place (no copies of
    // the ~10^5 diagnostics of a large batch).
    let summary = Summary::of(&shown);
    for r in &mut shown {
        r.diagnostics.retain(|d| d.severity >= min);
    }

    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Human => {
            for text in &rendered {
                out.write_all(text.as_bytes())?;
            }
            writeln!(out, "{}", human::summary_line(&summary))?;
        }
        Format::Json => render::json::write(&shown, &mut out)?,
        Format::Github => out.write_all(render::github::render(&shown).as_bytes())?,
        Format::Azure => out.write_all(render::azure::render(&shown).as_bytes())?,
        Format::Sarif => {
            let docs = rule_docs(profile);
            out.write_all(
                render::sarif::render(&shown, &docs, env!("CARGO_PKG_VERSION")).as_bytes(),
            )?;
        }
    }
    out.flush()?;
    // The process ends next: freeing ~10^5 diagnostics one by one (~10 ms on the corpus)
    // would only delay the exit. The memory goes back to the system with the process.
    std::mem::forget(shown);
    std::mem::forget(rendered);

    let max_warnings = args.max_warnings.or(settings.and_then(|s| s.max_warnings));
    let too_many_warnings = max_warnings.is_some_and(|max| summary.warnings > max);
    if let Some(max) = max_warnings.filter(|_| too_many_warnings) {
        eprintln!(
            "error: {} warning(s), more than the {max} allowed (--max-warnings)",
            summary.warnings
        );
    }
    Ok(if load_failed {
        Exit::ToolFailed
    } else if summary.errors > 0 || too_many_warnings {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

/// The `--timings` table: the `top` slowest rules with their share of the time in rules.
fn timings_table(timings: &[RuleTiming], top: usize) -> String {
    let total: Duration = timings.iter().map(|t| t.total).sum();
    let mut out = format!("{:<8} {:>10} {:>7}\n", "rule", "time (ms)", "share");
    for t in timings.iter().take(top) {
        let share = if total.is_zero() { 0.0 } else { t.total.as_secs_f64() / total.as_secs_f64() };
        let _ = writeln!(
            out,
            "{:<8} {:>10.2} {:>6.1}%",
            t.code,
            t.total.as_secs_f64() * 1000.0,
            share * 100.0
        );
    }
    let _ = writeln!(out, "{:<8} {:>10.2} {:>6.1}%", "all", total.as_secs_f64() * 1000.0, 100.0);
    out
}

fn progress_bar(len: usize, disabled: bool) -> ProgressBar {
    if disabled || len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} validating [{bar:30}] {pos}/{len} connectors ({eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Loads and checks one connector; with `--fix`, applies the fixes found and checks again
/// until a round changes nothing, so that the last check is the one reported.
///
/// # Errors
/// A fixed file that cannot be written.
fn validate_one(job: &Job<'_>, path: &Path) -> anyhow::Result<Outcome> {
    let shown_path = path.display().to_string();
    let mut fixed = Fixed::default();
    let adjust = job.policy.adjust_for(path);
    let mut hidden;
    let mut round = 0;
    let (connector, linted) = loop {
        let connector = match Connector::load(path) {
            Ok(c) => c,
            Err(err) => {
                let d = Diagnostic::new(
                    LOAD_FAILED,
                    Severity::Error,
                    format!("cannot load connector: {err}"),
                    Location::file(shown_path.as_str()),
                );
                let rendered = if job.format == Format::Human {
                    human::render(&d, None, job.style)
                } else {
                    String::new()
                };
                return Ok(Outcome {
                    report: Report { path: shown_path, diagnostics: vec![d] },
                    facts: Facts::default(),
                    rendered,
                    load_failed: true,
                    fixed,
                    hidden: 0,
                });
            }
        };
        let mut linted = job.linter.lint_with_facts(&connector);
        adjust.apply(&mut linted.diagnostics);
        // Each round is a whole check: the baseline's findings are counted afresh.
        hidden = job.baseline.map_or(0, |b| b.hide(&mut linted.diagnostics, &mut Used::default()));
        round += 1;
        if !job.fix
            || round > MAX_FIX_ROUNDS
            || !apply_fixes(&connector, &linted.diagnostics, job.min, &mut fixed)?
        {
            break (connector, linted);
        }
    };
    let diagnostics = linted.diagnostics;
    let rendered = if job.format == Format::Human {
        let sources = sources(&connector);
        diagnostics
            .iter()
            .filter(|d| d.severity >= job.min)
            .map(|d| {
                human::render(
                    d,
                    sources.iter().copied().find(|s| **s.name() == *d.location.file),
                    job.style,
                )
            })
            .collect()
    } else {
        String::new()
    };
    Ok(Outcome {
        report: Report { path: shown_path, diagnostics },
        facts: linted.facts,
        rendered,
        load_failed: false,
        fixed,
        hidden,
    })
}

/// Rounds of fixing and checking again, at most (as ESLint does): a fix can make another
/// finding appear or leave one that overlapped it for the next round.
const MAX_FIX_ROUNDS: usize = 10;

/// What `--fix` did to one connector.
#[derive(Debug, Default)]
struct Fixed {
    /// Fixes applied, per file written.
    files: BTreeMap<String, usize>,
    /// The connector is an archive: fixes it has were not applied.
    archive_fixes: usize,
}

/// Applies the fixes of `diagnostics` at `min` or above to the connector's files; whether a
/// file changed (then the connector is checked again).
fn apply_fixes(
    connector: &Connector,
    diagnostics: &[Diagnostic],
    min: Severity,
    fixed: &mut Fixed,
) -> anyhow::Result<bool> {
    let mut by_file: BTreeMap<&str, Vec<&Fix>> = BTreeMap::new();
    for d in diagnostics.iter().filter(|d| d.severity >= min) {
        if let Some(fix) = &d.fix {
            by_file.entry(&d.location.file).or_default().push(fix);
        }
    }
    if !matches!(connector.origin, Origin::Folder(_) | Origin::DefinitionFile(_)) {
        fixed.archive_fixes = by_file.values().map(Vec::len).sum();
        return Ok(false);
    }
    let sources = sources(connector);
    let mut progressed = false;
    for (file, fixes) in by_file {
        // For folders and lone files, a source's name is its path.
        let Some(source) = sources.iter().find(|s| **s.name() == *file) else { continue };
        let applied = apply::apply(source.bytes(), &fixes);
        if applied.fixes == 0 {
            continue;
        }
        write_replacing(Path::new(file), &applied.bytes)?;
        *fixed.files.entry(file.to_string()).or_default() += applied.fixes;
        progressed = true;
    }
    Ok(progressed)
}

/// Writes `bytes` to a temporary file next to `path`, then renames it over `path`: an
/// interrupted run leaves the old file or the new one, never half of one.
fn write_replacing(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut temp = path.as_os_str().to_owned();
    temp.push(".switchboard-fix");
    let temp = PathBuf::from(temp);
    fs_err::write(&temp, bytes)?;
    fs_err::rename(&temp, path)?;
    Ok(())
}

/// The lines `--fix` prints on stderr.
fn fix_summary<'a>(outcomes: impl Iterator<Item = &'a Fixed> + Clone) -> String {
    let mut out = String::new();
    let (mut total, mut files) = (0, 0);
    for (file, n) in outcomes.clone().flat_map(|f| &f.files) {
        let _ = writeln!(out, "fixed {n} finding{} in {file}", if *n == 1 { "" } else { "s" });
        total += n;
        files += 1;
    }
    if total == 0 {
        out.push_str("nothing to fix\n");
    } else if files > 1 {
        let _ = writeln!(out, "fixed {total} findings in {files} files");
    }
    let in_archives: usize = outcomes.map(|f| f.archive_fixes).sum();
    if in_archives > 0 {
        let _ = writeln!(
            out,
            "note: {in_archives} fix{} inside archives not applied (unpack the archive to fix)",
            if in_archives == 1 { "" } else { "es" }
        );
    }
    out
}

/// Every source file of a connector, for excerpts.
pub(crate) fn sources(c: &Connector) -> Vec<&SourceFile> {
    let mut out = Vec::new();
    for f in [&c.swagger, &c.properties, &c.settings].into_iter().flatten() {
        out.push(&f.file.source);
    }
    for f in [&c.readme, &c.intro, &c.script].into_iter().flatten() {
        out.push(&f.file);
    }
    // A certification package's own files: the solutions' XML and their connector copies.
    for s in c.package.iter().flat_map(|p| &p.solutions) {
        out.extend(s.customizations.as_ref().map(|x| &x.file.file));
        out.extend(s.manifest.as_ref().map(|x| &x.file.file));
        let folder = &s.connector;
        for f in [&folder.definition, &folder.connection_parameters, &folder.policy_templates]
            .into_iter()
            .flatten()
        {
            out.push(&f.file.source);
        }
    }
    out
}

/// Rule metadata for SARIF.
pub fn rule_docs(profile: Profile) -> Vec<RuleDoc> {
    let mut docs: Vec<RuleDoc> = switchboard_lint::rules::all()
        .iter()
        .map(|r| {
            let m = r.meta();
            RuleDoc {
                code: m.code,
                name: m.name,
                summary: m.summary(),
                docs: Box::leak(m.docs().into_boxed_str()),
                severity: m.levels.for_profile(profile),
                ms_rule: m.ms_rule,
            }
        })
        .collect();
    docs.push(RuleDoc {
        code: LOAD_FAILED,
        name: "load-failed",
        summary: "The connector could not be read.",
        docs: "The path could not be read as a connector folder, zip archive or definition file.",
        severity: Some(Severity::Error),
        ms_rule: None,
    });
    docs
}
