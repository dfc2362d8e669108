use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An operation of the new version that the old version did not have (neither by
    /// operationId nor by method and path).
    ///
    /// ## Why it matters
    /// New capability: existing flows are unaffected. It still makes the update a major one
    /// for certification (BC100).
    ///
    /// ## Example
    /// New: `DELETE /tasks/{taskId}` with `"operationId": "DeleteTask"`.
    ///
    /// ## Fix
    /// Nothing to fix. Describe the new operation in readme.md's list of operations.
    pub OperationAdded {
        code: "BC030",
        name: "operation-added",
        class: Additive,
        severity: Info,
    }
}

impl Detect for OperationAdded {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for &j in &d.added {
            let op = &d.new.operations[j];
            let what = if op.op.is_trigger() { "trigger" } else { "operation" };
            out.report(
                op.path(),
                format!("The {what} has been added ({} {}).", op.op.method, op.op.path.template),
                None,
                Some(d.new.at(op.op.node)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{base, detect, paths};
    use serde_json::json;

    #[test]
    fn unchanged_passes() {
        assert!(detect(&OperationAdded, &base()).is_empty());
    }

    #[test]
    fn new_operation_is_reported() {
        let new = base().set(
            "/paths/~1tasks~1{taskId}/delete",
            json!({"operationId": "DeleteTask", "responses": {"204": {"description": "Deleted."}}}),
        );
        let c = detect(&OperationAdded, &new);
        assert_eq!(paths(&c), ["operation/DeleteTask"]);
        assert!(c[0].old.is_none() && c[0].new.is_some());
    }
}
