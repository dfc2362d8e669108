use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An operation, input or output whose `x-ms-visibility` moves down the order
    /// `important` → (none) → `advanced` → `internal`, except an operation or input that
    /// becomes `internal` (BC002, BC011). An output that becomes internal is reported here.
    ///
    /// ## Why it matters
    /// The designer shows the item less prominently (behind "Show advanced options") or, for
    /// outputs, stops offering it as dynamic content; existing flows keep working.
    ///
    /// ## Example
    /// Old: `"x-ms-visibility": "important"`; new: `"x-ms-visibility": "advanced"`.
    ///
    /// ## Fix
    /// Nothing to fix if the change is intended.
    pub VisibilityStricter {
        code: "BC042",
        name: "visibility-stricter",
        class: Cosmetic,
        severity: Info,
    }
}

/// The rank of a visibility: higher is less visible. Unknown values count as none.
pub(super) fn rank(visibility: Option<&str>) -> u8 {
    match visibility {
        Some("important") => 0,
        Some("advanced") => 2,
        Some("internal") => 3,
        _ => 1,
    }
}

/// `'value'`, or "none".
pub(super) fn show(visibility: Option<&str>) -> String {
    visibility.map_or_else(|| "none".to_string(), |v| format!("'{v}'"))
}

impl Detect for VisibilityStricter {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        let message =
            |a, b| format!("The visibility has been changed from {} to {}.", show(a), show(b));
        for pair in &d.pairs {
            let (old, new) = d.ops(pair);
            let (a, b) = (old.op.visibility(), new.op.visibility());
            if rank(a) < rank(b) && b != Some("internal") {
                out.report(
                    pair.path.clone(),
                    message(a, b),
                    Some(d.old.at(old.op.node)),
                    Some(d.new.at(new.op.node)),
                );
            }
            let inputs = pair.inputs.iter().filter_map(super::FieldPair::both).map(|f| (f, true));
            let outputs =
                pair.outputs.iter().filter_map(super::FieldPair::both).map(|f| (f, false));
            for ((old, new), input) in inputs.chain(outputs) {
                let (a, b) = (old.visibility, new.visibility);
                if rank(a) < rank(b) && !(input && b == Some("internal")) {
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
    fn unchanged_and_internal_inputs_pass() {
        assert!(detect(&VisibilityStricter, &base()).is_empty());
        let hidden =
            base().set("/paths/~1tasks/get/parameters/0/x-ms-visibility", "internal".into());
        assert!(detect(&VisibilityStricter, &hidden).is_empty());
    }

    #[test]
    fn advanced_operation_and_hidden_output_are_reported() {
        let new = base()
            .set("/paths/~1tasks/post/x-ms-visibility", "advanced".into())
            .set("/definitions/User/properties/name/x-ms-visibility", "internal".into());
        let c = detect(&VisibilityStricter, &new);
        assert_eq!(c[0].path, "operation/CreateTask");
        assert!(paths(&c).contains(&"operation/GetTask/responses/200/schema/owner/name"));
    }
}
