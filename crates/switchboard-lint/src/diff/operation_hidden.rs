use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An operation whose `x-ms-visibility` becomes `internal`.
    ///
    /// ## Why it matters
    /// Internal operations are hidden from the designer: existing flows keep the action but
    /// can no longer be edited with it ("The operation has been hidden. This change breaks
    /// the designer for existing flows.").
    ///
    /// ## Example
    /// Old: `"x-ms-visibility": "important"`; new: `"x-ms-visibility": "internal"`.
    ///
    /// ## Fix
    /// Deprecate the operation (`"deprecated": true`) instead of hiding it, or hide only an
    /// operation that no published flow can use (one used for dynamic values).
    pub OperationHidden {
        code: "BC002",
        name: "operation-hidden",
        class: Breaking,
        severity: Warning,
        ms_name: Some("OperationHidden"),
    }
}

impl Detect for OperationHidden {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            let (old, new) = d.ops(pair);
            if !old.op.is_internal() && new.op.is_internal() {
                let node = new.op.node.get("x-ms-visibility").unwrap_or(new.op.node);
                out.report(
                    pair.path.clone(),
                    "The operation has been hidden. This change breaks the designer for existing flows.",
                    Some(d.old.at(old.op.node.get("x-ms-visibility").unwrap_or(old.op.node))),
                    Some(d.new.at(node)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{base, detect, detect_between, paths};

    #[test]
    fn unchanged_passes() {
        assert!(detect(&OperationHidden, &base()).is_empty());
    }

    #[test]
    fn becoming_internal_is_reported() {
        let new = base().set("/paths/~1tasks/post/x-ms-visibility", "internal".into());
        let c = detect(&OperationHidden, &new);
        assert_eq!(paths(&c), ["operation/CreateTask"]);
        assert_eq!(c[0].new.as_ref().unwrap().pointer, "/paths/~1tasks/post/x-ms-visibility");
    }

    #[test]
    fn an_operation_that_was_internal_passes() {
        let old = base().set("/paths/~1tasks/post/x-ms-visibility", "internal".into());
        assert!(detect_between(&OperationHidden, &old, &old.clone()).is_empty());
    }
}
