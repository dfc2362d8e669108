use super::common::{is_empty_schema, schema};
use crate::fast_hash::FastSet;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no 2xx response schema is empty: `{}`, a bare `{"type": "object"}`, or an
    /// object with empty `properties`, directly or through `$ref`. Schemas with
    /// `x-ms-dynamic-schema`/`x-ms-dynamic-properties`, other types (`string`, `array`, `file`)
    /// and dictionaries (`additionalProperties` schema) are not empty.
    ///
    /// ## Why it matters
    /// Certification rejects empty response schemas ("Empty response schemas aren't allowed",
    /// policy 5000.2.4.4): the action then shows a single opaque "Body" output and users must
    /// add a "Parse JSON" step to use the result.
    ///
    /// ## Example
    /// ```json
    /// "200": { "description": "OK", "schema": { "type": "object" } }
    /// ```
    ///
    /// ## Fix
    /// Describe the properties the API returns. If the operation returns nothing useful,
    /// remove the schema (or use `204`); if the shape depends on input, use
    /// `x-ms-dynamic-schema`.
    pub EmptyResponseSchema {
        code: "SW097",
        name: "empty-response-schema",
        group: Responses,
        levels: Levels::cert(Severity::Warning),
    }
}

impl Check for EmptyResponseSchema {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut seen = FastSet::default();
        for info in &sw.operations {
            for r in info.responses.iter().filter(|r| r.is_success()) {
                let Some(s) = schema(r) else { continue };
                if !is_empty_schema(sw.doc.deref(s)) || !seen.insert(s.span) {
                    continue;
                }
                cx.report_value(
                    s,
                    format!(
                        "The schema of response '{}' of operation {} is empty; empty response schemas aren't allowed.",
                        r.code,
                        info.op.label()
                    ),
                )
                .set_help("describe the returned properties, remove the schema when nothing useful is returned, or use x-ms-dynamic-schema");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check_swagger, check_with, pointers};
    use serde_json::json;

    #[test]
    fn described_and_dynamic_schemas_pass() {
        assert!(check_swagger(&EmptyResponseSchema, json!({})).is_empty());
        let p = json!({"paths": {"/tasks": {"post": {"responses": {
            "201": {"description": "OK.", "schema": {"$ref": null, "type": "object", "x-ms-dynamic-schema": {"operationId": "GetSchema"}}},
            "default": {"description": "Error.", "schema": {}}
        }}}}});
        assert!(check_swagger(&EmptyResponseSchema, p).is_empty());
    }

    #[test]
    fn empty_schema_fails_directly_and_through_ref() {
        let p = json!({
            "definitions": {"Empty": {"type": "object", "properties": {}}},
            "paths": {
                "/tasks": {"post": {"responses": {"201": {"description": "OK.", "schema": {"$ref": null, "type": "object"}}}}},
                "/tasks/{taskId}": {"get": {"responses": {"200": {"description": "OK.", "schema": {"$ref": "#/definitions/Empty"}}}}}
            }
        });
        let d = check_swagger(&EmptyResponseSchema, p.clone());
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks~1{taskId}/get/responses/200/schema",
                "/paths/~1tasks/post/responses/201/schema"
            ]
        );
        assert_eq!(d[0].severity, Severity::Warning);
        let c = Fixture::new().swagger(p).build();
        assert_eq!(
            check_with(&EmptyResponseSchema, &c, Profile::Default)[0].severity,
            Severity::Info
        );
    }
}
