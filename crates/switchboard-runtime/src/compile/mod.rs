//! [`CompiledConnector`]: everything an invocation needs, owned and built once from a loaded
//! [`Connector`], shareable as `Arc` by a server.

pub mod dynamic;
pub mod operation;
pub mod path;

use std::collections::BTreeMap;

use switchboard_model::Connector;
use switchboard_model::api_properties::ApiProperties;
use switchboard_model::json::Value;
use switchboard_model::swagger::Swagger;

pub use dynamic::{DynamicArg, DynamicSource, DynamicSpec};
pub use operation::{
    BodyDefaults, CollectionFormat, OperationSpec, Pageable, ParamSpec, UrlEncoding,
};
pub use path::{PathPiece, PathTemplate};

use crate::auth::{Auth, AuthConfig};
use crate::policies::{self, Policy, Scope};

/// A load-time finding: the connector still compiles.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// A stable code (`DuplicateOperationId`, `PolicyNotBuilt`…).
    pub code: &'static str,
    /// What is odd, naming the operation, parameter or policy.
    pub message: String,
}

impl Diagnostic {
    pub(crate) fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }
}

pub(crate) type Diagnostics = Vec<Diagnostic>;

/// Options fixed at compile time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompileOptions {
    /// Send `x-ms-url-encoding: double` values to the backend encoded twice (spec §1.4, open
    /// question 1); by default the backend gets one level.
    pub double_encoding_at_backend: bool,
}

/// Why a connector cannot be compiled at all.
#[derive(Debug, thiserror::Error)]
pub enum CompileError {
    /// No `apiDefinition.swagger.json`.
    #[error("{path}: the connector has no apiDefinition.swagger.json")]
    NoDefinition {
        /// The connector path.
        path: String,
    },
    /// The definition is not parseable JSON.
    #[error(
        "{path}: apiDefinition.swagger.json is not valid JSON (run `switchboard validate` for the location)"
    )]
    UnparseableDefinition {
        /// The connector path.
        path: String,
    },
    /// A `--base-url` or token URL override is not an absolute http(s) URL.
    #[error("'{url}' is not an absolute http or https URL")]
    BadOverride {
        /// The URL given.
        url: String,
    },
}

/// A policy instance: built, or the reason it could not be (which fails every call in its
/// scope, naming the template: silently skipping it would change behaviour).
#[derive(Debug)]
pub(crate) enum PolicySlot {
    Built(Box<dyn Policy>),
    Failed { scope: Scope, message: String },
}

/// A connector ready to invoke.
#[derive(Debug)]
pub struct CompiledConnector {
    /// `info.title`, else the folder name.
    pub name: String,
    /// `schemes[0]://host + basePath`, without a trailing `/` (empty when the swagger has no
    /// host and no override was given).
    pub base_url: String,
    /// Operations by id.
    pub operations: BTreeMap<String, OperationSpec>,
    /// Authentication schemes in `securityDefinitions` order.
    pub auth_configs: Vec<AuthConfig>,
    pub(crate) auth: Vec<Auth>,
    pub(crate) policies: Vec<PolicySlot>,
    /// Connection parameters of type `securestring` (redacted from traces).
    pub secret_parameters: Vec<String>,
    /// The test-connection operation (`x-ms-capabilities.testConnection.operationId`).
    pub test_connection: Option<String>,
    /// Compile options.
    pub options: CompileOptions,
    /// Token endpoint override (for staging or loopback identity providers).
    pub token_url_override: Option<String>,
    /// Origins rerouted at the wire ([`CompiledConnector::redirect_origin`]): `(from, to)`,
    /// both as `scheme://host[:port]`.
    pub(crate) origin_redirects: Vec<(String, String)>,
    /// Hosts a caller may send the connector's calls to ([`CompiledConnector::restrict_caller_hosts`]).
    pub(crate) caller_hosts: Option<Vec<String>>,
}

impl CompiledConnector {
    /// Compiles `connector`. Returns load diagnostics alongside; only a missing or unparseable
    /// definition is an error.
    pub fn build(
        connector: &Connector,
        options: CompileOptions,
    ) -> Result<(Self, Vec<Diagnostic>), CompileError> {
        let path = connector.path().display().to_string();
        if connector.swagger.is_none() {
            return Err(CompileError::NoDefinition { path });
        }
        let Some(root) = connector.swagger_root() else {
            return Err(CompileError::UnparseableDefinition { path });
        };
        let swagger = Swagger::new(root);
        let props = connector.properties_root().map(ApiProperties::new);
        let mut diagnostics = Vec::new();
        if connector.properties.is_some() && props.is_none() {
            diagnostics.push(Diagnostic::warning(
                "UnparseableProperties",
                "apiProperties.json is not valid JSON: no connection parameters, policies or script operations are known",
            ));
        }

        let base_url = base_url(swagger, &mut diagnostics);
        let script_ops = script_operations(connector, props.as_ref());
        let mut operations = BTreeMap::new();
        for op in swagger.operations() {
            let Some(id) = op.operation_id().filter(|id| !id.is_empty()) else {
                diagnostics.push(Diagnostic::warning(
                    "NoOperationId",
                    format!(
                        "{} {} has no operationId and cannot be invoked",
                        op.method, op.path.template
                    ),
                ));
                continue;
            };
            if operations.contains_key(id) {
                diagnostics.push(Diagnostic::warning(
                    "DuplicateOperationId",
                    format!(
                        "operationId '{id}' is used more than once; {} {} is ignored",
                        op.method, op.path.template
                    ),
                ));
                continue;
            }
            let mut spec = operation::compile_operation(swagger, &op, id, &mut diagnostics);
            spec.script = script_ops.covers(id);
            operations.insert(id.to_string(), spec);
        }

        let auth_configs = crate::auth::compile(swagger, props.as_ref(), &mut diagnostics);
        let auth = auth_configs.iter().map(AuthConfig::build).collect();
        let policies = build_policies(props.as_ref(), &operations, &mut diagnostics);
        let secret_parameters = props
            .map(|p| {
                p.connection_parameters()
                    .filter(|c| c.param_type() == Some("securestring"))
                    .map(|c| c.name.to_string())
                    .collect()
            })
            .unwrap_or_default();
        let name = swagger.title().map_or_else(
            || {
                connector
                    .path()
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            },
            str::to_string,
        );
        Ok((
            Self {
                name,
                base_url,
                operations,
                auth_configs,
                auth,
                policies,
                secret_parameters,
                test_connection: root
                    .get("x-ms-capabilities")
                    .and_then(|c| c.get("testConnection"))
                    .and_then(|t| t.get_str("operationId"))
                    .map(str::to_string),
                options,
                token_url_override: None,
                origin_redirects: Vec::new(),
                caller_hosts: None,
            },
            diagnostics,
        ))
    }

    /// The operation `id`.
    pub fn operation(&self, id: &str) -> Option<&OperationSpec> {
        self.operations.get(id)
    }

    /// Points the connector at another server: `url`'s scheme, host and port replace the
    /// swagger's, the swagger's basePath is kept (a path in `url` goes before it). This is
    /// `switchboard invoke --base-url`.
    pub fn override_origin(&mut self, url: &str) -> Result<(), CompileError> {
        let bad = || CompileError::BadOverride { url: url.to_string() };
        let parsed = url::Url::parse(url).map_err(|_| bad())?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(bad());
        }
        let base_path = match self.base_url.find("://") {
            Some(i) => self.base_url[i + 3..].find('/').map_or("", |p| &self.base_url[i + 3 + p..]),
            None => "",
        };
        let origin = parsed.origin().ascii_serialization();
        let prefix = parsed.path().trim_end_matches('/');
        self.base_url = format!("{origin}{prefix}{base_path}");
        Ok(())
    }

    /// Sends requests whose URL has the origin of `from` (scheme, host, port) to the origin of
    /// `to` instead. Unlike [`CompiledConnector::override_origin`], which replaces the
    /// definition's host before anything runs, this applies at the wire, after every policy:
    /// it reaches hosts that policies write themselves (`dynamichosturl` templates such as
    /// Cradl AI's `https://auth.lucidtech.ai`, `setvaluefromurl` side calls, next links), so a
    /// connector can be pointed at a staging or loopback server. Policies, next-link checks and
    /// traces still see the original URL; only the connection is made elsewhere.
    pub fn redirect_origin(&mut self, from: &str, to: &str) -> Result<(), CompileError> {
        let origin = |text: &str| {
            let bad = || CompileError::BadOverride { url: text.to_string() };
            let parsed = url::Url::parse(text).map_err(|_| bad())?;
            if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
                return Err(bad());
            }
            Ok(parsed.origin().ascii_serialization())
        };
        let (from, to) = (origin(from)?, origin(to)?);
        self.origin_redirects.retain(|(f, _)| *f != from);
        self.origin_redirects.push((from, to));
        Ok(())
    }

    /// The URL `request` is sent to: [`Request::url`], with its origin rerouted when
    /// [`CompiledConnector::redirect_origin`] names it.
    pub(crate) fn wire_url(&self, request: &crate::Request) -> String {
        let url = request.url();
        if self.origin_redirects.is_empty() {
            return url;
        }
        let Ok(parsed) = url::Url::parse(&url) else { return url };
        let origin = parsed.origin().ascii_serialization();
        let Some((_, to)) = self.origin_redirects.iter().find(|(from, _)| *from == origin) else {
            return url;
        };
        let rest = &parsed[url::Position::BeforePath..];
        format!("{to}{rest}")
    }

    /// The SSRF guard of spec §3.4.3: when a `dynamichosturl` takes the host from caller input
    /// (`@headers('service_url')`, `@queryParameters('hosturl')`), the call — and any side call
    /// after it — may only go to one of `hosts` (`api.example.com`, or `*.example.com` for the
    /// domain and its subdomains); any other host fails the call with 403 `EgressNotAllowed`
    /// before anything is sent. Hosts from the definition or the connection are not affected.
    /// Without this the runtime trusts its caller (the CLI; an in-process embedder); a server
    /// that forwards requests from others must set it.
    pub fn restrict_caller_hosts(&mut self, hosts: impl IntoIterator<Item = impl Into<String>>) {
        self.caller_hosts =
            Some(hosts.into_iter().map(|h| h.into().trim().to_ascii_lowercase()).collect());
    }

    /// Refuses `request` when a caller chose its host and the host is not allowed
    /// ([`CompiledConnector::restrict_caller_hosts`]).
    pub(crate) fn check_caller_host(
        &self,
        request: &crate::Request,
        phase: crate::Phase,
    ) -> Result<(), crate::InvokeError> {
        let Some(allowed) = &self.caller_hosts else { return Ok(()) };
        let host = url::Url::parse(&request.base_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
            .unwrap_or_default();
        let ok = allowed.iter().any(|a| match a.strip_prefix("*.") {
            Some(domain) => host == domain || host.ends_with(&format!(".{domain}")),
            None => host == *a,
        });
        if ok {
            return Ok(());
        }
        Err(crate::InvokeError::client(
            phase,
            "EgressNotAllowed",
            403,
            format!(
                "connector '{}': the host '{host}' comes from the caller's input (a dynamichosturl reads a header or query parameter) and is not one of the hosts allowed for it",
                self.name
            ),
        ))
    }

    /// Sends every OAuth token request (refresh, client credentials) to `url` instead of the
    /// provider's endpoint (a staging or loopback identity provider).
    pub fn override_token_url(&mut self, url: &str) -> Result<(), CompileError> {
        let parsed =
            url::Url::parse(url).map_err(|_| CompileError::BadOverride { url: url.into() })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(CompileError::BadOverride { url: url.into() });
        }
        self.token_url_override = Some(url.to_string());
        Ok(())
    }

    /// The connector's OAuth 2 scheme, if it has one.
    pub fn oauth(&self) -> Option<&crate::auth::OAuthAuth> {
        self.auth.iter().find_map(|a| match a {
            Auth::OAuth2(o) => Some(o),
            _ => None,
        })
    }

    /// Sets the redirect URL registered with the OAuth provider (a server's own redirect
    /// endpoint) for the authorization-code flow and `{RedirectUrl}` placeholders.
    pub fn set_oauth_redirect_url(&mut self, url: &str) {
        for config in &mut self.auth_configs {
            if let AuthConfig::OAuth2(c) = config {
                c.redirect_url = Some(url.to_string());
            }
        }
        self.auth = self.auth_configs.iter().map(AuthConfig::build).collect();
    }

    /// Appends an already built policy after the connector's own (for embedders that supply
    /// policies from elsewhere, and for tests and benchmarks).
    pub fn push_policy(&mut self, policy: Box<dyn Policy>) {
        self.policies.push(PolicySlot::Built(policy));
    }

    /// Whether `policy` runs on calls of `operation_id`: its scope says so, or — the spec's
    /// decision for `setconnectionstatustounauthenticated` (§3.4.12, open question 17) — it
    /// flags broken credentials and the operation is the test-connection one.
    pub(crate) fn policy_applies(&self, policy: &dyn Policy, operation_id: &str) -> bool {
        policy.scope().applies_to(operation_id)
            || (policy.template_id() == "setconnectionstatustounauthenticated"
                && self.test_connection.as_deref() == Some(operation_id))
    }

    /// How many policy instances were built, and how many failed to build.
    pub fn policy_counts(&self) -> (usize, usize) {
        let built = self.policies.iter().filter(|p| matches!(p, PolicySlot::Built(_))).count();
        (built, self.policies.len() - built)
    }
}

fn base_url(swagger: Swagger<'_>, diagnostics: &mut Diagnostics) -> String {
    let scheme = swagger.schemes().next().unwrap_or("https");
    let Some(host) = swagger.host().filter(|h| !h.is_empty()) else {
        diagnostics.push(Diagnostic::warning(
            "NoHost",
            "the definition has no 'host'; invoke needs --base-url (or a dynamichosturl policy)",
        ));
        return String::new();
    };
    let base_path = swagger.base_path().unwrap_or("/").trim_end_matches('/');
    let base_path = if base_path.is_empty() || base_path.starts_with('/') {
        base_path.to_string()
    } else {
        format!("/{base_path}")
    };
    format!("{scheme}://{host}{base_path}")
}

/// Which operations run through custom code (`script.csx`), which this runtime does not execute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptOps {
    /// No custom code.
    None,
    /// Every operation (a script without a `scriptOperations` list, or with an empty one).
    All,
    /// The operations `scriptOperations` lists (also when the connector ships no script).
    Listed(Vec<String>),
}

impl ScriptOps {
    /// Whether operation `id` runs through custom code.
    pub fn covers(&self, id: &str) -> bool {
        match self {
            Self::None => false,
            Self::All => true,
            Self::Listed(ids) => ids.iter().any(|s| s == id),
        }
    }
}

/// The operations of `connector` that run through custom code, as the runtime decides it (the
/// linter asks the same function). Spec §6.2: a non-empty `scriptOperations` lists the covered
/// operations; an empty list, or no key while a script exists, covers every operation.
pub fn script_operations(connector: &Connector, props: Option<&ApiProperties<'_>>) -> ScriptOps {
    let listed = props
        .and_then(ApiProperties::properties)
        .and_then(|p| p.get("scriptOperations"))
        .and_then(Value::as_array);
    match listed {
        Some(ids) if !ids.is_empty() => {
            ScriptOps::Listed(ids.iter().filter_map(Value::as_str).map(str::to_string).collect())
        }
        _ if connector.script.is_some() => ScriptOps::All,
        _ => ScriptOps::None,
    }
}

fn build_policies(
    props: Option<&ApiProperties<'_>>,
    operations: &BTreeMap<String, OperationSpec>,
    diagnostics: &mut Diagnostics,
) -> Vec<PolicySlot> {
    let Some(props) = props else { return Vec::new() };
    let mut out = Vec::new();
    for (index, instance) in props.policy_template_instances().enumerate() {
        let scope = Scope(
            instance.operation_names().filter_map(Value::as_str).map(str::to_string).collect(),
        );
        for name in &scope.0 {
            if !operations.contains_key(name) {
                diagnostics.push(Diagnostic::warning(
                    "PolicyScopeUnknownOperation",
                    format!(
                        "policy template #{index} '{}' names operation '{name}', which does not exist{}",
                        instance.title().unwrap_or(""),
                        if operations.keys().any(|k| k.eq_ignore_ascii_case(name)) {
                            " (matched case-insensitively)"
                        } else {
                            ""
                        }
                    ),
                ));
            }
        }
        match policies::build(index, &serde_json::Value::from(instance.node)) {
            Ok(policy) => out.push(PolicySlot::Built(policy)),
            Err(e) => {
                let message = e.to_string();
                diagnostics.push(Diagnostic::warning("PolicyNotBuilt", message.clone()));
                out.push(PolicySlot::Failed { scope, message });
            }
        }
    }
    out
}
