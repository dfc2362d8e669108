//! Callbacks → webhook triggers, where the shape allows: the callback URL is a request
//! parameter (`{$request.query.url}`) or a body property (`{$request.body#/callbackUrl}`),
//! which becomes the internal, required `x-ms-notification-url` input; the callback's request
//! body becomes `x-ms-notification-content`. 3.1 `webhooks` describe events without the
//! operation that subscribes to them, so they are reported.

use serde_json::{Value as Json, json};
use switchboard_diagnostics::Severity;
use switchboard_model::json::{Member, Value, pointer};

use super::{Conv, Map, codes};
use crate::swagger2::text;

impl<'s> Conv<'s> {
    pub(super) fn callbacks(&mut self, out: &mut Map, _op: &'s Value, cb: &'s Member, label: &str) {
        let mut first = true;
        for c in cb.value.members() {
            if !first {
                self.loss(codes::CALLBACK, Severity::Info, format!("{label}: callback `{}` dropped: an operation becomes one trigger (from its first callback)", c.key), c.key_span);
                continue;
            }
            first = false;
            let Some(callback) = self.deref(&c.value) else { continue };
            let Some(expr) = callback.members().next() else { continue };
            if let Err(why) = self.trigger(out, &c.key, expr) {
                self.loss_help(
                    codes::CALLBACK,
                    Severity::Warning,
                    format!("{label}: callback `{}` is not a webhook trigger: {why}", c.key),
                    expr.key_span,
                    "a webhook trigger needs the callback URL as a request parameter or body property",
                );
            }
        }
    }

    fn trigger(&mut self, out: &mut Map, name: &str, expr: &'s Member) -> Result<(), String> {
        let key = expr.key.as_str();
        let Some(rest) = key.strip_prefix("{$request.") else {
            return Err(format!("the URL `{key}` does not come from the request"));
        };
        let Some(close) = rest.find('}') else {
            return Err(format!("`{key}` is not a runtime expression"));
        };
        let (source, suffix) = (&rest[..close], &rest[close + 1..]);
        let Some(item) = self.deref(&expr.value) else {
            return Err("its path item does not resolve".into());
        };
        let Some(cb_op) = ["post", "put"].iter().find_map(|m| item.get(m)) else {
            return Err("it has no POST or PUT operation".into());
        };
        let params = out
            .get_mut("parameters")
            .and_then(Json::as_array_mut)
            .ok_or("the operation has no parameters")?;
        if let Some(q) = source.strip_prefix("query.").or_else(|| source.strip_prefix("header.")) {
            let location = if source.starts_with("query.") { "query" } else { "header" };
            let p = params
                .iter_mut()
                .find(|p| {
                    p.get("in").and_then(Json::as_str) == Some(location)
                        && p.get("name").and_then(Json::as_str) == Some(q)
                })
                .ok_or_else(|| format!("the operation has no {location} parameter `{q}`"))?;
            mark(p);
            // The platform fills the URL at subscription time (SW151 exempts such parameters).
            p["required"] = json!(true);
        } else if let Some(ptr) = source.strip_prefix("body#") {
            let tokens = pointer::tokens(ptr)
                .filter(|t| !t.is_empty())
                .ok_or("the body pointer is empty")?;
            let body = params
                .iter_mut()
                .find(|p| p.get("in").and_then(Json::as_str) == Some("body"))
                .ok_or("the operation has no JSON body")?;
            body["required"] = json!(true);
            let schema = body.get_mut("schema").ok_or("the body has no schema")?;
            let defs = &self.definitions;
            inline_ref(schema, defs);
            let mut node = schema;
            for (i, t) in tokens.iter().enumerate() {
                inline_ref(node, defs);
                let obj = node.as_object_mut().ok_or("the body is not an object")?;
                let mut required: Vec<Json> =
                    obj.get("required").and_then(Json::as_array).cloned().unwrap_or_default();
                if !required.iter().any(|r| r.as_str() == Some(t)) {
                    required.push(json!(t));
                }
                obj.insert("required".into(), Json::Array(required));
                let props = obj
                    .get_mut("properties")
                    .and_then(Json::as_object_mut)
                    .ok_or_else(|| format!("the body has no property `{t}`"))?;
                let next = props
                    .get_mut(t.as_str())
                    .ok_or_else(|| format!("the body has no property `{t}`"))?;
                if i + 1 == tokens.len() {
                    inline_ref(next, defs);
                    mark(next);
                }
                node = next;
            }
        } else {
            return Err(format!("`$request.{source}` is not a query, header or body value"));
        }
        if !suffix.is_empty() {
            self.loss(codes::CALLBACK, Severity::Info, format!("callback `{name}`: the suffix `{suffix}` after the URL is not kept: the platform calls the flow's URL as given"), expr.key_span);
        }
        let mut content = Map::new();
        let payload = cb_op.get("requestBody").and_then(|rb| self.deref(rb));
        let description = payload
            .and_then(|p| p.get_str("description"))
            .or_else(|| cb_op.get_str("description"))
            .or_else(|| cb_op.get_str("summary"))
            .unwrap_or("The event.");
        content.insert("description".into(), json!(description));
        let schema = payload
            .and_then(|p| p.get("content"))
            .and_then(|c| {
                c.get("application/json").or_else(|| c.members().next().map(|m| &m.value))
            })
            .and_then(|m| m.get("schema"));
        let schema = schema.map_or_else(|| json!({"type": "object"}), |s| self.schema(s, 0));
        content.insert("schema".into(), schema);
        out.insert("x-ms-trigger".into(), json!("single"));
        out.insert("x-ms-notification-content".into(), Json::Object(content));
        let event = cb_op
            .get_str("summary")
            .map_or_else(|| text::sentence_label(name).to_lowercase(), |s| lower_first(s.trim()));
        out.insert("summary".into(), json!(format!("When {event}")));
        Ok(())
    }

    /// 3.1 `webhooks`: events without a subscription operation.
    pub(super) fn webhooks(&mut self) {
        let Some(hooks) = self.src.root.get("webhooks") else { return };
        for h in hooks.members() {
            self.loss_help(
                codes::WEBHOOK,
                Severity::Warning,
                format!("webhook `{}` is not a trigger: the document does not say how to subscribe to it", h.key),
                h.key_span,
                "add the operation that registers a callback URL, with a callback, to get a webhook trigger",
            );
        }
    }
}

/// Marks a notification URL input: a string, internal, required.
fn mark(p: &mut Json) {
    if let Some(o) = p.as_object_mut() {
        o.insert("type".into(), json!("string"));
        o.remove("format");
        o.insert("x-ms-notification-url".into(), json!(true));
        o.insert("x-ms-visibility".into(), json!("internal"));
    }
}

/// Replaces a `$ref` to a definition by a copy (so marking it changes this operation only).
fn inline_ref(node: &mut Json, defs: &Map) {
    for _ in 0..8 {
        let Some(name) =
            node.get("$ref").and_then(Json::as_str).and_then(|r| r.strip_prefix("#/definitions/"))
        else {
            return;
        };
        let name = name.replace("~1", "/").replace("~0", "~");
        match defs.get(&name) {
            Some(d) => *node = d.clone(),
            None => return,
        }
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if c.clone().next().is_some_and(char::is_lowercase) => {
            f.to_lowercase().chain(c).collect()
        }
        Some(f) => std::iter::once(f).chain(c).collect(),
        None => String::new(),
    }
}
