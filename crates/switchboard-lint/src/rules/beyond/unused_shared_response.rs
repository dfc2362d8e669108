use super::common::ref_target;
use crate::fast_hash::FastSet;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every shared response in `#/responses` is referenced by at least one
    /// operation.
    ///
    /// ## Why it matters
    /// An unreferenced shared response documents nothing: no operation returns it. It bloats
    /// the file and usually means an operation lost the error response it was meant to declare.
    ///
    /// ## Example
    /// ```json
    /// { "responses": { "NotFound": { "description": "Not found" } } }
    /// ```
    /// with no `{"$ref": "#/responses/NotFound"}` under any operation's `responses`.
    ///
    /// ## Fix
    /// Delete the shared response, or reference it from the operations that return it.
    pub UnusedSharedResponse {
        code: "BX003",
        name: "unused-shared-response",
        group: Beyond,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for UnusedSharedResponse {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(shared) = sw.doc.shared_responses() else { return };
        if shared.is_empty() {
            return;
        }
        let used: FastSet<String> = sw
            .operations
            .iter()
            .flat_map(|op| &op.responses)
            .filter_map(|r| r.site.get_str("$ref").and_then(ref_target))
            .filter(|(section, _)| *section == "responses")
            .map(|(_, name)| name.into_owned())
            .collect();
        for m in &shared.members {
            if !used.contains(m.key.as_str()) {
                cx.report_swagger(
                    m.key_span,
                    format!("Shared response '{}' is not referenced by any operation", m.key),
                )
                .set_help("delete it, or reference it from the operations that return it");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn referenced_responses_pass() {
        let d = check_swagger(
            &UnusedSharedResponse,
            json!({
                "responses": {"NotFound": {"description": "Not found"}},
                "paths": {"/tasks/{taskId}": {"get": {"responses": {"404": {"$ref": "#/responses/NotFound"}}}}}
            }),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn unreferenced_response_fails_at_its_key() {
        let d = check_swagger(
            &UnusedSharedResponse,
            json!({"responses": {"NotFound": {"description": "Not found"}, "Gone": {"description": "Gone"}},
                   "paths": {"/tasks/{taskId}": {"get": {"responses": {"404": {"$ref": "#/responses/NotFound"}}}}}}),
        );
        assert_eq!(pointers(&d), ["/responses/Gone"]);
    }
}
