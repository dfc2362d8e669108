//! `switchboard import openapi|postman|swagger FILE -o DIR`.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::Context as _;
use serde::Serialize;
use switchboard_diagnostics::render::{Summary, human};
use switchboard_diagnostics::{Diagnostic, Severity};
use switchboard_import::{
    Budget, ImportError, ImportOptions, Imported, MAX_DEFINITION_BYTES, MAX_SCHEMAS,
};
use switchboard_lint::{Linter, Profile};
use switchboard_model::{Connector, SourceFile};

use crate::args::{ColorChoice, ImportArgs, ImportFileArgs, ImportKind, ReportFormat};
use crate::exit::Exit;

/// The platform's operation limit, shown in the budget line.
const MAX_OPERATIONS: usize = 256;

type Importer = fn(&str, &[u8], &ImportOptions) -> Result<Imported, ImportError>;

pub fn run(args: &ImportArgs) -> anyhow::Result<Exit> {
    let (import_fn, a): (Importer, &ImportFileArgs) = match &args.kind {
        ImportKind::Openapi(a) => (switchboard_import::openapi3::import, a),
        ImportKind::Postman(a) => (switchboard_import::postman::import, a),
        ImportKind::Swagger(a) => (switchboard_import::swagger2::import, a),
    };
    let color = match a.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let style = human::Style { color };
    let bytes = fs_err::read(&a.file).context("cannot read the source")?;
    check_output(&a.output, a.force)?;
    let name = a.file.display().to_string();
    let source = SourceFile::new(name.as_str(), bytes);
    let options = ImportOptions { tags: a.tags.clone(), title: a.title.clone() };
    let imported = match import_fn(&name, source.bytes(), &options) {
        Ok(i) => i,
        Err(ImportError::Invalid { message, diagnostics }) => {
            let mut out = std::io::stdout().lock();
            match a.format {
                ReportFormat::Human => {
                    for d in &diagnostics {
                        out.write_all(human::render(d, Some(&source), style).as_bytes())?;
                    }
                }
                ReportFormat::Json => {
                    let failed = Failed { error: &message, losses: &diagnostics };
                    writeln!(out, "{}", serde_json::to_string_pretty(&failed)?)?;
                }
            }
            out.flush()?;
            anyhow::bail!("import failed: {message}");
        }
    };
    imported
        .files
        .write_to(&a.output)
        .with_context(|| format!("cannot write the connector to {}", a.output.display()))?;
    let connector = Connector::load(&a.output)
        .with_context(|| format!("cannot read back the connector in {}", a.output.display()))?;
    let findings = Linter::new(Profile::Default).lint(&connector);
    let mut validation = Summary { connectors: 1, ..Summary::default() };
    for d in &findings {
        validation.add(d.severity);
    }
    let mut losses = Summary { connectors: 1, ..Summary::default() };
    for d in &imported.report {
        losses.add(d.severity);
    }

    let mut out = std::io::stdout().lock();
    match a.format {
        ReportFormat::Human => {
            for d in &imported.report {
                let src = (*d.location.file == *name).then_some(&source);
                out.write_all(human::render(d, src, style).as_bytes())?;
            }
            // Validation findings that need attention (infos: `switchboard validate` shows them).
            let sources = connector_sources(&connector);
            for d in findings.iter().filter(|d| d.severity >= Severity::Warning) {
                let src = sources.iter().copied().find(|s| **s.name() == *d.location.file);
                out.write_all(human::render(d, src, style).as_bytes())?;
            }
            writeln!(out, "{}", budget_line(&imported.budget))?;
            writeln!(
                out,
                "loss report: {} errors, {} warnings, {} infos",
                losses.errors, losses.warnings, losses.infos
            )?;
            writeln!(
                out,
                "wrote {} ({} operations); validation (default profile): {} errors, {} warnings, {} infos",
                a.output.display(),
                imported.budget.operations,
                validation.errors,
                validation.warnings,
                validation.infos
            )?;
        }
        ReportFormat::Json => {
            let report = Report {
                output: a.output.display().to_string(),
                losses: &imported.report,
                budget: BudgetJson::of(&imported.budget),
                validation,
                findings: findings.iter().filter(|d| d.severity >= Severity::Warning).collect(),
            };
            writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        }
    }
    out.flush()?;
    Ok(if validation.errors > 0 { Exit::Findings } else { Exit::Clean })
}

/// Refuses an output folder that exists and is not empty, unless `force`.
fn check_output(dir: &Path, force: bool) -> anyhow::Result<()> {
    if dir.exists() {
        if !dir.is_dir() {
            anyhow::bail!("{} exists and is not a folder", dir.display());
        }
        let mut entries = fs_err::read_dir(dir)?;
        if entries.next().is_some() && !force {
            anyhow::bail!("{} is not empty; use --force to write into it", dir.display());
        }
    }
    Ok(())
}

fn budget_line(b: &Budget) -> String {
    let percent = |v: usize, max: usize| v * 100 / max.max(1);
    format!(
        "budget: definition {} bytes of {} ({}%), largest schema {} of {} schemas ({}%), {} of {} operations",
        b.definition_bytes,
        MAX_DEFINITION_BYTES,
        percent(b.definition_bytes, MAX_DEFINITION_BYTES),
        b.schema_count,
        MAX_SCHEMAS,
        percent(b.schema_count, MAX_SCHEMAS),
        b.operations,
        MAX_OPERATIONS
    )
}

fn connector_sources(c: &Connector) -> Vec<&SourceFile> {
    let mut out = Vec::new();
    for f in [&c.swagger, &c.properties, &c.settings].into_iter().flatten() {
        out.push(&f.file.source);
    }
    for f in [&c.readme, &c.intro].into_iter().flatten() {
        out.push(&f.file);
    }
    out
}

/// `--format json` output.
#[derive(Serialize)]
struct Report<'a> {
    output: String,
    losses: &'a [Diagnostic],
    budget: BudgetJson,
    validation: Summary,
    findings: Vec<&'a Diagnostic>,
}

/// `--format json` output when the import failed.
#[derive(Serialize)]
struct Failed<'a> {
    error: &'a str,
    losses: &'a [Diagnostic],
}

#[derive(Serialize)]
struct BudgetJson {
    definition_bytes: usize,
    definition_limit: usize,
    schema_count: usize,
    schema_limit: usize,
    operations: usize,
    operation_limit: usize,
}

impl BudgetJson {
    fn of(b: &Budget) -> Self {
        BudgetJson {
            definition_bytes: b.definition_bytes,
            definition_limit: MAX_DEFINITION_BYTES,
            schema_count: b.schema_count,
            schema_limit: MAX_SCHEMAS,
            operations: b.operations,
            operation_limit: MAX_OPERATIONS,
        }
    }
}
