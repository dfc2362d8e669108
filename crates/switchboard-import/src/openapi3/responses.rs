//! Responses: codes (ranges such as `2XX` mapped to a code), the chosen media type's schema,
//! headers, one example; links reported.

use serde_json::{Value as Json, json};
use switchboard_diagnostics::Severity;
use switchboard_model::json::Value;

use super::bodies::is_binary;
use super::{Conv, Map, codes};

impl<'s> Conv<'s> {
    /// Converts an operation's `responses`; returns them and the media types produced.
    pub(super) fn responses(&mut self, node: &'s Value, label: &str) -> (Map, Vec<String>) {
        let mut out = Map::new();
        // Media types by response: only success responses' count when there are any (error
        // bodies are not shown by connectors, and their schemas are dropped).
        let mut produces_by: Vec<(bool, String)> = Vec::new();
        let explicit: Vec<String> = node.members().map(|m| m.key.to_string()).collect();
        for m in node.members() {
            let code = m.key.to_string();
            let code = if code.len() == 3 && (code.ends_with("XX") || code.ends_with("xx")) {
                let mapped = format!("{}00", &code[..1]);
                if explicit.contains(&mapped) || out.contains_key(&mapped) {
                    self.loss(
                        codes::RESPONSE_RANGE,
                        Severity::Info,
                        format!("{label}: response range `{code}` dropped ({mapped} is described)"),
                        m.key_span,
                    );
                    continue;
                }
                self.loss(
                    codes::RESPONSE_RANGE,
                    Severity::Info,
                    format!("{label}: response range `{code}` written as `{mapped}`"),
                    m.key_span,
                );
                mapped
            } else {
                code
            };
            let Some(r) = self.deref(&m.value) else { continue };
            let mut resp = Map::new();
            resp.insert("description".into(), json!(r.get_str("description").unwrap_or("")));
            if let Some(content) = r.get("content")
                && let Some((media, media_node)) =
                    self.choose_media(content, &format!("{label} response {code}"), "response")
            {
                let schema = match media_node.get("schema") {
                    Some(s) if !is_binary(&media) => Some(self.schema(s, 0)),
                    _ if is_binary(&media) => Some(json!({"type": "string", "format": "binary"})),
                    Some(s) => Some(self.schema(s, 0)),
                    None => None,
                };
                if let Some(s) = schema {
                    resp.insert("schema".into(), s);
                }
                let example = media_node.get("example").map(Json::from).or_else(|| {
                    media_node
                        .get("examples")
                        .and_then(|e| e.members().next())
                        .and_then(|e| self.deref(&e.value))
                        .and_then(|e| e.get("value"))
                        .map(Json::from)
                });
                if let Some(ex) = example {
                    let mut examples = Map::new();
                    examples.insert(media.clone(), ex);
                    resp.insert("examples".into(), Json::Object(examples));
                }
                if !produces_by.iter().any(|(_, m)| *m == media) || code.starts_with('2') {
                    produces_by.push((code.starts_with('2'), media));
                }
            }
            if let Some(headers) = r.get("headers") {
                let mut hs = Map::new();
                for h in headers.members() {
                    let Some(hn) = self.deref(&h.value) else { continue };
                    let schema = hn
                        .get("schema")
                        .map_or_else(|| json!({"type": "string"}), |s| self.schema(s, 0));
                    let flat = self.flat(&schema);
                    let mut header = Map::new();
                    if let Some(d) = hn.get_str("description") {
                        header.insert("description".into(), json!(d));
                    }
                    self.simple_shape(&mut header, &flat, &h.key, label, &h.value);
                    hs.insert(h.key.to_string(), Json::Object(header));
                }
                if !hs.is_empty() {
                    resp.insert("headers".into(), Json::Object(hs));
                }
            }
            if let Some(l) = r.member("links") {
                self.loss(
                    codes::LINKS,
                    Severity::Info,
                    format!(
                        "{label}: response {code}: `links` are not Swagger 2.0 and were dropped"
                    ),
                    l.key_span,
                );
            }
            out.insert(code, Json::Object(resp));
        }
        let any_success = produces_by.iter().any(|(ok, _)| *ok);
        let mut produces: Vec<String> = Vec::new();
        for (ok, media) in produces_by {
            if (ok || !any_success) && !produces.contains(&media) {
                produces.push(media);
            }
        }
        (out, produces)
    }
}
