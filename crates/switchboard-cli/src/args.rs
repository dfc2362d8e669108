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
    ///
    /// Settings: switchboard.toml in the current directory or its nearest ancestor (or
    /// --config FILE; --no-config reads none). Flags win over the file; its globs are
    /// relative to its folder; rules are named by code or name. Every key is optional:
    ///
    ///   [validate]
    ///   profile = "certification"        # as --profile
    ///   min-severity = "warning"         # as --min-severity
    ///   max-warnings = 0                 # as --max-warnings
    ///   ignore = ["RM011", "BX005"]      # as --ignore (both lists count)
    ///   exclude = ["archive", "**/old-*"]  # connectors not searched for
    ///
    ///   [validate.severity]              # a rule's severity in every profile
    ///   SW076 = "error"                  # "error", "warning", "info" or "off"
    ///
    ///   [[validate.overrides]]           # for the connectors under these globs
    ///   paths = ["legacy/*"]
    ///   ignore = ["SW001"]
    ///   severity = { BX024 = "info" }
    ///
    /// Baselines: `--write-baseline known.json` records today's findings; `--baseline
    /// known.json` (or `baseline = "known.json"` under [validate]) then shows only new ones.
    #[command(verbatim_doc_comment)]
    // The help shows TOML, whose arrays of strings look like intra-doc links to clippy.
    #[allow(clippy::doc_link_with_quotes)]
    Validate(ValidateArgs),

    /// Show a rule's documentation, or list all rules.
    ///
    /// Examples:
    ///   switchboard rule SW012
    ///   switchboard rule title-restricted-words
    ///   switchboard rule --list
    #[command(verbatim_doc_comment)]
    Rule(RuleArgs),

    /// Invoke an operation of a connector against its backend, as the Power Platform runtime
    /// would: parameters, credentials, policies, retries, paging, long-running operations.
    ///
    /// CONNECTOR is a connector folder or .zip; OPERATION_ID one of its operationIds.
    /// The connection file is a JSON object of connection parameter values keyed by the names
    /// in apiProperties.json (`{"api_key": "..."}`; OAuth connections carry
    /// `"token": {"access_token", "refresh_token"?, "expires_at"?}`).
    ///
    /// --param values parse as JSON when they can (`top=5` is a number, `tags=["a","b"]` an
    /// array), else as strings. --body takes a file, or - for standard input.
    ///
    /// Exit status: 0 when the backend answered 2xx, 1 for any other status, 2 when the tool
    /// failed (bad arguments, unreadable connector or connection, or an invocation error such
    /// as a missing parameter, an unreachable backend or a timeout).
    ///
    /// Examples:
    ///   switchboard invoke ./Datelist ListCalendars --connection conn.json
    ///   switchboard invoke ./Datelist ListCalendars --connection conn.json \
    ///       --base-url http://127.0.0.1:8080 --trace
    ///   switchboard invoke ./MyConnector CreateItem --connection conn.json \
    ///       --param listId=42 --body item.json --format json
    ///   switchboard invoke ./DataScope Form-answer --connection conn.json --dynamic-values formId
    #[command(verbatim_doc_comment)]
    Invoke(Box<InvokeArgs>),
    /// Scaffold a new connector folder that passes `validate`.
    ///
    /// The folder holds apiDefinition.swagger.json (one sample operation), apiProperties.json
    /// for the chosen authentication, a placeholder icon, readme.md, intro.md and settings.json.
    /// What only you know (publisher, contact, website, privacy policy) is left for you to fill
    /// in: the command lists it, and `validate --profile certification` reports it.
    ///
    /// Examples:
    ///   switchboard new Contoso
    ///   switchboard new "Contoso Tasks" -o connectors/contoso --auth oauth2 --host api.contoso.com
    #[command(verbatim_doc_comment)]
    New(NewArgs),

    /// Write the certification archive of a connector.
    ///
    /// Validates DIR under the certification profile and refuses (exit 1, findings printed) when
    /// there is an error-level finding; otherwise writes FILE.zip with exactly
    /// apiDefinition.swagger.json, apiProperties.json and icon.png at its root (reproducible:
    /// same files, byte-identical archive).
    ///
    /// Examples:
    ///   switchboard package ./MyConnector -o MyConnector.zip
    ///   switchboard package ./MyConnector -o MyConnector.zip --format json
    #[command(verbatim_doc_comment)]
    Package(PackageArgs),

    /// Classify the changes between two versions of a connector.
    ///
    /// Every change is breaking, additive or cosmetic, with a code (BC001…; `switchboard rule
    /// BC001` explains one). OLD and NEW are connector folders, .zip archives or definition
    /// files. The summary also says whether the update is minor or major for certification
    /// (BC100).
    ///
    /// Exit status: 0 when nothing is breaking, 1 when something is, 2 when the tool failed.
    ///
    /// Examples:
    ///   switchboard diff ./v1/MyConnector ./MyConnector
    ///   switchboard diff old.zip new.zip --format json
    #[command(verbatim_doc_comment)]
    Diff(DiffArgs),
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

    /// Run the connector registry: an HTTP API for tenants, environments, connectors with
    /// immutable versions, sharing, connections (secrets encrypted at rest, OAuth sign-in) and
    /// invoking connector operations through the runtime.
    ///
    /// With no flags it listens on 127.0.0.1:8080 and keeps everything in SQLite under
    /// ./switchboard-data (created on first start, with the key that encrypts connection
    /// secrets in secret.key, mode 0600). With --database-url it uses PostgreSQL instead, and
    /// several `serve` processes may share one database (rate limits included). Migrations
    /// run on start. SIGINT or SIGTERM stop it gracefully (requests in flight finish).
    ///
    /// Invocations never reach loopback, private, link-local or reserved addresses (checked on
    /// the address connected to, so names resolving there are refused too) unless
    /// --allow-private-network is given: a connector must not become a way into your network.
    ///
    /// Environment:
    ///   SWITCHBOARD_ADMIN_TOKEN   bearer token of the platform administrator, who creates
    ///                             tenants and their first administrators (unset: nobody can)
    ///   SWITCHBOARD_SECRET_KEY    base64 of 32 bytes: the key for secrets at rest, instead of
    ///                             the key file (set the same one on every node sharing a
    ///                             PostgreSQL database)
    ///   SWITCHBOARD_PUBLIC_URL    the same as --public-url
    ///   RUST_LOG                  log filter, default `info` (one line per request on stderr)
    ///
    /// The API is described at GET /openapi.json; GET /healthz checks the database, GET
    /// /metrics is Prometheus text. The OAuth redirect URL to register with identity providers
    /// is PUBLIC-URL/api/v1/oauth/redirect (logged at start).
    ///
    /// Examples:
    ///   SWITCHBOARD_ADMIN_TOKEN=change-me switchboard serve
    ///   switchboard serve --listen 0.0.0.0:8080 --public-url https://switchboard.example.com
    ///   switchboard serve --database-url postgres://switchboard:secret@db.internal/switchboard
    ///   switchboard serve --allow-private-network   # development: may call 127.0.0.1
    ///   curl -H "Authorization: Bearer change-me" -d '{"name":"contoso"}' http://127.0.0.1:8080/api/v1/tenants
    #[command(verbatim_doc_comment)]
    Serve(ServeArgs),

    /// Log in to a Switchboard registry server: check a token and save it for `create`,
    /// `update` and `download`.
    ///
    /// The token is an API token the server issued (a tenant administrator creates users with
    /// POST /api/v1/tenants/{tenant}/users; the answer shows the token once). It is checked with
    /// GET /api/v1/me, then saved with the server URL in credentials.json, mode 0600, in
    /// $SWITCHBOARD_CONFIG_DIR, else $XDG_CONFIG_HOME/switchboard, else ~/.config/switchboard.
    /// Prefer --token-stdin: a token on the command line lands in shell history and `ps`.
    ///
    /// Environment (each overrides the saved value, for CI):
    ///   SWITCHBOARD_SERVER   the server URL
    ///   SWITCHBOARD_TOKEN    the token
    ///
    /// Exit status: 0 logged in, 2 when the token was rejected or the server unreachable
    /// (nothing saved).
    ///
    /// Examples:
    ///   switchboard login --server http://127.0.0.1:8080 --token-stdin < token.txt
    ///   pass show switchboard | switchboard login --server https://registry.contoso.com --token-stdin
    ///   switchboard login --server http://127.0.0.1:8080 --token "$BOB_TOKEN"
    #[command(verbatim_doc_comment)]
    Login(LoginArgs),

    /// Forget the saved server and token (the token itself stays valid on the server).
    ///
    /// Example: switchboard logout
    #[command(verbatim_doc_comment)]
    Logout(LogoutArgs),

    /// Publish a connector folder to a Switchboard server as a new connector (version 1).
    ///
    /// paconn-style: DIR (default .) is the connector folder; its settings.json, when present,
    /// names the files (apiDefinition, apiProperties, icon, script: paths relative to it) and
    /// the environment; the flags override it. readme.md and intro.md go along when present.
    /// The connector is validated here first under the default profile, as the server will:
    /// an error-level finding refuses it (exit 1) and nothing is sent. The server's warnings
    /// are stored with the version and shown. Then connectorId and environment are written
    /// into settings.json (created if missing; other keys and their order kept), so that
    /// `switchboard update` in the same folder publishes the next version.
    ///
    /// ENV is an environment id, or an environment's name.
    ///
    /// The server and token are those `switchboard login` saved, or SWITCHBOARD_SERVER and
    /// SWITCHBOARD_TOKEN.
    ///
    /// Exit status: 0 created, 1 refused for its findings (here or by the server), 2 for any
    /// other failure (not logged in, unreachable server, no such environment, bad files).
    ///
    /// Examples:
    ///   switchboard create ./TaskForge --environment prod
    ///   switchboard create --settings ./TaskForge/settings.json
    ///   switchboard create -e 6f1c0e52-… --api-def swagger.json --api-prop props.json --icon icon.png
    ///   switchboard create ./TaskForge -e prod --name taskforge-staging --format json
    #[command(verbatim_doc_comment)]
    Create(CreateArgs),

    /// Publish a new version of a connector from its folder.
    ///
    /// The connector is the one settings.json names (connectorId, written by `create` or
    /// `download`), or --connector-id. Files, validation and output as for `create`. Every
    /// update is a new immutable version; earlier ones stay downloadable.
    ///
    /// The server and token are those `switchboard login` saved, or SWITCHBOARD_SERVER and
    /// SWITCHBOARD_TOKEN.
    ///
    /// Exit status: 0 published, 1 refused for its findings, 2 for any other failure.
    ///
    /// Examples:
    ///   switchboard update ./TaskForge
    ///   switchboard update --settings ./TaskForge/settings.json --format json
    ///   switchboard update ./TaskForge --connector-id 28ee58f9-…
    #[command(verbatim_doc_comment)]
    Update(UpdateArgs),

    /// Download a connector's files into a folder, in paconn's layout, with a settings.json
    /// naming the connector and its environment (so `update` works from the folder).
    ///
    /// DEST defaults to ./CONNECTOR_ID. A folder that is not empty is refused unless
    /// --overwrite (which replaces files of the same names and leaves others alone). The
    /// archive is checked before anything is written: only plain file names at its root.
    ///
    /// The server and token are those `switchboard login` saved, or SWITCHBOARD_SERVER and
    /// SWITCHBOARD_TOKEN.
    ///
    /// Exit status: 0 downloaded, 2 for any failure.
    ///
    /// Examples:
    ///   switchboard download 28ee58f9-…
    ///   switchboard download 28ee58f9-… -d TaskForge --version 1
    ///   switchboard download 28ee58f9-… -d TaskForge --overwrite --format json
    #[command(verbatim_doc_comment)]
    Download(DownloadArgs),
}

/// Arguments of `login`.
#[derive(Debug, clap::Args)]
pub struct LoginArgs {
    /// The server's URL, such as http://127.0.0.1:8080 (default: $SWITCHBOARD_SERVER).
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,

    /// The API token (default: $SWITCHBOARD_TOKEN).
    #[arg(long, value_name = "TOKEN", conflicts_with = "token_stdin")]
    pub token: Option<String>,

    /// Read the token from standard input (its first line).
    #[arg(long)]
    pub token_stdin: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
}

/// Arguments of `logout`.
#[derive(Debug, clap::Args)]
pub struct LogoutArgs {}

/// The connector folder of `create` and `update`, as paconn takes it.
#[derive(Debug, clap::Args)]
pub struct FolderArgs {
    /// The connector folder (default: the folder of --settings, else .).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// paconn's settings file (default: DIR/settings.json); the files it names are relative
    /// to it.
    #[arg(short, long, value_name = "FILE")]
    pub settings: Option<PathBuf>,

    /// The API definition (Swagger 2.0), instead of settings.json's apiDefinition.
    #[arg(long, value_name = "FILE")]
    pub api_def: Option<PathBuf>,

    /// The API properties, instead of settings.json's apiProperties.
    #[arg(long, value_name = "FILE")]
    pub api_prop: Option<PathBuf>,

    /// The icon, instead of settings.json's icon.
    #[arg(long, value_name = "FILE")]
    pub icon: Option<PathBuf>,

    /// The custom code (script.csx), instead of settings.json's script.
    #[arg(long, value_name = "FILE")]
    pub script: Option<PathBuf>,

    /// Send without validating here first (the server validates anyway).
    #[arg(long)]
    pub skip_local_validation: bool,

    /// Output format: human, or one JSON object ({"id","version","warnings",…}, or the
    /// refusal with its diagnostics).
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,

    /// Colour: auto (on a terminal), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Arguments of `create`.
#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// The folder and files.
    #[command(flatten)]
    pub folder: FolderArgs,

    /// The environment to create it in: an id or a name (default: settings.json's
    /// environment).
    #[arg(short, long, visible_alias = "env", value_name = "ENV")]
    pub environment: Option<String>,

    /// The connector's name, unique in the environment (default: from its title).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// Arguments of `update`.
#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// The folder and files.
    #[command(flatten)]
    pub folder: FolderArgs,

    /// The connector (default: settings.json's connectorId).
    #[arg(short = 'c', long, visible_alias = "cid", value_name = "ID")]
    pub connector_id: Option<String>,
}

/// Arguments of `download`.
#[derive(Debug, clap::Args)]
pub struct DownloadArgs {
    /// The connector's id.
    #[arg(value_name = "CONNECTOR_ID")]
    pub connector_id: String,

    /// The folder to write (default: ./CONNECTOR_ID).
    #[arg(short, long, value_name = "DEST")]
    pub dest: Option<PathBuf>,

    /// The version (default: the current one).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub version: Option<u32>,

    /// Write into a folder that is not empty (files of the same names are replaced).
    #[arg(long)]
    pub overwrite: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
}

/// Arguments of `invoke`.
#[derive(Debug, clap::Args)]
pub struct InvokeArgs {
    /// The connector folder or .zip.
    #[arg(value_name = "CONNECTOR")]
    pub connector: PathBuf,

    /// The operationId to invoke.
    #[arg(value_name = "OPERATION_ID")]
    pub operation_id: String,

    /// JSON file of connection parameter values (none: an empty connection).
    #[arg(long, value_name = "FILE")]
    pub connection: Option<PathBuf>,

    /// A parameter value, NAME=VALUE (repeatable; VALUE is JSON when it parses as JSON).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,

    /// The body parameter's value: a file (JSON, else sent as text), or - for standard input.
    #[arg(long, value_name = "FILE|-")]
    pub body: Option<String>,

    /// Replace the definition's scheme and host (keeping basePath), e.g. a staging or local
    /// server: http://127.0.0.1:8080.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// Send requests for origin FROM to origin TO instead, after policies ran, e.g.
    /// https://acme.alisqi.com=http://127.0.0.1:8080 (repeatable): reaches hosts that policies
    /// write themselves (dynamichosturl), which --base-url does not.
    #[arg(long = "redirect-origin", value_name = "FROM=TO")]
    pub redirect_origins: Vec<String>,

    /// Send OAuth token requests (refresh, client credentials) to this URL instead.
    #[arg(long, value_name = "URL")]
    pub token_url: Option<String>,

    /// Show the request after each phase and policy, every attempt, page and poll, and the
    /// response before and after response policies (secrets masked).
    #[arg(long)]
    pub trace: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = InvokeFormat::Human)]
    pub format: InvokeFormat,

    /// Retry policy for 408, 429, 5xx and connection failures (exponential is the platform's
    /// default: 4 retries, 7.5 s scale, 5-45 s).
    #[arg(long, value_enum, default_value_t = RetryArg::Exponential)]
    pub retry: RetryArg,

    /// Number of retries (default 4).
    #[arg(long, value_name = "N")]
    pub retry_count: Option<u32>,

    /// Retry interval in seconds (fixed: the wait; exponential: the scale).
    #[arg(long, value_name = "SECONDS")]
    pub retry_interval: Option<f64>,

    /// Backend call timeout in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 120.0)]
    pub timeout: f64,

    /// Pages fetched at most for x-ms-pageable operations (1: no paging).
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub max_pages: u32,

    /// Wait for 202 + Location: for operations marked x-ms-long-running-operation
    /// (declared), for any operation (always), or never.
    #[arg(long, value_enum, default_value_t = WaitArg::Declared)]
    pub wait: WaitArg,

    /// Longest wait for a long-running operation, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 600.0)]
    pub lro_timeout: f64,

    /// Instead of invoking, list the values of PARAM's x-ms-dynamic-values / x-ms-dynamic-list
    /// (a parameter name, or body/<property> for body properties) by calling the operation it
    /// references; --param values are the edited operation's current inputs.
    #[arg(long, value_name = "PARAM")]
    pub dynamic_values: Option<String>,

    /// An undeclared query parameter to forward, NAME=VALUE (repeatable).
    #[arg(long = "query", value_name = "NAME=VALUE")]
    pub extra_query: Vec<String>,

    /// Invocation context for platform headers the operation declares
    /// (x-ms-workflow-name=..., x-ms-workflow-run-id=...; repeatable).
    #[arg(long = "context", value_name = "NAME=VALUE")]
    pub context: Vec<String>,

    /// Send x-ms-url-encoding: double values to the backend encoded twice.
    #[arg(long)]
    pub double_encoding_at_backend: bool,

    /// Write a refreshed OAuth token back into the connection file.
    #[arg(long)]
    pub save_token: bool,
}

/// `invoke` output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InvokeFormat {
    /// Status line, headers, pretty body.
    Human,
    /// `{"status", "headers", "body"}` (plus `"trace"` with --trace).
    Json,
}

/// Retry policies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RetryArg {
    /// No retries.
    None,
    /// Fixed interval.
    Fixed,
    /// Exponential back-off (the platform's default).
    Exponential,
}

/// Long-running operation handling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum WaitArg {
    /// Operations marked x-ms-long-running-operation.
    Declared,
    /// Any operation answering 202 with a Location.
    Always,
    /// Never wait.
    Never,
}

/// Authentication of a new connector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AuthArg {
    /// No authentication.
    None,
    /// An API key in a header.
    ApiKey,
    /// HTTP basic (user name and password).
    Basic,
    /// OAuth 2 authorization code.
    Oauth2,
}

/// Arguments of `new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The connector's title (at most 30 characters).
    pub name: String,

    /// The folder to create (default: ./NAME).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,

    /// How users sign in.
    #[arg(long, value_enum, default_value_t = AuthArg::None)]
    pub auth: AuthArg,

    /// The service's host name (default: api.contoso.com, to be replaced).
    #[arg(long)]
    pub host: Option<String>,

    /// Write into DIR even if it exists and is not empty.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `package`.
#[derive(Debug, clap::Args)]
pub struct PackageArgs {
    /// The connector folder.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// The archive to write.
    #[arg(short, long, value_name = "FILE.zip")]
    pub output: PathBuf,

    /// Output format of the findings.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,

    /// Replace FILE.zip if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The published version: a folder, a .zip or a definition file.
    pub old: PathBuf,

    /// The update: a folder, a .zip or a definition file.
    pub new: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
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
// Each bool is an independent command-line switch, not a state to model as an enum.
#[allow(clippy::struct_excessive_bools)]
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
    /// `independent-publisher` to force that variant. [default: `profile` in switchboard.toml,
    /// else default]
    #[arg(long, value_enum)]
    pub profile: Option<ProfileArg>,

    /// Hide findings below this severity (they still count in the summary). [default:
    /// `min-severity` in switchboard.toml, else info]
    #[arg(long, value_enum)]
    pub min_severity: Option<MinSeverity>,

    /// Exit 1 also when there are more than N warnings (0: any warning fails the run), as
    /// ESLint's --max-warnings. [default: `max-warnings` in switchboard.toml, else no limit]
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,

    /// Never show a progress bar (it is shown only on a terminal, for more than one connector).
    #[arg(long)]
    pub no_progress: bool,

    /// Colour: auto (on a terminal), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Do not run these rules (codes or names, repeatable or comma-separated:
    /// `--ignore BX024,SW184`); added to the `ignore` list of switchboard.toml.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Apply the machine-applicable fixes of the findings shown (at --min-severity or above) to
    /// the files, checking again after each round (up to 10), then report what is left.
    /// Connectors inside archives are not changed.
    #[arg(long)]
    pub fix: bool,

    /// Print the time spent in each rule (the slowest 20, summed over threads) to stderr,
    /// like ESLint's TIMING=1: for rule authors and performance work.
    #[arg(long)]
    pub timings: bool,

    /// Read the settings from FILE instead of the switchboard.toml found in the current
    /// directory or its nearest ancestor (`switchboard help validate` shows the keys).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Read no switchboard.toml: only the command line counts.
    #[arg(long)]
    pub no_config: bool,

    /// Hide the findings recorded in FILE (by --write-baseline): only new findings are shown,
    /// counted and fail the run. [default: `baseline` in switchboard.toml]
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every finding shown (at --min-severity or above) in FILE and exit 0: the
    /// baseline of a repository that adopts validate with findings it cannot fix at once.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "fix"])]
    pub write_baseline: Option<PathBuf>,
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
    /// GitHub Actions workflow commands: annotations on a pull request's files.
    Github,
    /// Azure Pipelines logging commands: the run's errors and warnings (infos as log lines).
    Azure,
}

/// Profiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProfileArg {
    /// Authoring.
    Default,
    /// Certification submission.
    Certification,
    /// Certification as an independent publisher.
    IndependentPublisher,
}

/// Severity thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
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

/// `switchboard serve` arguments.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free one; the startup line says which).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Keep the data in SQLite in this directory (created on first start).
    #[arg(
        long,
        value_name = "DIR",
        default_value = "./switchboard-data",
        conflicts_with = "database_url"
    )]
    pub data_dir: PathBuf,
    /// Keep the data in PostgreSQL instead: postgres://USER:PASSWORD@HOST/DB.
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
    /// Let connector invocations reach loopback, link-local and private addresses (off by
    /// default, so that a connector cannot become a way into the operator's network).
    #[arg(long)]
    pub allow_private_network: bool,
    /// The URL browsers and OAuth providers reach this server at, such as
    /// https://switchboard.example.com (default: SWITCHBOARD_PUBLIC_URL, else http:// and the
    /// listening address). The OAuth redirect URL is this plus /api/v1/oauth/redirect.
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
}
