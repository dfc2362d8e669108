use switchboard_model::swagger::Method;

use super::common::identifier_words;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Verbs that create something: wrong on GET and DELETE.
const CREATING: &[&str] = &["create", "add", "insert", "post"];
/// Verbs that read something: wrong on DELETE.
const READING: &[&str] = &["get", "list"];

declare_rule! {
    /// ## What it does
    /// Checks that the verb an `operationId` starts with agrees with the HTTP method: no
    /// `Create…`/`Add…`/`Insert…`/`Post…` on GET or DELETE, no `Get…`/`List…` on DELETE.
    /// The first *word* counts (`AddonGetRecords` starts with "Addon", `Postcode` with
    /// "Postcode"); words are split at case changes, digits, `_` and `-`.
    ///
    /// ## Why it matters
    /// A mismatch is usually a copy-pasted operation whose method or id was not updated: the
    /// action named "Create contact" sends a GET, or a delete is wired to a read endpoint. It is
    /// also a breaking change to fix later, since the operationId is the action's identity in
    /// existing flows.
    ///
    /// ## Example
    /// ```json
    /// { "/contacts": { "get": { "operationId": "CreateContact" } } }
    /// ```
    ///
    /// ## Fix
    /// Check which is wrong: correct the method, or (before the first release) the operationId.
    pub OperationIdVerbMismatch {
        code: "BX018",
        name: "operation-id-verb-mismatch",
        group: Beyond,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for OperationIdVerbMismatch {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let op = &info.op;
            let Some(node) = op.node.get("operationId") else { continue };
            let Some(id) = node.as_str() else { continue };
            let Some(first) = identifier_words(id).first().map(|w| w.to_ascii_lowercase()) else {
                continue;
            };
            let wrong = match op.method {
                Method::Get => CREATING.contains(&first.as_str()),
                Method::Delete => {
                    CREATING.contains(&first.as_str()) || READING.contains(&first.as_str())
                }
                _ => false,
            };
            if wrong {
                cx.report_value(
                    node,
                    format!(
                        "The operationId '{id}' starts with '{first}' but the operation is a {}",
                        op.method
                    ),
                )
                .set_help("check whether the HTTP method or the operationId is wrong");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn op(method: &str, id: &str) -> serde_json::Value {
        json!({"paths": {"/x": {method: {"operationId": id}}}})
    }

    #[test]
    fn agreeing_verbs_pass() {
        assert!(check_swagger(&OperationIdVerbMismatch, json!({})).is_empty());
        assert!(check_swagger(&OperationIdVerbMismatch, op("get", "AddonGetRecords")).is_empty());
        assert!(check_swagger(&OperationIdVerbMismatch, op("get", "Postcode")).is_empty());
        assert!(check_swagger(&OperationIdVerbMismatch, op("post", "GetAnswer")).is_empty());
        assert!(check_swagger(&OperationIdVerbMismatch, op("delete", "DeleteTask")).is_empty());
    }

    #[test]
    fn mismatch_fails_at_the_operation_id() {
        let d = check_swagger(&OperationIdVerbMismatch, op("get", "CreateContact"));
        assert_eq!(pointers(&d), ["/paths/~1x/get/operationId"]);
        assert!(d[0].message.contains("starts with 'create' but the operation is a GET"));
        assert_eq!(check_swagger(&OperationIdVerbMismatch, op("delete", "get_task")).len(), 1);
        assert_eq!(check_swagger(&OperationIdVerbMismatch, op("delete", "add-member")).len(), 1);
    }
}
