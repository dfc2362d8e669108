//! `servers` → `host`, `basePath`, `schemes`. A connector has one host: the first HTTPS
//! server is used, its variables fixed to their defaults.

use serde_json::json;
use switchboard_diagnostics::Severity;
use switchboard_model::json::Value;

use super::{Conv, Map, codes, key_span};
use crate::swagger2::PLACEHOLDER_HOST;

impl<'s> Conv<'s> {
    pub(super) fn servers(&mut self, doc: &mut Map) {
        let root = &self.src.root;
        let servers: Vec<&'s Value> = root
            .get("servers")
            .into_iter()
            .flat_map(Value::items)
            .filter(|s| s.get_str("url").is_some())
            .collect();
        if let Some(m) = root.member("servers") {
            self.origins.insert("/host".into(), self.src.location(m.key_span));
            self.origins.insert("/schemes".into(), self.src.location(m.key_span));
        }
        if servers.is_empty() {
            self.loss_help(
                codes::NO_SERVER,
                Severity::Warning,
                format!("the document has no server; the connector uses the placeholder host `{PLACEHOLDER_HOST}`"),
                key_span(root, "openapi"),
                "replace `host` in apiDefinition.swagger.json with the service's host name",
            );
            doc.insert("host".into(), json!(PLACEHOLDER_HOST));
            doc.insert("schemes".into(), json!(["https"]));
            return;
        }
        let urls: Vec<String> = servers.iter().map(|s| self.server_url(s, false)).collect();
        let chosen = urls
            .iter()
            .position(|u| u.starts_with("https://"))
            .or_else(|| urls.iter().position(|u| u.contains("://") || u.starts_with("//")))
            .unwrap_or(0);
        let url = self.server_url(servers[chosen], true);
        for (i, s) in servers.iter().enumerate() {
            if i != chosen {
                self.loss(
                    codes::SERVERS,
                    Severity::Info,
                    format!("server `{}` is not used: a connector has one host (`{url}`)", urls[i]),
                    s.span,
                );
            }
        }
        self.base_url.clone_from(&url);
        let (scheme, rest) = match url.split_once("://") {
            Some((s, r)) => (s.to_ascii_lowercase(), r.to_string()),
            None => (
                "https".to_string(),
                url.strip_prefix("//").map_or_else(|| url.clone(), str::to_string),
            ),
        };
        let relative = !url.contains("://") && !url.starts_with("//");
        let (host, path) = if relative {
            (String::new(), rest.clone())
        } else {
            match rest.find('/') {
                Some(i) => (rest[..i].to_string(), rest[i..].to_string()),
                None => (rest.clone(), String::new()),
            }
        };
        let host_ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'));
        let host = if host_ok {
            host
        } else {
            self.loss_help(
                codes::NO_SERVER,
                Severity::Warning,
                format!("server `{url}` names no usable host; the connector uses the placeholder host `{PLACEHOLDER_HOST}`"),
                servers[chosen].span,
                "replace `host` in apiDefinition.swagger.json with the service's host name",
            );
            PLACEHOLDER_HOST.to_string()
        };
        doc.insert("host".into(), json!(host));
        let path = path.split(['?', '#']).next().unwrap_or("").trim_end_matches('/');
        if !path.is_empty() {
            let bp = if path.starts_with('/') { path.to_string() } else { format!("/{path}") };
            doc.insert("basePath".into(), json!(bp));
        }
        let scheme =
            if scheme == "http" || scheme == "https" { scheme } else { "https".to_string() };
        doc.insert("schemes".into(), json!([scheme]));
    }

    /// A server's URL with its variables replaced by their defaults; reports variables when
    /// `report` (only for the server used).
    pub(super) fn server_url(&mut self, server: &'s Value, report: bool) -> String {
        let mut url = server.get_str("url").unwrap_or("").trim().to_string();
        for var in server.get("variables").into_iter().flat_map(Value::members) {
            let placeholder = format!("{{{}}}", var.key);
            if !url.contains(&placeholder) {
                continue;
            }
            let default = var.value.get_str("default").map(str::to_string).or_else(|| {
                var.value
                    .get("enum")
                    .and_then(|e| e.items().next())
                    .and_then(Value::as_str)
                    .map(str::to_string)
            });
            let enum_len = var.value.get("enum").map_or(0, |e| e.items().len());
            let value = if let Some(d) = default {
                if report && enum_len > 1 {
                    self.loss_help(
                        codes::SERVER_VARIABLE,
                        Severity::Info,
                        format!("server variable `{}` is fixed to `{d}` (it has {enum_len} values)", var.key),
                        var.key_span,
                        "to let users choose, add a connection parameter and the `dynamichosturl` policy template",
                    );
                }
                d
            } else {
                if report {
                    self.loss(
                        codes::SERVER_VARIABLE,
                        Severity::Warning,
                        format!(
                            "server variable `{}` has no default; the host keeps a placeholder",
                            var.key
                        ),
                        var.key_span,
                    );
                }
                "example".to_string()
            };
            url = url.replace(&placeholder, &value);
        }
        if url.contains('{') && report {
            self.loss(
                codes::SERVER_VARIABLE,
                Severity::Warning,
                format!("server URL `{url}` uses undeclared variables"),
                server.span,
            );
            url = url.replace(['{', '}'], "");
        }
        url
    }
}
