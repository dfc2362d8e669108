//! Paths and operations: path-item parameters merged into each operation, request bodies,
//! responses, tags, summary and description (the path item's as fallback), operation-level
//! security kept for connectorize's choice, callbacks handed to [`super::callbacks`].

use serde_json::{Value as Json, json};
use switchboard_diagnostics::Severity;
use switchboard_model::json::{Value, pointer};

use super::{Conv, Map, codes};

/// Methods of OpenAPI 3 path items.
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

impl<'s> Conv<'s> {
    pub(super) fn paths(&mut self) -> Map {
        let mut out = Map::new();
        let Some(paths) = self.src.root.get("paths") else { return out };
        if let Some(m) = self.src.root.member("paths") {
            self.origins.insert("/paths".into(), self.src.location(m.key_span));
        }
        for m in paths.members() {
            let path = m.key.to_string();
            if !path.starts_with('/') {
                self.loss(
                    codes::METHOD,
                    Severity::Warning,
                    format!("path `{path}` does not start with `/`; dropped"),
                    m.key_span,
                );
                continue;
            }
            let Some(item) = self.deref(&m.value) else { continue };
            let item_json = self.path_item(&path, item, m.key_span);
            if !item_json.is_empty() {
                out.insert(path, Json::Object(item_json));
            }
        }
        out
    }

    fn path_item(&mut self, path: &str, item: &'s Value, key_span: switchboard_model::Span) -> Map {
        let mut out = Map::new();
        if let Some(s) = item.member("servers") {
            self.local_servers(s, path);
        }
        for m in item.members() {
            let method = m.key.as_str();
            if !METHODS.contains(&method) {
                continue;
            }
            if method == "trace" {
                self.loss(
                    codes::METHOD,
                    Severity::Warning,
                    format!("TRACE {path} dropped: Swagger 2.0 has no TRACE"),
                    m.key_span,
                );
                continue;
            }
            let pointer = pointer::from_tokens(["paths", path, method]);
            self.origins.insert(pointer, self.src.location(m.key_span));
            let op = self.operation(path, method, item, &m.value);
            out.insert(method.to_string(), Json::Object(op));
        }
        if out.is_empty() {
            let _ = key_span;
        }
        out
    }

    fn local_servers(&mut self, servers: &'s switchboard_model::json::Member, path: &str) {
        let base = self.base_url.clone();
        let differs = servers
            .value
            .items()
            .any(|s| self.server_url(s, false).trim_end_matches('/') != base.trim_end_matches('/'));
        if differs {
            self.loss(
                codes::LOCAL_SERVERS,
                Severity::Info,
                format!("servers of `{path}` dropped: a connector has one host (`{base}`)"),
                servers.key_span,
            );
        }
    }

    fn operation(&mut self, path: &str, method: &str, item: &'s Value, op: &'s Value) -> Map {
        let label = format!("{} {path}", method.to_uppercase());
        let mut out = Map::new();
        if let Some(tags) = op.get("tags") {
            out.insert("tags".into(), Json::from(tags));
        }
        let text = |k: &str| op.get_str(k).or_else(|| item.get_str(k)).map(str::to_string);
        if let Some(s) = text("summary") {
            out.insert("summary".into(), json!(s));
        }
        if let Some(d) = text("description") {
            out.insert("description".into(), json!(d));
        }
        if let Some(id) = op.get_str("operationId") {
            out.insert("operationId".into(), json!(id));
        }
        if let Some(s) = op.member("servers") {
            self.local_servers(s, path);
        }
        // Parameters: the operation's, then the path item's not overridden.
        let mut params: Vec<Json> = Vec::new();
        let own: Vec<&'s Value> = op.get("parameters").into_iter().flat_map(Value::items).collect();
        let shared: Vec<&'s Value> =
            item.get("parameters").into_iter().flat_map(Value::items).collect();
        let mut keys: Vec<(String, String)> = Vec::new();
        for p in own.iter().chain(shared.iter()) {
            let resolved = self.peek(p);
            let key = (resolved.0.clone(), resolved.1.clone());
            if keys.contains(&key) {
                continue;
            }
            keys.push(key);
            params.extend(self.parameter(p, &label));
        }
        let mut consumes = None;
        if let Some(rb) = op.get("requestBody") {
            let (body, media) = self.request_body(rb, method, &label);
            params.extend(body);
            consumes = media;
        }
        if !params.is_empty() {
            out.insert("parameters".into(), Json::Array(params));
        }
        if let Some(c) = consumes {
            out.insert("consumes".into(), json!([c]));
        }
        let (responses, produces) = match op.get("responses") {
            Some(r) => self.responses(r, &label),
            None => (Map::new(), Vec::new()),
        };
        if !produces.is_empty() {
            out.insert("produces".into(), json!(produces));
        }
        out.insert("responses".into(), Json::Object(responses));
        if op.get_bool("deprecated") == Some(true) {
            out.insert("deprecated".into(), json!(true));
        }
        if let Some(s) = op.get("security") {
            out.insert("security".into(), self.security_requirements(s));
        }
        if let Some(e) = op.get("externalDocs") {
            out.insert("externalDocs".into(), Json::from(e));
        }
        for m in op.members().filter(|m| m.key.starts_with("x-ms-")) {
            out.insert(m.key.to_string(), Json::from(&m.value));
        }
        if let Some(cb) = op.member("callbacks") {
            self.callbacks(&mut out, op, cb, &label);
        }
        out
    }

    /// `(name, in)` of a parameter, through a reference, without reporting.
    fn peek(&self, p: &'s Value) -> (String, String) {
        let mut node = p;
        for _ in 0..8 {
            match node
                .get_str("$ref")
                .and_then(super::refs::local_pointer)
                .and_then(|ptr| pointer::resolve(&self.src.root, &ptr))
            {
                Some(t) => node = t,
                None => break,
            }
        }
        (
            node.get_str("name").unwrap_or("").to_string(),
            node.get_str("in").unwrap_or("").to_string(),
        )
    }
}
