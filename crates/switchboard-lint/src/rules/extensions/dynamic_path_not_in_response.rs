use switchboard_model::json::Value;
use switchboard_model::swagger::Response;

use super::common::{dynamic_sites, operations_by_id};
use crate::rules::schemas::common::Definitions;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// `(extension, collection path key, item path keys)`.
const PATHS: &[(&str, &str, &[&str])] = &[
    ("x-ms-dynamic-values", "value-collection", &["value-path", "value-title"]),
    ("x-ms-dynamic-list", "itemsPath", &["itemValuePath", "itemTitlePath"]),
];

declare_rule! {
    /// ## What it does
    /// Checks the paths of `x-ms-dynamic-values` (`value-collection`, `value-path`,
    /// `value-title`) and `x-ms-dynamic-list` (`itemsPath`, `itemValuePath`,
    /// `itemTitlePath`) against the successful response schema of the invoked operation:
    /// the collection path leads to an array (the response itself when there is no
    /// collection path), and the value and title paths are properties of its items.
    /// Paths are `/`-separated and property names compared case-insensitively; schemas the
    /// connector leaves open (no `properties`, `additionalProperties`, dynamic schemas) are
    /// not judged.
    ///
    /// ## Why it matters
    /// The designer reads the drop-down entries from the response along these paths; a
    /// wrong one gives an empty drop-down ("The dynamic operation expects an array on the
    /// specified path '…'", "… expects a property on the specified path '…' which should be
    /// defined in the successful response of the invoked operation '…'"). About 4% of
    /// merged certified connectors have such a mismatch, so this is a warning rather than
    /// the validator's error.
    ///
    /// ## Example
    /// ```json
    /// { "x-ms-dynamic-values": { "operationId": "ListProjects", "value-collection": "items",
    ///   "value-path": "id", "value-title": "name" } }
    /// ```
    /// where `ListProjects` returns `{"value": [{"id": …, "name": …}]}`.
    ///
    /// ## Fix
    /// Correct the paths, or complete the invoked operation's response schema.
    pub DynamicPathNotInResponse {
        code: "SW168",
        name: "dynamic-path-not-in-response",
        group: Extensions,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("InvokedOperationShouldProduceProperty"),
    }
}

/// What following a path through a schema found.
enum Found<'a> {
    /// The schema at the end of the path.
    Schema(&'a Value),
    /// A segment is not a property of a closed object: the path so far.
    Missing(String),
    /// An open or dynamic schema on the way: nothing can be said.
    Unknown,
}

impl Check for DynamicPathNotInResponse {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let sites = dynamic_sites(sw);
        if sites.is_empty() {
            return;
        }
        let defs = Definitions::of(sw);
        let by_id = operations_by_id(sw);
        let mut found: Vec<(&Value, String)> = Vec::new();
        for site in sites {
            for (key, collection_key, item_keys) in PATHS {
                let Some(ext) = site.node.get(key) else { continue };
                let Some(id) = ext.get_str("operationId") else { continue };
                let Some(&target) = by_id.get(id) else { continue };
                let Some(response) = success_schema(&sw.operations[target]) else { continue };
                let collection = ext.get(collection_key).filter(|c| c.as_str().is_some());
                let path = collection.and_then(Value::as_str).unwrap_or_default();
                let at = collection.unwrap_or(ext);
                let list = match follow(defs, response, path) {
                    Found::Schema(s) => s,
                    Found::Missing(p) => {
                        found.push((at, format!("The dynamic operation expects an array on the specified path '{p}' which should be defined in the successful response of the invoked operation '{id}'.")));
                        continue;
                    }
                    Found::Unknown => continue,
                };
                let Some(items) = array_items(defs, list) else {
                    if is_closed(list) {
                        found.push((at, format!("The dynamic operation expects an array on the specified path '{path}' which should be defined in the successful response of the invoked operation '{id}'.")));
                    }
                    continue;
                };
                for item_key in *item_keys {
                    let Some(p) = ext.get(item_key) else { continue };
                    let Some(text) = p.as_str() else { continue };
                    if let Found::Missing(_) = follow(defs, items, text) {
                        found.push((p, format!("The dynamic operation expects a property on the specified path '{text}' which should be defined in the successful response of the invoked operation '{id}'.")));
                    }
                }
            }
        }
        for (v, message) in found {
            cx.report_value(v, message)
                .set_help("correct the path or complete the invoked operation's response schema");
        }
    }
}

/// The schema of the invoked operation's `200` response, else of its first 2xx response.
fn success_schema<'a>(op: &crate::OperationInfo<'a>) -> Option<&'a Value> {
    let ok = op.responses.iter().find(|r| r.code == "200").and_then(Response::schema);
    ok.or_else(|| op.responses.iter().filter(|r| r.is_success()).find_map(Response::schema))
}

/// Whether a schema declares a fixed shape (a type other than object, or listed
/// properties without `additionalProperties`), so that a missing property is an error.
fn is_closed(schema: &Value) -> bool {
    if schema.get("x-ms-dynamic-schema").is_some()
        || schema.get("x-ms-dynamic-properties").is_some()
    {
        return false;
    }
    match schema.get_str("type") {
        Some("object") | None => {
            schema.get("properties").is_some_and(|p| p.members().len() > 0)
                && schema.get("additionalProperties").is_none_or(|a| a.as_bool() == Some(false))
                && schema.get("allOf").is_none()
        }
        Some(_) => true,
    }
}

/// The `items` schema of an array schema (dereferenced); `None` when it is not an array.
fn array_items<'a>(defs: &Definitions<'a>, schema: &'a Value) -> Option<&'a Value> {
    let is_array = schema.get_str("type") == Some("array") || schema.get("items").is_some();
    is_array.then(|| schema.get("items").map(|i| defs.deref(i))).flatten()
}

/// Follows a `/`-separated property path from `schema`.
fn follow<'a>(defs: &Definitions<'a>, schema: &'a Value, path: &str) -> Found<'a> {
    let mut current = defs.deref(schema);
    let mut walked = String::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if !walked.is_empty() {
            walked.push('/');
        }
        walked.push_str(segment);
        match property(defs, current, segment, 0) {
            Some(next) => current = defs.deref(next),
            None if is_closed(current) => return Found::Missing(walked),
            None => return Found::Unknown,
        }
    }
    Found::Schema(current)
}

/// Property `name` of a schema, looking into `allOf` members.
fn property<'a>(
    defs: &Definitions<'a>,
    schema: &'a Value,
    name: &str,
    depth: usize,
) -> Option<&'a Value> {
    let props = schema.get("properties");
    if let Some(p) = props.and_then(|p| p.get(name)) {
        return Some(p);
    }
    // Services often differ from their schema in case only (`Name` vs `name`); that is not
    // what this rule is about.
    if let Some(m) = props.and_then(|p| p.as_object()).and_then(|o| o.member_ignore_case(name)) {
        return Some(&m.value);
    }
    if depth > 8 {
        return None;
    }
    schema
        .get("allOf")
        .into_iter()
        .flat_map(Value::items)
        .find_map(|m| property(defs, defs.deref(m), name, depth + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn lookup(ext: &serde_json::Value) -> serde_json::Value {
        json!({
            "paths": {
                "/projects": {"get": {"operationId": "ListProjects", "responses": {"200": {"description": "ok",
                    "schema": {"type": "object", "properties": {"value": {"type": "array", "items": {"$ref": "#/definitions/Task"}}}}}}}},
                "/tasks": {"post": {"parameters": [{"name": "project", "in": "query", "type": "string", "x-ms-dynamic-values": ext}]}}
            }
        })
    }

    #[test]
    fn paths_in_the_response_pass() {
        let ext = json!({"operationId": "ListProjects", "value-collection": "value", "value-path": "id", "value-title": "title"});
        assert!(check_swagger(&DynamicPathNotInResponse, lookup(&ext)).is_empty());
    }

    #[test]
    fn wrong_paths_fail() {
        let ext =
            json!({"operationId": "ListProjects", "value-collection": "items", "value-path": "id"});
        let d = check_swagger(&DynamicPathNotInResponse, lookup(&ext));
        assert_eq!(
            pointers(&d),
            ["/paths/~1tasks/post/parameters/0/x-ms-dynamic-values/value-collection"]
        );
        assert!(d[0].message.contains("expects an array on the specified path 'items'"));

        let ext = json!({"operationId": "ListProjects", "value-collection": "value", "value-path": "id", "value-title": "name"});
        let d = check_swagger(&DynamicPathNotInResponse, lookup(&ext));
        assert_eq!(
            pointers(&d),
            ["/paths/~1tasks/post/parameters/0/x-ms-dynamic-values/value-title"]
        );

        let ext = json!({"operationId": "ListProjects", "value-path": "id"});
        let d = check_swagger(&DynamicPathNotInResponse, lookup(&ext));
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/parameters/0/x-ms-dynamic-values"]);
    }
}
