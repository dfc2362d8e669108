use switchboard_model::swagger::Method;

use super::common::{is_extension, schema};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every operation users can see, except DELETE operations, defines an output
    /// schema on its `200` or `201` response — or, for a webhook trigger, on
    /// `x-ms-notification-content`. Internal operations are exempt.
    ///
    /// ## Why it matters
    /// The designer builds an action's dynamic content from that schema. Microsoft: "should
    /// define an output schema on the 200 or 201 response code … to be visible in the designer"
    /// (SchemaDefinitionSetIncorrectly); the certification pull-request template asks
    /// submitters to confirm they "added response schemas … unless the response schema is
    /// dynamic". Without it users must parse the raw body with an extra "Parse JSON" step.
    ///
    /// ## Example
    /// ```json
    /// "get": { "operationId": "GetTask", "responses": { "200": { "description": "OK" } } }
    /// ```
    ///
    /// ## Fix
    /// Add the response body's schema to the `200` (or `201`) response, e.g.
    /// `"schema": { "$ref": "#/definitions/Task" }`. For a body whose shape depends on input,
    /// use `x-ms-dynamic-schema`.
    pub ResponseOutputSchemaMissing {
        code: "SW095",
        name: "response-output-schema-missing",
        group: Responses,
        levels: Levels::cert(Severity::Warning),
        ms_rule: Some("SchemaDefinitionSetIncorrectly"),
    }
}

impl Check for ResponseOutputSchemaMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let op = &info.op;
            if op.method == Method::Delete || op.is_internal() {
                continue;
            }
            if op.notification_content().and_then(|n| n.get("schema")).is_some() {
                continue;
            }
            let Some(responses) = op.node.get("responses") else { continue };
            if !info.responses.iter().any(|r| !is_extension(r.code)) {
                continue; // SW090
            }
            let output = info.responses.iter().filter(|r| r.code == "200" || r.code == "201");
            let mut at = None;
            let mut has_schema = false;
            for r in output {
                if schema(r).is_some() {
                    has_schema = true;
                    break;
                }
                at.get_or_insert(r.site);
            }
            if has_schema {
                continue;
            }
            cx.report_value(
                at.unwrap_or(responses),
                format!(
                    "Operation {} should define an output schema on the 200 or 201 response to be visible in the designer.",
                    op.label()
                ),
            )
            .set_help("add the response body's schema to the 200 or 201 response, or x-ms-dynamic-schema when it depends on input");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::rules::responses::common::test::add_operation;
    use crate::test_support::{Fixture, check_swagger, check_with, pointers};
    use serde_json::json;

    #[test]
    fn schemas_deletes_internal_and_webhooks_pass() {
        assert!(check_swagger(&ResponseOutputSchemaMissing, json!({})).is_empty());
        let no_schema = json!({"responses": {"200": {"description": "OK.", "schema": null}}});
        let mut p = add_operation("/a", "delete", "DeleteTask", &no_schema);
        let mut extra = no_schema.clone();
        extra["x-ms-visibility"] = json!("internal");
        crate::test_support::merge(&mut p, &add_operation("/b", "get", "Lookup", &extra));
        let mut hook = no_schema;
        hook["x-ms-notification-content"] = json!({"schema": {"$ref": "#/definitions/Task"}});
        crate::test_support::merge(&mut p, &add_operation("/c", "post", "OnTask", &hook));
        assert!(check_swagger(&ResponseOutputSchemaMissing, p).is_empty());
    }

    #[test]
    fn missing_schema_fails_at_the_200_response() {
        let p = add_operation(
            "/a",
            "get",
            "ListA",
            &json!({"responses": {"200": {"description": "OK.", "schema": null}}}),
        );
        let d = check_swagger(&ResponseOutputSchemaMissing, p.clone());
        assert_eq!(pointers(&d), ["/paths/~1a/get/responses/200"]);
        assert_eq!(d[0].severity, Severity::Warning);
        let c = Fixture::new().swagger(p).build();
        assert_eq!(
            check_with(&ResponseOutputSchemaMissing, &c, Profile::Default)[0].severity,
            Severity::Info
        );
    }

    #[test]
    fn without_200_or_201_fails_at_the_responses() {
        let p = add_operation(
            "/a",
            "post",
            "StartA",
            &json!({"responses": {"200": null, "202": {"description": "Accepted."}}}),
        );
        let d = check_swagger(&ResponseOutputSchemaMissing, p);
        assert_eq!(pointers(&d), ["/paths/~1a/post/responses"]);
    }
}
