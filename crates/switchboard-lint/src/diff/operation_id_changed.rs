use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An operation whose method and path stayed the same (path variables compared by
    /// position, case-insensitively) while its operationId changed: a renamed operation.
    ///
    /// ## Why it matters
    /// Flows reference operations by operationId, so for them a renamed operation is a
    /// deleted one: existing flows no longer find the action or trigger they were built with.
    ///
    /// ## Example
    /// Old: `GET /tasks/{taskId}` is `GetTask`; new: the same route is `FetchTask`.
    ///
    /// ## Fix
    /// Keep the old operationId. If the name must change, add the new operation next to the
    /// old one (operational versioning with `x-ms-api-annotation`) and deprecate the old one.
    pub OperationIdChanged {
        code: "BC026",
        name: "operation-id-changed",
        class: Breaking,
        severity: Warning,
    }
}

impl Detect for OperationIdChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in d.pairs.iter().filter(|p| p.renamed) {
            let (old, new) = d.ops(pair);
            let at = |side: &super::Side<'_>, op: &super::OpEntry<'_>| {
                side.at(op.op.node.get("operationId").unwrap_or(op.op.node))
            };
            out.report(
                old.path(),
                format!(
                    "The operationId of {} {} has been changed from '{}' to '{}'. Existing flows still call '{}'.",
                    new.op.method, new.op.path.template, old.id, new.id, old.id
                ),
                Some(at(&d.old, old)),
                Some(at(&d.new, new)),
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
        assert!(detect(&OperationIdChanged, &base()).is_empty());
    }

    #[test]
    fn renamed_operation_is_reported_with_both_ids() {
        let new = base().set("/paths/~1tasks~1{taskId}/get/operationId", "FetchTask".into());
        let c = detect(&OperationIdChanged, &new);
        assert_eq!(paths(&c), ["operation/GetTask"]);
        assert!(c[0].message.contains("'GetTask' to 'FetchTask'"), "{}", c[0].message);
        assert_eq!(c[0].new.as_ref().unwrap().pointer, "/paths/~1tasks~1{taskId}/get/operationId");
    }

    #[test]
    fn renamed_path_variable_still_matches_the_route() {
        let mut new = base().remove("/paths/~1tasks~1{taskId}");
        let op = base().swagger["paths"]["/tasks/{taskId}"].clone();
        new = new
            .set("/paths/~1Tasks~1{id}", op)
            .set("/paths/~1Tasks~1{id}/get/operationId", "FetchTask".into());
        assert_eq!(paths(&detect(&OperationIdChanged, &new)), ["operation/GetTask"]);
    }
}
