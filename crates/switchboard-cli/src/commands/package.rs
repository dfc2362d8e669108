//! `switchboard package`: the certification archive (catalog §8.1, legacy artifact zip).
//!
//! The connector is validated under the certification profile first; any error-level finding
//! refuses the package (exit 1) and nothing is written. Otherwise the archive holds exactly
//! `apiDefinition.swagger.json`, `apiProperties.json` and `icon.png` at its root, their bytes as
//! they are on disk, written by [`write_certification_zip`] (fixed timestamps, fixed order), so
//! the same files always give a byte-identical archive. The archive is written to a temporary
//! file next to the target and renamed into place, so a failure never leaves a partial archive.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use switchboard_diagnostics::render::{self, Report, Summary, human};
use switchboard_diagnostics::{Diagnostic, Location, Severity};
use switchboard_lint::{Linter, Profile};
use switchboard_model::Connector;
use switchboard_model::connector::{
    ICON_FILE, PROPERTIES_FILE, SWAGGER_FILE, write_certification_zip,
};

use crate::args::{PackageArgs, ReportFormat};
use crate::commands::validate::sources;
use crate::exit::Exit;

/// Code of the finding emitted when the connector has no icon to put in the archive (no lint
/// rule requires an icon in a folder: independent publishers must not have one).
pub const ICON_MISSING: &str = "PKG001";

/// A script.csx is not part of the three-file archive; say so rather than drop it silently.
pub const SCRIPT_LEFT_OUT: &str = "PKG002";

pub fn run(args: &PackageArgs) -> anyhow::Result<Exit> {
    if args.output.exists() && !args.force {
        anyhow::bail!("{} exists (use --force to replace it)", args.output.display());
    }
    let connector = Connector::load(&args.dir)
        .with_context(|| format!("cannot load connector {}", args.dir.display()))?;
    let mut diagnostics = Linter::new(Profile::Certification).lint(&connector);
    let shown = connector.path().display().to_string();
    if connector.icon.is_none() {
        diagnostics.push(
            Diagnostic::new(
                ICON_MISSING,
                Severity::Error,
                "The connector has no icon.png; the certification archive needs one",
                Location::file(shown.as_str()),
            )
            .with_help("add a 230×230 PNG named icon.png (`switchboard new` writes a placeholder)"),
        );
    }
    if let Some(script) = &connector.script {
        diagnostics.push(
            Diagnostic::new(
                SCRIPT_LEFT_OUT,
                Severity::Warning,
                "script.csx is not part of the three-file archive; submit it alongside",
                Location::file(connector.display_name(&script.entry)),
            )
            .with_help("verified publishers using custom code submit script.csx with the archive"),
        );
    }
    let refused = diagnostics.iter().any(|d| d.severity == Severity::Error);

    let mut written = None;
    if !refused {
        let bytes = |f: Option<&[u8]>| f.unwrap_or_default().to_vec();
        let swagger = bytes(connector.swagger.as_ref().map(|f| f.file.source.bytes()));
        let properties = bytes(connector.properties.as_ref().map(|f| f.file.source.bytes()));
        let icon = bytes(connector.icon.as_ref().map(|f| f.file.bytes()));
        write_atomically(&args.output, |file| {
            write_certification_zip(file, &swagger, &properties, &icon).map_err(Into::into)
        })?;
        written = Some(args.output.clone());
    }

    let report = Report { path: shown, diagnostics };
    let summary = Summary::of(std::slice::from_ref(&report));
    let mut out = std::io::stdout().lock();
    match args.format {
        ReportFormat::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let style = human::Style { color };
            let files = sources(&connector);
            for d in report.diagnostics.iter().filter(|d| d.severity >= Severity::Warning) {
                let source = files.iter().copied().find(|s| **s.name() == *d.location.file);
                out.write_all(human::render(d, source, style).as_bytes())?;
            }
            writeln!(out, "{}", human::summary_line(&summary))?;
            match &written {
                Some(path) => writeln!(
                    out,
                    "Wrote {} ({SWAGGER_FILE}, {PROPERTIES_FILE}, {ICON_FILE})",
                    path.display()
                )?,
                None => writeln!(
                    out,
                    "Refused: fix the errors above (certification profile); nothing was written"
                )?,
            }
        }
        ReportFormat::Json => {
            let mut value: serde_json::Value =
                serde_json::from_str(&render::json::render(std::slice::from_ref(&report)))?;
            value["archive"] = match &written {
                Some(path) => serde_json::json!({
                    "path": path.display().to_string(),
                    "entries": [SWAGGER_FILE, PROPERTIES_FILE, ICON_FILE],
                }),
                None => serde_json::Value::Null,
            };
            writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        }
    }
    out.flush()?;
    Ok(if refused { Exit::Findings } else { Exit::Clean })
}

/// Writes `path` through a temporary file in the same folder, renamed into place on success
/// and removed on failure.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut fs_err::File) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(format!(".partial-{}", std::process::id()));
    let temp: PathBuf = path.with_file_name(name);
    let result = (|| -> anyhow::Result<()> {
        let mut file = fs_err::File::create(&temp)?;
        write(&mut file)?;
        file.sync_all()?;
        drop(file);
        fs_err::rename(&temp, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = fs_err::remove_file(&temp);
    }
    result.with_context(|| format!("cannot write {}", path.display()))
}
