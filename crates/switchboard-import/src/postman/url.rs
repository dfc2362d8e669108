//! Request URLs: the object form (`protocol`, `host`, `port`, `path`, `query`, `variable`) and
//! the raw string form, `{{variables}}`, the base URL (origin) of a request, and its path
//! template with path parameters.

use std::collections::BTreeMap;

use switchboard_model::json::Value;

use super::collection::description;

/// A request URL split into its parts, variables unresolved.
pub(crate) struct Url<'a> {
    /// Where the URL is in the collection (the `url` member, or the request string).
    pub node: &'a Value,
    /// `http`, `https`… when written.
    pub protocol: Option<String>,
    /// The host as written: labels joined with `.`, variables included.
    pub host: String,
    /// The port when written.
    pub port: Option<String>,
    /// Path segments as written.
    pub path: Vec<String>,
    /// Query parameters.
    pub query: Vec<QueryParam<'a>>,
    /// `url.variable`: values and descriptions of `:name` path variables.
    pub variables: Vec<&'a Value>,
}

/// One query parameter as written.
pub(crate) struct QueryParam<'a> {
    /// The key.
    pub key: String,
    /// The value, if any.
    pub value: Option<String>,
    /// Disabled in Postman.
    pub disabled: bool,
    /// Its description.
    pub description: Option<String>,
    /// Where it is (the URL when it comes from the raw string).
    pub node: &'a Value,
}

/// The text of a scalar (strings as they are, numbers as written).
fn scalar_text(node: &Value) -> Option<String> {
    node.as_str()
        .map(str::to_string)
        .or_else(|| node.as_number_text().map(str::to_string))
        .or_else(|| node.as_bool().map(|b| b.to_string()))
}

/// Reads the URL of a request (`request` is the request object or a URL string); `None`
/// when there is none.
pub(crate) fn read(request: &Value) -> Option<Url<'_>> {
    if let Some(raw) = request.as_str() {
        return Some(from_raw(request, raw));
    }
    let node = request.get("url")?;
    if let Some(raw) = node.as_str() {
        return Some(from_raw(node, raw));
    }
    node.as_object()?;
    let raw = node.get_str("raw").unwrap_or_default();
    if node.get("host").is_none() && node.get("path").is_none() {
        let mut url = from_raw(node, raw);
        url.variables = node.get("variable").map(|v| v.items().collect()).unwrap_or_default();
        return Some(url);
    }
    let host = match node.get("host") {
        Some(h) if h.as_array().is_some() => {
            h.items().filter_map(scalar_text).collect::<Vec<_>>().join(".")
        }
        Some(h) => scalar_text(h).unwrap_or_default(),
        None => String::new(),
    };
    let path = match node.get("path") {
        Some(p) if p.as_array().is_some() => p
            .items()
            .filter_map(|s| scalar_text(s).or_else(|| s.get("value").and_then(scalar_text)))
            .collect(),
        Some(p) => scalar_text(p).map(|p| split_path(&p)).unwrap_or_default(),
        None => Vec::new(),
    };
    let query = match node.get("query") {
        Some(q) => q
            .items()
            .filter_map(|p| {
                Some(QueryParam {
                    key: p.get("key").and_then(scalar_text)?,
                    value: p.get("value").and_then(scalar_text),
                    disabled: p.get_bool("disabled") == Some(true),
                    description: description(p.get("description")),
                    node: p,
                })
            })
            .collect(),
        None => parse_query(node, raw),
    };
    Some(Url {
        node,
        protocol: node.get_str("protocol").map(|p| p.trim_end_matches("://").to_string()),
        host,
        port: node.get("port").and_then(scalar_text).filter(|p| !p.is_empty()),
        path,
        query,
        variables: node.get("variable").map(|v| v.items().collect()).unwrap_or_default(),
    })
}

fn split_path(path: &str) -> Vec<String> {
    path.trim_start_matches('/').split('/').map(str::to_string).collect()
}

/// Splits `scheme://` off the start of `text`.
fn split_scheme(text: &str) -> (Option<String>, &str) {
    if let Some((scheme, rest)) = text.split_once("://") {
        let valid = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'));
        if valid {
            return (Some(scheme.to_ascii_lowercase()), rest);
        }
    }
    (None, text)
}

fn from_raw<'a>(node: &'a Value, raw: &str) -> Url<'a> {
    let raw = raw.trim();
    let raw = raw.split_once('#').map_or(raw, |(before, _)| before);
    let (before_query, _) = raw.split_once('?').unwrap_or((raw, ""));
    let (protocol, rest) = split_scheme(before_query);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let (host, port) = split_port(host);
    Url {
        node,
        protocol,
        host,
        port,
        path: if path.is_empty() && !rest.contains('/') { Vec::new() } else { split_path(path) },
        query: parse_query(node, raw),
        variables: Vec::new(),
    }
}

fn split_port(host: &str) -> (String, Option<String>) {
    match host.rsplit_once(':') {
        Some((name, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => {
            (name.to_string(), Some(port.to_string()))
        }
        _ => (host.to_string(), None),
    }
}

fn parse_query<'a>(node: &'a Value, raw: &str) -> Vec<QueryParam<'a>> {
    let Some((_, query)) = raw.split_once('?') else { return Vec::new() };
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = match pair.split_once('=') {
                Some((k, v)) => (k, Some(v.to_string())),
                None => (pair, None),
            };
            QueryParam { key: key.to_string(), value, disabled: false, description: None, node }
        })
        .collect()
}

/// Replaces `{{name}}` by the variable's value wherever one is known (values may themselves
/// use variables; a few rounds resolve those, and cycles stop there).
pub(crate) fn substitute(text: &str, variables: &BTreeMap<String, String>) -> String {
    let mut out = text.to_string();
    for _ in 0..4 {
        if !out.contains("{{") {
            break;
        }
        let mut next = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(start) = rest.find("{{") {
            let Some(len) = rest[start + 2..].find("}}") else { break };
            let name = &rest[start + 2..start + 2 + len];
            next.push_str(&rest[..start]);
            match variables.get(name.trim()) {
                Some(value) => next.push_str(value),
                None => next.push_str(&rest[start..start + 4 + len]),
            }
            rest = &rest[start + 4 + len..];
        }
        next.push_str(rest);
        if next == out {
            break;
        }
        out = next;
    }
    out
}

/// The names of the `{{variables}}` in `text`, in order.
pub(crate) fn variable_names(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else { break };
        names.push(rest[start + 2..start + 2 + len].trim());
        rest = &rest[start + 4 + len..];
    }
    names
}

/// The base URL of a request after resolving variables: what becomes `host`, `schemes` and
/// `basePath`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Origin {
    /// `https`, `http`… when known.
    pub scheme: Option<String>,
    /// `name[:port]`; still holds `{{variables}}` when they have no value.
    pub host: String,
    /// The path the base URL adds before the request's path (`""` or `/v1`).
    pub base_path: String,
}

impl Origin {
    /// Whether the host still holds a variable without a value.
    pub(crate) fn is_unresolved(&self) -> bool {
        self.host.contains("{{")
    }
}

/// The origin of a URL, resolving `{{variables}}` of the host (a `{{baseUrl}}` variable may
/// hold a scheme and a path too).
pub(crate) fn origin(url: &Url<'_>, variables: &BTreeMap<String, String>) -> Origin {
    let written = match &url.port {
        Some(port) => format!("{}:{port}", url.host),
        None => url.host.clone(),
    };
    let resolved = substitute(&written, variables);
    let (scheme, rest) = split_scheme(&resolved);
    // A base URL variable may carry a query or fragment, which has no place in a base path.
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (host, base_path) = rest.split_once('/').unwrap_or((rest, ""));
    // `user:password@host`: credentials are the connection's business, never the host's.
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let base_path = base_path.trim_matches('/');
    Origin {
        scheme: scheme.or_else(|| url.protocol.clone()).map(|s| s.to_ascii_lowercase()),
        host: lowercase_host(host.trim()),
        base_path: if base_path.is_empty() { String::new() } else { format!("/{base_path}") },
    }
}

/// Host names are case-insensitive; variables inside them are not.
fn lowercase_host(host: &str) -> String {
    if host.contains("{{") { host.to_string() } else { host.to_ascii_lowercase() }
}

/// A path parameter found in a URL path.
#[derive(Clone, Debug)]
pub(crate) struct PathParam<'a> {
    /// The name in the template.
    pub name: String,
    /// The `url.variable` entry describing it, if any.
    pub variable: Option<&'a Value>,
    /// The value of a `{{variable}}` segment from the collection variables, if any.
    pub example: Option<String>,
}

/// A parameter name usable in a path template: letters, digits, `_`, `-` and `.`.
pub(crate) fn parameter_name(raw: &str) -> String {
    let name: String = raw
        .trim()
        .trim_start_matches('$')
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') { c } else { '_' })
        .collect();
    let name = name.trim_matches('_').to_string();
    if name.is_empty() { "param".to_string() } else { name }
}

/// The path template of `segments` (`/items/{id}`) and its parameters, in order. `:name`,
/// `{{name}}`, `{name}` and `<name>` become parameters; stray braces in literal text are
/// percent-encoded so that the template stays well formed.
pub(crate) fn path_template<'a>(
    segments: &[String],
    url_variables: &[&'a Value],
    variables: &BTreeMap<String, String>,
) -> (String, Vec<PathParam<'a>>) {
    let mut template = String::new();
    let mut params: Vec<PathParam<'a>> = Vec::new();
    let add = |raw: &str, params: &mut Vec<PathParam<'a>>, from_variable: bool| -> String {
        let mut name = parameter_name(raw);
        // The platform reserves `connectionId` (SW114); a path parameter's name is not sent,
        // so another one does the same.
        if name.eq_ignore_ascii_case("connectionId") {
            name.push_str("Value");
        }
        let base = name.clone();
        let mut n = 2;
        while params.iter().any(|p| p.name.eq_ignore_ascii_case(&name)) {
            name = format!("{base}{n}");
            n += 1;
        }
        let variable = url_variables
            .iter()
            .copied()
            .find(|v| v.get_str("key").or_else(|| v.get_str("id")) == Some(raw));
        let example = if from_variable { variables.get(raw).cloned() } else { None };
        params.push(PathParam { name: name.clone(), variable, example });
        format!("{{{name}}}")
    };
    let segments: Vec<&String> = {
        // Empty segments in the middle (`a//b`) are typing slips; a trailing one is a
        // trailing slash and kept.
        let last = segments.len().saturating_sub(1);
        segments
            .iter()
            .enumerate()
            .filter(|(i, s)| !s.is_empty() || *i == last)
            .map(|(_, s)| s)
            .collect()
    };
    for segment in segments {
        template.push('/');
        let s = segment.trim();
        if let Some(name) = s.strip_prefix(':').filter(|n| !n.is_empty()) {
            template.push_str(&add(name, &mut params, false));
            continue;
        }
        let single = |open: char, close: char| {
            s.strip_prefix(open)
                .and_then(|r| r.strip_suffix(close))
                .filter(|n| !n.is_empty() && !n.contains(['{', '}', '<', '>']))
        };
        if !s.starts_with("{{")
            && let Some(name) = single('{', '}').or_else(|| single('<', '>'))
        {
            template.push_str(&add(name, &mut params, false));
            continue;
        }
        let mut rest = s;
        while let Some(start) = rest.find("{{") {
            let Some(len) = rest[start + 2..].find("}}") else { break };
            push_literal(&mut template, &rest[..start]);
            let name = rest[start + 2..start + 2 + len].trim();
            template.push_str(&add(name, &mut params, true));
            rest = &rest[start + 4 + len..];
        }
        push_literal(&mut template, rest);
    }
    if template.is_empty() {
        template.push('/');
    }
    (template, params)
}

fn push_literal(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            ' ' => out.push_str("%20"),
            '?' => out.push_str("%3F"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
}
