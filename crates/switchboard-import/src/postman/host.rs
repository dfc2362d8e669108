//! The connector's host, basePath and schemes: the most common base URL of the requests.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use switchboard_model::json::Value;

use super::report::{Loss, Report};
use super::url::{Origin, variable_names};

/// The host written when the base URL is a variable without a value.
pub(crate) const PLACEHOLDER_HOST: &str = "api.example.com";

/// Where the connector's requests go.
pub(crate) struct Base<'a> {
    /// The origin chosen (as the requests wrote it, variables unresolved).
    pub origin: Origin,
    /// `host` (a placeholder when the origin is unresolved).
    pub host: String,
    /// `basePath`.
    pub path: String,
    /// `schemes[0]`.
    pub scheme: String,
    /// The URL of the first request on the chosen origin.
    pub node: Option<&'a Value>,
}

/// Picks the most common origin of `origins` (each with the URL node it was read from; ties
/// go to the first seen); reports a placeholder host. `empty_variables` are the collection
/// variables declared without a value.
pub(crate) fn choose<'a>(
    origins: &[(Origin, &'a Value)],
    empty_variables: &BTreeMap<String, &Value>,
    report: &mut Report<'_>,
) -> Base<'a> {
    let mut counts: Vec<(&Origin, usize, &Value)> = Vec::new();
    for (origin, node) in origins {
        let key = |o: &Origin| (o.host.clone(), o.base_path.clone());
        match counts.iter_mut().find(|(o, _, _)| key(o) == key(origin)) {
            Some(entry) => entry.1 += 1,
            None => counts.push((origin, 1, node)),
        }
    }
    let mut best: Option<(&Origin, usize, &Value)> = None;
    for entry in &counts {
        if best.is_none_or(|b| entry.1 > b.1) {
            best = Some(*entry);
        }
    }
    let Some((origin, _, node)) = best else {
        // No request: nothing to call yet.
        return Base {
            origin: Origin { scheme: None, host: String::new(), base_path: String::new() },
            host: PLACEHOLDER_HOST.into(),
            path: "/".into(),
            scheme: "https".into(),
            node: None,
        };
    };
    let scheme = match origin.scheme.as_deref() {
        Some(s @ ("http" | "https")) => s.to_string(),
        _ => "https".to_string(),
    };
    let base_path =
        if origin.base_path.is_empty() { "/".to_string() } else { origin.base_path.clone() };
    if !origin.is_unresolved() && !origin.host.is_empty() {
        return Base {
            origin: origin.clone(),
            host: origin.host.clone(),
            path: base_path,
            scheme,
            node: Some(node),
        };
    }
    let names = variable_names(&origin.host);
    let host = placeholder(&origin.host);
    let declared = names.iter().find_map(|n| empty_variables.get(*n).copied());
    let shown = if names.is_empty() {
        "the base URL has no host".to_string()
    } else {
        let list: Vec<String> = names.iter().map(|n| format!("`{{{{{n}}}}}`")).collect();
        format!("the base URL variable {} has no value in the collection", list.join(", "))
    };
    let others: Vec<String> = counts
        .iter()
        .filter(|(o, _, _)| !o.is_unresolved() && !o.host.is_empty())
        .map(|(o, _, _)| {
            format!("{}://{}{}", o.scheme.as_deref().unwrap_or("https"), o.host, o.base_path)
        })
        .collect();
    let mut help = "set `host` (and `basePath`) in apiDefinition.swagger.json to the service's address, or give the variable a value in the collection and import again".to_string();
    if !others.is_empty() {
        let _ = write!(help, "; other requests of the collection call {}", others.join(", "));
    }
    report
        .add(
            Loss::HostPlaceholder,
            declared.unwrap_or(node),
            format!("{shown}; the host is the placeholder `{host}`"),
        )
        .set_help(help);
    Base { origin: origin.clone(), host, path: base_path, scheme, node: Some(node) }
}

/// A valid host for an unresolved one: `api.example.com` when the whole host is a variable,
/// otherwise the variables replaced by their names (`{{tenant}}.contoso.com` →
/// `tenant.contoso.com`).
fn placeholder(host: &str) -> String {
    let trimmed = host.trim();
    let only_variable =
        trimmed.starts_with("{{") && trimmed.ends_with("}}") && variable_names(trimmed).len() == 1;
    if trimmed.is_empty() || only_variable {
        return PLACEHOLDER_HOST.into();
    }
    let mut out = String::new();
    let mut rest = trimmed;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else { break };
        out.push_str(&rest[..start]);
        let name: String = rest[start + 2..start + 2 + len]
            .trim()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
            .collect();
        out.push_str(name.trim_matches('-'));
        rest = &rest[start + 4 + len..];
    }
    out.push_str(rest);
    let valid = out.split(':').next().is_some_and(|h| {
        !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
    });
    if valid { out } else { PLACEHOLDER_HOST.into() }
}
