use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An operation (same operationId) whose HTTP method changed.
    ///
    /// ## Why it matters
    /// Existing flows now send a different request to the service; a service that still
    /// expects the old method rejects it, and one that accepts both may do something else.
    ///
    /// ## Example
    /// Old: `UpdateTask` is `PUT /tasks/{taskId}`; new: it is `PATCH /tasks/{taskId}`.
    ///
    /// ## Fix
    /// Keep the method of the published operation; add the new request as a new operation
    /// (operational versioning) and deprecate the old one.
    pub MethodChanged {
        code: "BC004",
        name: "method-changed",
        class: Breaking,
        severity: Warning,
    }
}

impl Detect for MethodChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            let (old, new) = d.ops(pair);
            if old.op.method != new.op.method {
                out.report(
                    pair.path.clone(),
                    format!(
                        "The HTTP method has been changed for the operation, from {} to {}.",
                        old.op.method, new.op.method
                    ),
                    Some(d.old.at(old.op.node)),
                    Some(d.new.at(new.op.node)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{base, detect, paths};

    #[test]
    fn unchanged_passes() {
        assert!(detect(&MethodChanged, &base()).is_empty());
    }

    #[test]
    fn new_method_is_reported() {
        let op = base().swagger["paths"]["/tasks/{taskId}"]["get"].clone();
        let new =
            base().remove("/paths/~1tasks~1{taskId}/get").set("/paths/~1tasks~1{taskId}/post", op);
        let c = detect(&MethodChanged, &new);
        assert_eq!(paths(&c), ["operation/GetTask"]);
        assert!(c[0].message.contains("from GET to POST"));
    }
}
