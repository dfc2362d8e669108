use super::common::schema;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that at most one response of each operation has a `schema` (counting `default`
    /// and error statuses, and shared responses reached through `$ref`).
    ///
    /// ## Why it matters
    /// The designer builds an action's outputs from one response schema only ("only one schema
    /// will be used in the designer", OperationHasManyResponsesWithSchema); the others are
    /// ignored, so they document nothing for users and can make the wrong one win.
    ///
    /// ## Example
    /// ```json
    /// "responses": {
    ///   "200": { "description": "OK", "schema": { "$ref": "#/definitions/Task" } },
    ///   "400": { "description": "Bad request", "schema": { "$ref": "#/definitions/Error" } }
    /// }
    /// ```
    ///
    /// ## Fix
    /// Keep the schema on the success response and remove it from the others (their
    /// `description` stays).
    pub MultipleResponseSchemas {
        code: "SW096",
        name: "multiple-response-schemas",
        group: Responses,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("OperationHasManyResponsesWithSchema"),
    }
}

impl Check for MultipleResponseSchemas {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let with_schema: Vec<_> =
                info.responses.iter().filter(|r| schema(r).is_some()).collect();
            let Some(second) = with_schema.get(1) else { continue };
            let codes = with_schema.iter().map(|r| r.code).collect::<Vec<_>>().join(", ");
            cx.report_value(
                second.site,
                format!(
                    "Operation {} has a schema on {} responses ({codes}); only one schema will be used in the designer.",
                    info.op.label(),
                    with_schema.len()
                ),
            )
            .set_help("keep the schema on the success response and remove it from the others");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn one_schema_passes() {
        let p = json!({"paths": {"/tasks": {"post": {"responses": {"400": {"description": "Bad request."}}}}}});
        assert!(check_swagger(&MultipleResponseSchemas, p).is_empty());
    }

    #[test]
    fn second_schema_fails_once_per_operation() {
        let p = json!({"paths": {"/tasks": {"post": {"responses": {
            "400": {"description": "Bad request.", "schema": {"type": "object"}},
            "default": {"description": "Error.", "schema": {"type": "object"}}
        }}}}});
        let d = check_swagger(&MultipleResponseSchemas, p);
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/responses/400"]);
        assert!(d[0].message.contains("3 responses (201, 400, default)"), "{}", d[0].message);
    }
}
