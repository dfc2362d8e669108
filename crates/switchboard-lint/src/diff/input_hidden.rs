use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An input whose `x-ms-visibility` becomes `internal`.
    ///
    /// ## Why it matters
    /// Internal inputs are not shown to users: the designer sends the `default` instead of
    /// what existing flows set, silently changing their behaviour (Microsoft:
    /// InputFieldVisibilityChangedToInternal).
    ///
    /// ## Example
    /// Old: `"x-ms-visibility": "advanced"`; new: `"x-ms-visibility": "internal"`.
    ///
    /// ## Fix
    /// Keep the input visible; if its value must be fixed, add a new operation revision.
    pub InputHidden {
        code: "BC011",
        name: "input-hidden",
        class: Breaking,
        severity: Warning,
        ms_name: Some("InputFieldVisibilityChangedToInternal"),
    }
}

impl Detect for InputHidden {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for (old, new) in pair.inputs.iter().filter_map(super::FieldPair::both) {
                if !old.internal && new.visibility == Some("internal") {
                    out.report(
                        new.path.clone(),
                        "The input field has been made internal. Existing flows will send its default instead of the value they set.",
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
        assert!(detect(&InputHidden, &base()).is_empty());
    }

    #[test]
    fn internal_input_is_reported() {
        let c = detect(
            &InputHidden,
            &base().set("/paths/~1tasks/get/parameters/1/x-ms-visibility", "internal".into()),
        );
        assert_eq!(paths(&c), ["operation/ListTasks/parameter/top"]);
    }
}
