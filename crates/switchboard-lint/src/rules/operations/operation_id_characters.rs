use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that each `operationId` consists only of ASCII letters, digits and `_`.
    ///
    /// ## Why it matters
    /// The service works with a "sanitized" copy of the operationId from which every other
    /// character is dropped ("OperationIdSanitized"): `Get-Item` becomes `GetItem`. Generated
    /// code and formulas then use a name that is not the one in the file, and two ids can
    /// collapse into one.
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "Get-barcode-value" }
    /// ```
    ///
    /// ## Fix
    /// Use letters and digits only (`GetBarcodeValue`). For a published connector, renaming is a
    /// breaking change: add the new operation and deprecate the old one instead.
    pub OperationIdCharacters {
        code: "SW063",
        name: "operation-id-characters",
        group: Operations,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("OperationIdSanitized"),
    }
}

fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl Check for OperationIdCharacters {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let Some(id_node) = info.op.node.get("operationId") else { continue };
            let Some(id) = id_node.as_str() else { continue };
            if id.chars().all(allowed) {
                continue;
            }
            let sanitized: String = id.chars().filter(|&c| allowed(c)).collect();
            cx.report_value(
                id_node,
                format!("The operationId '{id}' contains characters other than letters, digits and '_'; the service sanitizes it to '{sanitized}'."),
            )
            .set_help("use only letters and digits; for a published operation add a new one and deprecate the old");
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
    fn letters_digits_and_underscore_pass() {
        assert!(check_swagger(&OperationIdCharacters, json!({})).is_empty());
        let patch = add_operation("/projects", "get", "List_Projects_V2", &json!({}));
        assert!(check_swagger(&OperationIdCharacters, patch).is_empty());
    }

    #[test]
    fn hyphen_fails_naming_the_sanitized_id() {
        let patch = add_operation("/projects", "get", "List-Projects", &json!({}));
        let d = check_swagger(&OperationIdCharacters, patch);
        assert_eq!(pointers(&d), ["/paths/~1projects/get/operationId"]);
        assert!(d[0].message.contains("'ListProjects'"), "{}", d[0].message);
    }
}
