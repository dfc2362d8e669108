//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Switchboard: describe, validate, package and run Power Platform custom connectors on your own
/// machine.
#[derive(Debug, Parser)]
#[command(name = "switchboard", version, about, long_about = None, arg_required_else_help = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate connectors offline against the certification rules.
    ///
    /// PATH may be a connector folder, a .zip archive, a single apiDefinition.swagger.json, or
    /// any folder containing connectors (searched recursively and validated in parallel).
    ///
    /// Exit status: 0 when no error-level finding, 1 when there is one, 2 when the tool failed
    /// (unreadable path, bad flags).
    ///
    /// Examples:
    ///   switchboard validate ./MyConnector
    ///   switchboard validate ./MyConnector --profile certification
    ///   switchboard validate connectors/ --format sarif > results.sarif
    ///   switchboard validate package.zip --format json
    #[command(verbatim_doc_comment)]
    Validate(ValidateArgs),

    /// Show a rule's documentation, or list all rules.
    ///
    /// Examples:
    ///   switchboard rule SW012
    ///   switchboard rule title-restricted-words
    ///   switchboard rule --list
    #[command(verbatim_doc_comment)]
    Rule(RuleArgs),

    /// Import an API description (OpenAPI 3, Postman, Swagger 2.0) as a connector folder.
    ///
    /// Writes apiDefinition.swagger.json, apiProperties.json, icon.png, readme.md, intro.md
    /// and settings.json, prints what could not be carried over (the loss report) and the
    /// connector budget, then validates the result under the default profile.
    ///
    /// Exit status: 0 when the connector was written with no error-level finding, 1 when it
    /// has one, 2 when the import failed.
    ///
    /// Examples:
    ///   switchboard import openapi petstore.yaml -o Petstore
    ///   switchboard import openapi big-api.json -o Billing --tags invoices,customers --title "Contoso Billing"
    ///   switchboard import swagger swagger.json -o MyConnector --force
    ///   switchboard import postman collection.json -o MyConnector --format json
    #[command(verbatim_doc_comment)]
    Import(ImportArgs),
}

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The kind of source.
    #[command(subcommand)]
    pub kind: ImportKind,
}

/// The sources `import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportKind {
    /// OpenAPI 3.0 or 3.1, JSON or YAML.
    ///
    /// Example: switchboard import openapi openapi.yaml -o MyConnector
    #[command(verbatim_doc_comment)]
    Openapi(ImportFileArgs),
    /// A Postman collection, v2.0 or v2.1.
    ///
    /// Example: switchboard import postman collection.json -o MyConnector
    #[command(verbatim_doc_comment)]
    Postman(ImportFileArgs),
    /// A plain Swagger 2.0 document, JSON or YAML.
    ///
    /// Example: switchboard import swagger swagger.json -o MyConnector
    #[command(verbatim_doc_comment)]
    Swagger(ImportFileArgs),
}

/// Arguments shared by the importers.
#[derive(Debug, clap::Args)]
pub struct ImportFileArgs {
    /// The API description to import.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The connector folder to write (refused when it exists and is not empty, unless --force).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,

    /// Import only operations with one of these tags (Postman: folders), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "TAG,...")]
    pub tags: Vec<String>,

    /// The connector's title (info.title) instead of the source's.
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// Output format of the report.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,

    /// Write into an output folder that is not empty (files of the same names are replaced).
    #[arg(long)]
    pub force: bool,

    /// Colour: auto (on a terminal), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Report formats of commands that print a report rather than validation results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// rustc-style text with source excerpts.
    Human,
    /// One JSON object.
    Json,
}

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Connector folders, zips, definition files, or folders to search.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Rule profile: `default` for authoring (certification-only rules are info), `certification`
    /// for what a certification submission must pass (connectors under
    /// independent-publisher-connectors/ get the independent-publisher variant),
    /// `independent-publisher` to force that variant.
    #[arg(long, value_enum, default_value_t = ProfileArg::Default)]
    pub profile: ProfileArg,

    /// Hide findings below this severity (they still count in the summary).
    #[arg(long, value_enum, default_value_t = MinSeverity::Info)]
    pub min_severity: MinSeverity,

    /// Never show a progress bar (it is shown only on a terminal, for more than one connector).
    #[arg(long)]
    pub no_progress: bool,

    /// Colour: auto (on a terminal), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Arguments of `rule`.
#[derive(Debug, clap::Args)]
pub struct RuleArgs {
    /// A rule code (SW012) or name (title-restricted-words).
    #[arg(required_unless_present = "list", conflicts_with = "list")]
    pub code: Option<String>,

    /// List every rule with its severities.
    #[arg(long)]
    pub list: bool,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style text with source excerpts.
    Human,
    /// One JSON object with every connector and a summary.
    Json,
    /// SARIF 2.1.0 for code scanning (GitHub and others).
    Sarif,
}

/// Profiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    /// Authoring.
    Default,
    /// Certification submission.
    Certification,
    /// Certification as an independent publisher.
    IndependentPublisher,
}

/// Severity thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MinSeverity {
    /// Everything.
    Info,
    /// Warnings and errors.
    Warning,
    /// Errors only.
    Error,
}

/// Colour choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}
