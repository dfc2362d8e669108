use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An operation of the old version that the new version no longer has: its operationId is
    /// gone and no operation with the same method and path took its place (that would be
    /// BC026, operation-id-changed).
    ///
    /// ## Why it matters
    /// Flows call an operation by its operationId. When it disappears, every flow using it
    /// fails to load and run ("The operation has been deleted. This change breaks existing
    /// flows.").
    ///
    /// ## Example
    /// Old: `GET /tasks/{taskId}` with `"operationId": "GetTask"`; new: the path is deleted.
    ///
    /// ## Fix
    /// Keep the operation and mark it `"deprecated": true` with "(deprecated)" in its summary;
    /// remove it only after the deprecation notice. To replace it, add the new operation with
    /// an `x-ms-api-annotation` `family`/`revision` (operational versioning).
    pub OperationRemoved {
        code: "BC001",
        name: "operation-removed",
        class: Breaking,
        severity: Warning,
        ms_name: Some("OperationDeleted"),
    }
}

impl Detect for OperationRemoved {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for &i in &d.removed {
            let op = &d.old.operations[i];
            out.report(
                op.path(),
                "The operation has been deleted. This change breaks existing flows.",
                Some(d.old.at(op.op.node)),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{base, detect, paths};

    #[test]
    fn unchanged_passes() {
        assert!(detect(&OperationRemoved, &base()).is_empty());
    }

    #[test]
    fn deleted_operation_is_reported_at_its_old_place() {
        let c = detect(&OperationRemoved, &base().remove("/paths/~1tasks~1{taskId}"));
        assert_eq!(paths(&c), ["operation/GetTask"]);
        let old = c[0].old.as_ref().unwrap();
        assert_eq!(old.pointer, "/paths/~1tasks~1{taskId}/get");
        assert!(c[0].new.is_none());
    }

    #[test]
    fn a_renamed_operation_is_not_deleted() {
        let new = base().set("/paths/~1tasks~1{taskId}/get/operationId", "FetchTask".into());
        assert!(detect(&OperationRemoved, &new).is_empty());
    }
}
