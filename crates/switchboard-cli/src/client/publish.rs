//! What `create` and `update` share: validate locally, upload, and report the outcome — the
//! version and its warnings, or the refusal with its diagnostics.

use std::io::Write as _;

use reqwest::Method;
use serde::Deserialize;
use serde_json::{Value, json};
use switchboard_diagnostics::{Diagnostic, Severity};
use switchboard_lint::{Linter, Profile};
use switchboard_model::Connector;
use switchboard_server::errors::ErrorCode;

use super::folder::{FileFlags, Folder};
use super::http::{Api, Body, ServerError, segment};
use super::report;
use crate::args::{ColorChoice, FolderArgs, ReportFormat};
use crate::exit::Exit;

/// How to report.
#[derive(Clone, Copy, Debug)]
pub struct Output {
    /// Human or JSON.
    pub format: ReportFormat,
    /// Colour of human output.
    pub color: ColorChoice,
}

/// The server's answer to an upload.
#[derive(Debug, Deserialize)]
pub struct Published {
    /// The connector's id.
    pub id: String,
    /// Its name, unique in the environment.
    pub name: String,
    /// Its title.
    pub title: String,
    /// Its environment.
    pub environment_id: String,
    /// The version just published.
    pub version: PublishedVersion,
}

/// The version part of [`Published`].
#[derive(Debug, Deserialize)]
pub struct PublishedVersion {
    /// Its number.
    pub version: i64,
    /// The warnings stored with it.
    #[serde(default)]
    pub warnings: Value,
}

/// Validates under the default profile, as the server will; on an error-level finding prints
/// the refusal and returns the exit status.
pub fn validate_locally(connector: &Connector, output: Output) -> anyhow::Result<Option<Exit>> {
    let findings = Linter::new(Profile::Default).lint(connector);
    let errors = findings.iter().filter(|d| d.severity == Severity::Error).count();
    if errors == 0 {
        return Ok(None);
    }
    let message = format!(
        "The connector has {errors} error-level finding(s) under the default profile; nothing \
         was sent to the server."
    );
    print_refusal(connector, &findings, &message, "local", None, output)?;
    Ok(Some(Exit::Findings))
}

/// What became of an upload the server answered.
#[derive(Debug)]
pub enum Uploaded {
    /// A new version.
    Published(Published),
    /// Refused for its findings (the refusal printed); the exit status.
    Refused(Exit),
}

/// Sends the folder's zip. `Ok(Err)` carries any other error answer, for the caller to explain.
pub fn upload(
    api: &Api,
    method: Method,
    path: &str,
    query: &[(&str, String)],
    folder: &Folder,
    connector: &Connector,
    output: Output,
) -> anyhow::Result<Result<Uploaded, ServerError>> {
    let body = Body { content_type: "application/zip", bytes: folder.zip()? };
    match api.send(method, path, query, &[], Some(body))? {
        Ok(reply) => Ok(Ok(Uploaded::Published(reply.json()?))),
        Err(e) if e.code == ErrorCode::ValidationFailed.as_str() => {
            let diagnostics = report::from_server(&e.body["diagnostics"], folder);
            print_refusal(
                connector,
                &diagnostics,
                &e.message,
                "server",
                e.link.as_deref(),
                output,
            )?;
            Ok(Ok(Uploaded::Refused(Exit::Findings)))
        }
        Err(e) => Ok(Err(e)),
    }
}

fn print_refusal(
    connector: &Connector,
    diagnostics: &[Diagnostic],
    message: &str,
    by: &str,
    link: Option<&str>,
    output: Output,
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match output.format {
        ReportFormat::Human => {
            report::print_human(
                &mut out,
                diagnostics,
                connector,
                report::colour(output.color),
                true,
            )?;
            out.flush()?;
            let code = ErrorCode::ValidationFailed.as_str();
            let mut text = format!("error[{code}]: {message}\n");
            text.push_str(if by == "server" {
                "  = help: the server validated the upload and found the errors above\n"
            } else {
                "  = help: fix the errors above (`switchboard validate` shows the same findings)\n"
            });
            if let Some(link) = link {
                text = format!("{text}  = see: {link}\n");
            }
            eprint!("{text}");
        }
        ReportFormat::Json => {
            let value = json!({
                "code": ErrorCode::ValidationFailed.as_str(),
                "message": message,
                "refused_by": by,
                "summary": report::summary(diagnostics),
                "diagnostics": diagnostics,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        }
    }
    Ok(())
}

/// Prints a published version: its warnings as diagnostics and `headline`, or the JSON
/// object `{"id","name","title","environment","version","warnings", …extra}`.
pub fn print_published(
    published: &Published,
    folder: &Folder,
    connector: &Connector,
    headline: &[String],
    extra: &[(&str, Value)],
    output: Output,
) -> anyhow::Result<()> {
    let warnings = report::from_server(&published.version.warnings, folder);
    let mut out = std::io::stdout().lock();
    match output.format {
        ReportFormat::Human => {
            report::print_human(
                &mut out,
                &warnings,
                connector,
                report::colour(output.color),
                false,
            )?;
            for (i, line) in headline.iter().enumerate() {
                writeln!(out, "{line}")?;
                if i == 0 && !warnings.is_empty() {
                    let n = warnings.len();
                    let s = if n == 1 { "" } else { "s" };
                    writeln!(out, "  {n} warning{s} stored with the version (above)")?;
                }
            }
        }
        ReportFormat::Json => {
            let mut value = json!({
                "id": published.id,
                "name": published.name,
                "title": published.title,
                "environment": published.environment_id,
                "version": published.version.version,
                "warnings": warnings,
            });
            for (key, v) in extra {
                value[*key] = v.clone();
            }
            writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// An environment the caller can publish to.
#[derive(Debug, Deserialize)]
pub struct Environment {
    /// Its id.
    pub id: String,
    /// Its name, unique in the tenant.
    pub name: String,
    /// Its region.
    pub region: String,
}

#[derive(Debug, Deserialize)]
struct Me {
    tenant: Option<Tenant>,
}

#[derive(Debug, Deserialize)]
struct Tenant {
    id: String,
}

#[derive(Debug, Deserialize)]
struct Environments {
    items: Vec<Environment>,
}

/// The environments of the caller's tenant that the caller may see (a maker's memberships; all
/// of them for an administrator); empty for the platform administrator.
pub fn environments(api: &Api) -> anyhow::Result<Vec<Environment>> {
    let me: Me = api.get("/api/v1/me")??.json()?;
    let Some(tenant) = me.tenant else { return Ok(Vec::new()) };
    let path = format!("/api/v1/tenants/{}/environments", segment("tenant", &tenant.id)?);
    Ok(api.get(&path)??.json::<Environments>()?.items)
}

/// The folder `args` name, read for publishing.
pub fn read_folder(args: &FolderArgs) -> anyhow::Result<Folder> {
    let flags = FileFlags {
        api_def: args.api_def.as_deref(),
        api_prop: args.api_prop.as_deref(),
        icon: args.icon.as_deref(),
        script: args.script.as_deref(),
    };
    Folder::read(args.dir.as_deref(), args.settings.as_deref(), &flags)
}
