use crate::text::char_len;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The longest operationId accepted without a warning. Microsoft's validator has a limit
/// ("OperationIdTooLong") whose value is not published; 64 is a calibrated guess that only a
/// handful of merged connectors exceed (longest seen: 76 characters).
const MAX: usize = 64;

declare_rule! {
    /// ## What it does
    /// Checks that each `operationId` is at most 64 characters long.
    ///
    /// ## Why it matters
    /// Microsoft's validator rejects overly long operationIds ("OperationIdTooLong"; the exact
    /// limit is not documented). Long ids are also unwieldy in Power Fx formulas and generated
    /// code, and usually mean the id was generated from a path or a sentence.
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "RestoreapreviousversionofaLandingPagetothedraftversionoftheLandingPage" }
    /// ```
    ///
    /// ## Fix
    /// Use a short verb-noun id (`RestoreLandingPageVersion`); the sentence belongs in
    /// `summary` and `description`.
    pub OperationIdTooLong {
        code: "SW065",
        name: "operation-id-too-long",
        group: Operations,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("OperationIdTooLong"),
    }
}

impl Check for OperationIdTooLong {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let Some(id_node) = info.op.node.get("operationId") else { continue };
            let Some(id) = id_node.as_str() else { continue };
            let len = char_len(id);
            if len > MAX {
                cx.report_value(
                    id_node,
                    format!(
                        "The operationId '{id}' is {len} characters long; keep it at most {MAX}."
                    ),
                )
                .set_help(
                    "use a short verb-noun id; the sentence belongs in summary and description",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::operations::common::test::add_operation;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn sixty_four_characters_pass() {
        let patch = add_operation("/projects", "get", &"A".repeat(64), &json!({}));
        assert!(check_swagger(&OperationIdTooLong, patch).is_empty());
    }

    #[test]
    fn sixty_five_fail_at_the_id() {
        let patch = add_operation("/projects", "get", &"A".repeat(65), &json!({}));
        let d = check_swagger(&OperationIdTooLong, patch);
        assert_eq!(pointers(&d), ["/paths/~1projects/get/operationId"]);
        assert!(d[0].message.contains("65 characters"));
    }
}
