use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An input that was optional and is now required (its parents required too), without a
    /// `default` and not internal.
    ///
    /// ## Why it matters
    /// Existing flows that left the input empty now send calls without a value the service
    /// requires; the designer also flags those flows as invalid.
    ///
    /// ## Example
    /// Old: `{"name": "status", "in": "query", "type": "string"}`; new: the same with
    /// `"required": true`.
    ///
    /// ## Fix
    /// Keep the input optional, or give it a `default` that matches what the service did
    /// when the value was missing.
    pub InputBecameRequired {
        code: "BC007",
        name: "input-became-required",
        class: Breaking,
        severity: Warning,
    }
}

impl Detect for InputBecameRequired {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for (old, new) in pair.inputs.iter().filter_map(super::FieldPair::both) {
                if !old.required && new.chain_required && new.default.is_none() && !new.internal {
                    out.report(
                        new.path.clone(),
                        "The input field has become required. Existing flows that leave it empty will fail.",
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
    use serde_json::json;

    #[test]
    fn unchanged_passes() {
        assert!(detect(&InputBecameRequired, &base()).is_empty());
    }

    #[test]
    fn parameter_and_body_property_are_reported() {
        let new = base()
            .set("/paths/~1tasks/get/parameters/0/required", true.into())
            .set("/definitions/NewTask/required", json!(["title", "priority"]));
        let c = detect(&InputBecameRequired, &new);
        assert_eq!(
            paths(&c),
            [
                "operation/CreateTask/parameter/body/schema/priority",
                "operation/ListTasks/parameter/status"
            ]
        );
    }

    #[test]
    fn a_default_makes_it_safe() {
        // `top` has a default of 20.
        let new = base().set("/paths/~1tasks/get/parameters/1/required", true.into());
        assert!(detect(&InputBecameRequired, &new).is_empty());
    }
}
