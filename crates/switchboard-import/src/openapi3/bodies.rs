//! Request bodies → one `in: body` parameter (JSON, XML, text, binary) or `in: formData`
//! parameters (URL-encoded and multipart forms). One media type is kept per operation: JSON
//! first, then forms, text, anything else.

use serde_json::{Value as Json, json};
use switchboard_diagnostics::Severity;
use switchboard_model::json::Value;

use super::parameters::is_object;
use super::{Conv, Map, codes};

/// A media type's rank: lower is preferred.
pub(super) fn rank(media: &str) -> u8 {
    let m = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if m == "application/json" {
        0
    } else if m.ends_with("+json") || m.ends_with("/json") || m == "text/json" {
        1
    } else if m == "application/x-www-form-urlencoded" {
        2
    } else if m == "multipart/form-data" {
        3
    } else if m == "text/plain" {
        4
    } else if m == "*/*" {
        6
    } else {
        5
    }
}

/// Whether a media type carries bytes rather than structured text.
pub(super) fn is_binary(media: &str) -> bool {
    let m = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    m == "application/octet-stream"
        || m.starts_with("image/")
        || m.starts_with("audio/")
        || m.starts_with("video/")
        || m == "application/pdf"
        || m == "application/zip"
}

impl<'s> Conv<'s> {
    /// The chosen media type of a `content` map (reporting the others), or `None` when empty.
    pub(super) fn choose_media(
        &mut self,
        content: &'s Value,
        label: &str,
        what: &str,
    ) -> Option<(String, &'s Value)> {
        let mut best: Option<(u8, &switchboard_model::json::Member)> = None;
        for m in content.members() {
            let r = rank(&m.key);
            if best.is_none_or(|(b, _)| r < b) {
                best = Some((r, m));
            }
        }
        let (_, chosen) = best?;
        let dropped: Vec<&str> =
            content.members().filter(|m| m.key != chosen.key).map(|m| m.key.as_str()).collect();
        if !dropped.is_empty() {
            self.loss(
                codes::MEDIA_TYPE,
                Severity::Info,
                format!(
                    "{label}: {what} media type(s) {} dropped; the connector uses `{}`",
                    dropped.join(", "),
                    chosen.key
                ),
                content.span,
            );
        }
        Some((chosen.key.to_string(), &chosen.value))
    }

    /// Converts a request body; returns the parameters and the media type consumed.
    pub(super) fn request_body(
        &mut self,
        node: &'s Value,
        method: &str,
        label: &str,
    ) -> (Vec<Json>, Option<String>) {
        let Some(rb) = self.deref(node) else { return (Vec::new(), None) };
        if matches!(method, "get" | "head") {
            self.loss(codes::BODY_IN_GET, Severity::Warning, format!("{label}: request body dropped: {} operations cannot have a body in a connector", method.to_uppercase()), node.span);
            return (Vec::new(), None);
        }
        let Some(content) = rb.get("content") else { return (Vec::new(), None) };
        let Some((media, media_node)) = self.choose_media(content, label, "request") else {
            return (Vec::new(), None);
        };
        let required = rb.get_bool("required") == Some(true);
        let description = rb.get_str("description").map(str::to_string);
        let schema = match media_node.get("schema") {
            Some(s) => self.schema(s, 0),
            None if is_binary(&media) => json!({"type": "string", "format": "binary"}),
            None => json!({"type": "string"}),
        };
        let base = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        if base == "application/x-www-form-urlencoded" || base == "multipart/form-data" {
            if let Some(e) = media_node.member("encoding") {
                self.loss(
                    codes::FORM_FIELD,
                    Severity::Info,
                    format!("{label}: the form `encoding` is not Swagger 2.0 and was dropped"),
                    e.key_span,
                );
            }
            let params =
                self.form_fields(&schema, base == "multipart/form-data", label, media_node);
            return (params, Some(media));
        }
        let schema = if is_binary(&media) && schema.get("type").is_none() {
            json!({"type": "string", "format": "binary"})
        } else {
            schema
        };
        let mut p = Map::new();
        p.insert("name".into(), json!("body"));
        p.insert("in".into(), json!("body"));
        if required {
            p.insert("required".into(), json!(true));
        }
        if let Some(d) = description {
            p.insert("description".into(), json!(d));
        }
        p.insert("schema".into(), schema);
        (vec![Json::Object(p)], Some(media))
    }

    fn form_fields(
        &mut self,
        schema: &Json,
        multipart: bool,
        label: &str,
        at: &'s Value,
    ) -> Vec<Json> {
        let shape = self.flat(schema);
        let Some(props) = shape.get("properties").and_then(Json::as_object).cloned() else {
            self.loss(
                codes::FORM_FIELD,
                Severity::Warning,
                format!(
                    "{label}: the form has no properties to turn into form fields; it was dropped"
                ),
                at.span,
            );
            return Vec::new();
        };
        let required: Vec<String> = shape
            .get("required")
            .and_then(Json::as_array)
            .map(|r| r.iter().filter_map(Json::as_str).map(str::to_string).collect())
            .unwrap_or_default();
        let mut out = Vec::new();
        for (name, prop) in props {
            let flat = self.flat(&prop);
            let mut f = Map::new();
            f.insert("name".into(), json!(name));
            f.insert("in".into(), json!("formData"));
            if let Some(d) = flat.get("description").and_then(Json::as_str) {
                f.insert("description".into(), json!(d));
            }
            if required.contains(&name) {
                f.insert("required".into(), json!(true));
            }
            let binary =
                matches!(flat.get("format").and_then(Json::as_str), Some("binary" | "base64"))
                    && flat.get("type").and_then(Json::as_str) != Some("array");
            if binary && multipart {
                f.insert("type".into(), json!("file"));
            } else if is_object(&flat) {
                self.loss(
                    codes::FORM_FIELD,
                    Severity::Warning,
                    format!("{label}: form field `{name}` is an object; users enter it as text"),
                    at.span,
                );
                f.insert("type".into(), json!("string"));
            } else {
                self.simple_shape(&mut f, &flat, &name, label, at);
                if binary {
                    f.remove("format");
                    self.loss(
                        codes::FORM_FIELD,
                        Severity::Info,
                        format!(
                            "{label}: binary field `{name}` of a URL-encoded form is sent as text"
                        ),
                        at.span,
                    );
                }
                if f.get("type").and_then(Json::as_str) == Some("array") {
                    f.insert("collectionFormat".into(), json!("multi"));
                }
            }
            out.push(Json::Object(f));
        }
        out
    }
}
