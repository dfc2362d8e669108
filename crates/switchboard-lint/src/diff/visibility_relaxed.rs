use super::visibility_stricter::{rank, show};
use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An operation, input or output whose `x-ms-visibility` moves up the order `internal` →
    /// `advanced` → (none) → `important`.
    ///
    /// ## Why it matters
    /// The designer shows the item more prominently, or at all; existing flows are
    /// unaffected.
    ///
    /// ## Example
    /// Old: `"x-ms-visibility": "advanced"`; new: no `x-ms-visibility`.
    ///
    /// ## Fix
    /// Nothing to fix. An operation that leaves `internal` needs a summary and description
    /// users can read.
    pub VisibilityRelaxed {
        code: "BC043",
        name: "visibility-relaxed",
        class: Cosmetic,
        severity: Info,
    }
}

impl Detect for VisibilityRelaxed {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        let message =
            |a, b| format!("The visibility has been changed from {} to {}.", show(a), show(b));
        for pair in &d.pairs {
            let (old, new) = d.ops(pair);
            let (a, b) = (old.op.visibility(), new.op.visibility());
            if rank(b) < rank(a) {
                out.report(
                    pair.path.clone(),
                    message(a, b),
                    Some(d.old.at(old.op.node)),
                    Some(d.new.at(new.op.node)),
                );
            }
            for (old, new) in
                pair.inputs.iter().chain(&pair.outputs).filter_map(super::FieldPair::both)
            {
                if rank(new.visibility) < rank(old.visibility) {
                    let (a, b) = (old.visibility, new.visibility);
                    out.report(
                        new.path.clone(),
                        message(a, b),
                        Some(d.old.at(old.node)),
                        Some(d.new.at(new.node)),
                    );
                }
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
        assert!(detect(&VisibilityRelaxed, &base()).is_empty());
    }

    #[test]
    fn promoted_input_is_reported() {
        let c = detect(
            &VisibilityRelaxed,
            &base().remove("/paths/~1tasks/get/parameters/1/x-ms-visibility"),
        );
        assert_eq!(paths(&c), ["operation/ListTasks/parameter/top"]);
        assert!(c[0].message.contains("from 'advanced' to none"));
    }
}
