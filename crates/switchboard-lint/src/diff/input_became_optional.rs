use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An input that was required and is now optional.
    ///
    /// ## Why it matters
    /// Existing flows send the value as before; new flows may leave it out. Nothing breaks.
    ///
    /// ## Example
    /// Old: `"required": ["title"]` in the body schema; new: `"required": []`.
    ///
    /// ## Fix
    /// Nothing to fix; make sure the service really accepts calls without the value.
    pub InputBecameOptional {
        code: "BC033",
        name: "input-became-optional",
        class: Additive,
        severity: Info,
    }
}

impl Detect for InputBecameOptional {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for (old, new) in pair.inputs.iter().filter_map(super::FieldPair::both) {
                if old.required && !new.required {
                    out.report(
                        new.path.clone(),
                        "The input field is no longer required.",
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
        assert!(detect(&InputBecameOptional, &base()).is_empty());
    }

    #[test]
    fn dropped_requirement_is_reported() {
        let c =
            detect(&InputBecameOptional, &base().set("/definitions/NewTask/required", json!([])));
        assert_eq!(paths(&c), ["operation/CreateTask/parameter/body/schema/title"]);
    }
}
