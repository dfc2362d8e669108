use switchboard_model::json::Value;

use super::common::{DYNAMIC_KEYS, SiteKind, dynamic_sites, is_body_property, parameter_count};
use crate::rules::schemas::common::Definitions;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks how dynamic extensions are set up:
    /// * they are not on a body parameter object (they belong on its `schema`);
    /// * an `x-ms-dynamic-values` whose parameter references name a body property (or a path
    ///   such as `body/siteId`), or are ambiguous (the name matches several parameters, or a
    ///   parameter and a body property), comes with an `x-ms-dynamic-list`; the same for
    ///   `x-ms-dynamic-schema` and `x-ms-dynamic-properties`;
    /// * an `x-ms-dynamic-schema` whose `value-path` ends in `properties` comes with an
    ///   `x-ms-dynamic-properties`, whose `itemValuePath` is that path without the
    ///   `properties` ending.
    ///
    /// ## Why it matters
    /// The old extensions can only pass top-level parameters; the designer needs the new
    /// ones (`parameterReference`) for anything else, and the validator rejects the file
    /// otherwise ("Dynamic extensions are not allowed to be defined on the body parameter.",
    /// "The 'x-ms-dynamic-values' extension references properties within parameters. You
    /// need to define the 'x-ms-dynamic-list' extension.", "… should have the same item
    /// value path as 'x-ms-dynamic-schema' extension without 'properties' ending.").
    ///
    /// ## Example
    /// ```json
    /// { "listId": { "type": "string", "x-ms-dynamic-values": { "operationId": "GetLists",
    ///   "parameters": { "site": { "parameter": "siteId" } } } } }
    /// ```
    /// where `siteId` is a sibling body property.
    ///
    /// ## Fix
    /// Move the extension into the schema; add `x-ms-dynamic-list` (or
    /// `x-ms-dynamic-properties`) with `"parameterReference": "body/siteId"`.
    pub DynamicExtensionMisplaced {
        code: "SW169",
        name: "dynamic-extension-misplaced",
        group: Extensions,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("DynamicExtensionDefinitionNotAllowedInParameter"),
    }
}

impl Check for DynamicExtensionMisplaced {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let sites = dynamic_sites(sw);
        if sites.is_empty() {
            return;
        }
        let defs = Definitions::of(sw);
        let mut found: Vec<(switchboard_model::Span, String)> = Vec::new();
        for site in sites {
            let node = site.node;
            if site.kind == SiteKind::BodyParameter {
                for m in node.members().filter(|m| DYNAMIC_KEYS.contains(&m.key.as_str())) {
                    found.push((m.key_span, format!("Dynamic extensions are not allowed to be defined on the body parameter ('{}'). It should be in the schema.", m.key)));
                }
                continue;
            }
            for (key, replacement) in [
                ("x-ms-dynamic-values", "x-ms-dynamic-list"),
                ("x-ms-dynamic-schema", "x-ms-dynamic-properties"),
            ] {
                let Some(ext) = node.get(key) else { continue };
                if node.get(replacement).is_some() {
                    continue;
                }
                for m in ext.get("parameters").into_iter().flat_map(Value::members) {
                    let Some(reference) = m.value.get("parameter") else { continue };
                    let Some(name) = reference.as_str() else { continue };
                    let ops = site.callers.iter().map(|&i| &sw.operations[i]);
                    let kind = if name.contains('/') {
                        Some("references properties within parameters")
                    } else {
                        ops.map(|op| (parameter_count(op, name), is_body_property(defs, op, name)))
                            .find_map(|(params, body)| match (params, body) {
                                (0, true) => Some("references properties within parameters"),
                                (n, b) if n > 1 || (n == 1 && b) => {
                                    Some("references ambiguous parameter references")
                                }
                                _ => None,
                            })
                    };
                    if let Some(kind) = kind {
                        found.push((reference.span, format!("The '{key}' extension {kind} ('{name}'). You need to define the '{replacement}' extension.")));
                    }
                }
            }
            if let Some(schema) = node.get("x-ms-dynamic-schema")
                && let Some(path) = schema.get("value-path").filter(|p| p.as_str().is_some())
            {
                let text = path.as_str().unwrap_or_default();
                let expected = text.strip_suffix("properties").map(|s| s.trim_end_matches('/'));
                match (expected, node.get("x-ms-dynamic-properties")) {
                    (Some(_), None) => found.push((path.span, "The 'x-ms-dynamic-schema' extension property 'value-path' points to schema properties. You need to define the 'x-ms-dynamic-properties' extension, which points to schema object.".into())),
                    (Some(expected), Some(props)) => {
                        if let Some(item) = props.get("itemValuePath")
                            && item.as_str().is_some_and(|s| s != expected)
                        {
                            found.push((item.span, format!("The 'x-ms-dynamic-properties' extension should have the same item value path as 'x-ms-dynamic-schema' extension without 'properties' ending. The expected path is '{expected}'.")));
                        }
                    }
                    _ => {}
                }
            }
        }
        for (span, message) in found {
            cx.report_swagger(span, message)
                .set_help("put dynamic extensions on schemas; use x-ms-dynamic-list / x-ms-dynamic-properties with parameterReference for body properties");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn parameter_references_pass() {
        let d = check_swagger(
            &DynamicExtensionMisplaced,
            json!({"definitions": {"NewTask": {"properties": {"title": {"x-ms-dynamic-values": {"operationId": "GetTask", "parameters": {"taskId": "x"}}}}}}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn body_property_reference_without_list_fails() {
        let d = check_swagger(
            &DynamicExtensionMisplaced,
            json!({"definitions": {"NewTask": {"properties": {
                "project": {"type": "string"},
                "title": {"x-ms-dynamic-values": {"operationId": "GetTask", "parameters": {"taskId": {"parameter": "project"}}}}
            }}}}),
        );
        assert_eq!(
            pointers(&d),
            [
                "/definitions/NewTask/properties/title/x-ms-dynamic-values/parameters/taskId/parameter"
            ]
        );
        assert!(d[0].message.contains("You need to define the 'x-ms-dynamic-list' extension"));
    }

    #[test]
    fn body_parameter_extension_and_value_path_fail() {
        let d = check_swagger(
            &DynamicExtensionMisplaced,
            json!({"paths": {"/tasks": {"post": {"parameters": [{
                "name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/NewTask"},
                "x-ms-dynamic-schema": {"operationId": "GetTask", "value-path": "schema/properties"}
            }]}}}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/parameters/0/x-ms-dynamic-schema"]);
        let d = check_swagger(
            &DynamicExtensionMisplaced,
            json!({"definitions": {"NewTask": {
                "x-ms-dynamic-schema": {"operationId": "GetTask", "value-path": "schema/properties"},
                "x-ms-dynamic-properties": {"operationId": "GetTask", "itemValuePath": "schema/properties"}
            }}}),
        );
        assert_eq!(pointers(&d), ["/definitions/NewTask/x-ms-dynamic-properties/itemValuePath"]);
        assert!(d[0].message.ends_with("The expected path is 'schema'."));
    }
}
