use switchboard_model::json::JsonIssueKind;

use super::common::{RefSite, is_local_pointer, refs};
use crate::fast_hash::FastMap;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every local `$ref` (one starting with `#`) is a valid JSON pointer and
    /// resolves to a value in the document, after percent-decoding and RFC 6901 unescaping
    /// (`~1` for `/`, `~0` for `~`). References in `x-ms-parameterized-host.parameters` are
    /// parameter references. In a file with text after its top-level value (JS001), only
    /// malformed pointers are reported: the rest of the file is not part of the tree.
    ///
    /// ## Why it matters
    /// A dangling reference makes the import fail ("The schema reference '…' could not be
    /// found in the swagger document."); the connector cannot be created or updated.
    ///
    /// ## Example
    /// ```json
    /// { "schema": { "$ref": "#/definitions/Taks" }, "definitions": { "Task": { "type": "object" } } }
    /// ```
    ///
    /// ## Fix
    /// Correct the name after `#/definitions/` (`#/parameters/`, `#/responses/`), or add the
    /// missing definition. Escape `/` in a name as `~1` and `~` as `~0`.
    pub RefNotFound {
        code: "SW130",
        name: "ref-not-found",
        group: Schemas,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("SchemaReferenceNotFound"),
    }
}

impl Check for RefNotFound {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        // After text that follows the top-level value, the tree holds only the first value:
        // references into the rest cannot be judged (JS001 reports the file).
        let truncated =
            sw.file.parsed.issues.iter().any(|i| matches!(i.kind, JsonIssueKind::TrailingContent));
        let mut found = Vec::new();
        // The same few targets are referenced over and over: each is resolved once.
        let mut resolves: FastMap<&str, bool> = FastMap::default();
        for &(site, _, value) in refs(sw) {
            let Some(r) = value.as_str() else { continue };
            if !r.starts_with('#') || site == RefSite::PathItem {
                continue; // SW131 reports remote references; paths rules the path-item `$ref`.
            }
            if !is_local_pointer(r) {
                found.push((value, format!("The JSON Pointer path '{r}' is not valid.")));
            } else if !truncated
                && !*resolves.entry(r).or_insert_with(|| sw.doc.resolve_ref(r).is_some())
            {
                let noun = site.section().map_or("schema", |s| s.noun());
                found.push((
                    value,
                    format!(
                        "The {noun} reference '{r}' could not be found in the swagger document."
                    ),
                ));
            }
        }
        for (value, message) in found {
            cx.report_value(value, message).set_help(
                "point the $ref at an existing entry, e.g. #/definitions/Name (escape '/' as ~1)",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn resolving_references_pass() {
        assert!(check_swagger(&RefNotFound, json!({})).is_empty());
        let d = check_swagger(
            &RefNotFound,
            json!({
                "definitions": {"A/B": {"type": "string"}, "Task": {"properties": {"x": {"$ref": "#/definitions/A~1B"}}}},
                "parameters": {"top": {"name": "top", "in": "query", "type": "integer"}},
                "paths": {"/tasks": {"get": {"operationId": "ListTasks", "parameters": [{"$ref": "#/parameters/top"}],
                    "responses": {"200": {"description": "ok", "examples": {"application/json": {"$ref": "#/nowhere"}}}}}}}
            }),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn dangling_references_fail_at_the_ref() {
        let d = check_swagger(
            &RefNotFound,
            json!({
                "definitions": {"Task": {"properties": {"owner": {"$ref": "#/definitions/User"}}}},
                "paths": {"/tasks/{taskId}": {"get": {"parameters": [{"$ref": "#/parameters/taskId"}]}}}
            }),
        );
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks~1{taskId}/get/parameters/0/$ref",
                "/definitions/Task/properties/owner/$ref"
            ]
        );
        assert!(
            d[0].message
                .starts_with("The parameter reference '#/parameters/taskId' could not be found")
        );
        assert!(d[1].message.starts_with("The schema reference '#/definitions/User'"));
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn truncated_document_reports_no_dangling_reference() {
        let mut text = crate::test_support::base_swagger();
        crate::test_support::merge(
            &mut text,
            &json!({"definitions": {"Task": {"properties": {"owner": {"$ref": "#/definitions/User"}}}}}),
        );
        let bytes = format!(
            "{}\n{{\"definitions\": {{}}}}\n",
            switchboard_model::json::to_pretty_string(&text)
        );
        let c = crate::test_support::Fixture::new()
            .set("apiDefinition.swagger.json", bytes.into_bytes())
            .build();
        assert!(crate::test_support::check(&RefNotFound, &c).is_empty());
    }

    #[test]
    fn invalid_pointer_fails() {
        let d = check_swagger(
            &RefNotFound,
            json!({"definitions": {"Task": {"properties": {"owner": {"$ref": "#definitions/User"}}}}}),
        );
        assert_eq!(pointers(&d), ["/definitions/Task/properties/owner/$ref"]);
        assert!(d[0].message.contains("JSON Pointer path"));
    }
}
