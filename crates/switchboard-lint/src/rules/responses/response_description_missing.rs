use crate::fast_hash::FastSet;
use switchboard_model::Span;
use switchboard_model::json::Value;

use super::common::is_extension;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every response — in an operation or in `#/responses` — has a `description`
    /// string.
    ///
    /// ## Why it matters
    /// `description` is the one required field of a Swagger 2.0 response object: a response
    /// without it makes the file invalid Swagger for strict tools, and it is the text shown for
    /// the status in generated documentation.
    ///
    /// ## Example
    /// ```json
    /// "responses": { "200": { "schema": { "$ref": "#/definitions/Task" } } }
    /// ```
    ///
    /// ## Fix
    /// Add a short description of what the status means: `"description": "The task."`.
    pub ResponseDescriptionMissing {
        code: "SW094",
        name: "response-description-missing",
        group: Responses,
        levels: Levels::all(Severity::Error),
    }
}

/// `what` names the response for the message; it is only built for a finding.
fn check_response(
    cx: &mut Context<'_>,
    seen: &mut FastSet<Span>,
    node: &Value,
    what: &dyn Fn() -> String,
) {
    // Unresolved references and mistyped responses are other rules' findings.
    if node.as_object().is_none() || node.get("$ref").is_some() || !seen.insert(node.span) {
        return;
    }
    if node.get_str("description").is_none() {
        cx.report_value(
            node,
            format!("The 'description' property is required: {} has none.", what()),
        )
        .set_help("add a short description of what the status means, e.g. \"The task.\"");
    }
}

impl Check for ResponseDescriptionMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut seen = FastSet::default();
        for info in &sw.operations {
            for r in info.responses.iter().filter(|r| !is_extension(r.code)) {
                let what = || format!("response '{}' of operation {}", r.code, info.op.label());
                check_response(cx, &mut seen, r.node, &what);
            }
        }
        for m in sw.doc.shared_responses().into_iter().flat_map(|o| o.members.iter()) {
            check_response(cx, &mut seen, &m.value, &|| format!("shared response '{}'", m.key));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn described_responses_pass() {
        assert!(check_swagger(&ResponseDescriptionMissing, json!({})).is_empty());
    }

    #[test]
    fn missing_description_fails_at_the_response() {
        let p = json!({
            "responses": {"Error": {"schema": {"type": "string"}}},
            "paths": {"/tasks": {"post": {"responses": {
                "201": {"description": null},
                "default": {"$ref": "#/responses/Error"}
            }}}}
        });
        let d = check_swagger(&ResponseDescriptionMissing, p);
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/responses/201", "/responses/Error"]);
        assert!(
            d[0].message.contains("response '201' of operation 'CreateTask'"),
            "{}",
            d[0].message
        );
    }
}
