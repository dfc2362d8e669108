use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that an operation's `x-ms-pageable.nextLinkName` is exactly `nextLink` or
    /// `@odata.nextLink` (case-sensitive).
    ///
    /// ## Why it matters
    /// The platform follows pages by reading that property from the response; other names
    /// are rejected ("The nextLinkName value for operation '…' is invalid. Supported values
    /// are 'nextLink' or '@odata.nextLink'."), and a wrong case (`nextlink`) silently stops
    /// paging after the first page.
    ///
    /// ## Example
    /// ```json
    /// { "x-ms-pageable": { "nextLinkName": "next_page_url" } }
    /// ```
    ///
    /// ## Fix
    /// Return the next-page URL as `nextLink` or `@odata.nextLink` (a policy can rename the
    /// service's property) and name it here.
    pub NextLinkNameInvalid {
        code: "SW160",
        name: "next-link-name-invalid",
        group: Extensions,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("InvalidNextLinkNameValue"),
    }
}

impl Check for NextLinkNameInvalid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for op in &sw.operations {
            let Some(pageable) =
                op.op.node.get("x-ms-pageable").filter(|p| p.as_object().is_some())
            else {
                continue;
            };
            let at = match pageable.get("nextLinkName") {
                Some(v) if matches!(v.as_str(), Some("nextLink" | "@odata.nextLink")) => continue,
                Some(v) => v,
                None => pageable,
            };
            cx.report_value(
                at,
                format!(
                    "The nextLinkName value for operation {} is invalid. Supported values are 'nextLink' or '@odata.nextLink'.",
                    op.op.label()
                ),
            )
            .set_help("name the next-page property 'nextLink' or '@odata.nextLink' (exact case)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn supported_names_pass() {
        let d = check_swagger(
            &NextLinkNameInvalid,
            json!({"paths": {"/tasks/{taskId}": {"get": {"x-ms-pageable": {"nextLinkName": "@odata.nextLink"}}}}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn other_names_fail_at_the_value() {
        let d = check_swagger(
            &NextLinkNameInvalid,
            json!({"paths": {"/tasks/{taskId}": {"get": {"x-ms-pageable": {"nextLinkName": "nextlink"}}}, "/tasks": {"post": {"x-ms-pageable": {}}}}}),
        );
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks~1{taskId}/get/x-ms-pageable/nextLinkName",
                "/paths/~1tasks/post/x-ms-pageable"
            ]
        );
        assert!(d[0].message.contains("operation 'GetTask'"));
    }
}
