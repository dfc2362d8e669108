use super::common::schema;
use crate::fast_hash::FastSet;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no operation's `default` response has a `schema` (also through a shared
    /// response in `#/responses`).
    ///
    /// ## Why it matters
    /// Certification rejects it: "The 'default' response should not have schema definition.
    /// Schemas should be defined on expected responses only." (DefaultResponseHasSchema, policy
    /// 5000.2.4.2). The designer builds an action's outputs from one response schema; an error
    /// shape on `default` competes with the real output, and error bodies are not outputs.
    ///
    /// ## Example
    /// ```json
    /// "responses": {
    ///   "200": { "description": "OK", "schema": { "$ref": "#/definitions/Task" } },
    ///   "default": { "description": "Error", "schema": { "$ref": "#/definitions/Error" } }
    /// }
    /// ```
    ///
    /// ## Fix
    /// Remove the `schema` from the `default` response (keep its `description`). To document
    /// an error body, declare it on the specific error status (`400`, `404`) instead.
    pub DefaultResponseSchema {
        code: "SW093",
        name: "default-response-schema",
        group: Responses,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("DefaultResponseHasSchema"),
    }
}

impl Check for DefaultResponseSchema {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut seen = FastSet::default();
        for info in &sw.operations {
            for r in info.responses.iter().filter(|r| r.code == "default") {
                let Some(s) = schema(r) else { continue };
                if !seen.insert(s.span) {
                    continue; // a shared response, reported once
                }
                cx.report_value(
                    s,
                    format!(
                        "The 'default' response should not have schema definition. Schemas should be defined on expected responses only ({}).",
                        info.op.label()
                    ),
                )
                .set_help("remove the schema from the default response; declare error bodies on specific status codes");
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
    fn default_without_schema_passes() {
        let p = json!({"paths": {"/tasks": {"post": {"responses": {"default": {"description": "Error."}}}}}});
        assert!(check_swagger(&DefaultResponseSchema, p).is_empty());
    }

    #[test]
    fn default_with_schema_fails_at_the_schema() {
        let p = json!({"paths": {"/tasks": {"post": {"responses": {
            "default": {"description": "Error.", "schema": {"type": "object"}}
        }}}}});
        let d = check_swagger(&DefaultResponseSchema, p.clone());
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/responses/default/schema"]);
        assert!(
            d[0].message.starts_with("The 'default' response should not have schema definition.")
        );
        assert_eq!(d[0].severity, Severity::Error);
        let c = Fixture::new().swagger(p).build();
        assert_eq!(
            check_with(&DefaultResponseSchema, &c, Profile::Default)[0].severity,
            Severity::Info
        );
    }

    #[test]
    fn shared_default_response_is_reported_once() {
        let p = json!({
            "responses": {"Error": {"description": "Error.", "schema": {"type": "object"}}},
            "paths": {
                "/tasks": {"post": {"responses": {"default": {"$ref": "#/responses/Error"}}}},
                "/tasks/{taskId}": {"get": {"responses": {"default": {"$ref": "#/responses/Error"}}}}
            }
        });
        let d = check_swagger(&DefaultResponseSchema, p);
        assert_eq!(pointers(&d), ["/responses/Error/schema"]);
    }
}
