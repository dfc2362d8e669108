use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An operation that becomes `"deprecated": true`.
    ///
    /// ## Why it matters
    /// Deprecation is the expected way to retire an operation: existing flows keep working,
    /// the designer stops offering it for new ones. Microsoft asks for a notice of at least
    /// 30 days before a deprecated operation is removed.
    ///
    /// ## Example
    /// Old: `GetTask` without `deprecated`; new: `"deprecated": true` and a summary ending in
    /// "(deprecated)".
    ///
    /// ## Fix
    /// Nothing to fix. Say "(deprecated)" in the summary and point to the replacement in the
    /// description.
    pub OperationDeprecated {
        code: "BC023",
        name: "operation-deprecated",
        class: Cosmetic,
        severity: Info,
    }
}

impl Detect for OperationDeprecated {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            let (old, new) = d.ops(pair);
            if !old.op.is_deprecated() && new.op.is_deprecated() {
                out.report(
                    pair.path.clone(),
                    "The operation has been deprecated; existing flows keep working.",
                    Some(d.old.at(old.op.node)),
                    Some(d.new.at(new.op.node.get("deprecated").unwrap_or(new.op.node))),
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
        assert!(detect(&OperationDeprecated, &base()).is_empty());
    }

    #[test]
    fn deprecation_is_reported() {
        let c =
            detect(&OperationDeprecated, &base().set("/paths/~1tasks/get/deprecated", true.into()));
        assert_eq!(paths(&c), ["operation/ListTasks"]);
    }
}
