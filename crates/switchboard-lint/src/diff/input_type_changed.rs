use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An input (parameter, body or body property, array items) whose `type` changed.
    ///
    /// ## Why it matters
    /// "The type has been changed for the input field. Existing flows will continue to send
    /// the field with the old type." The service receives a string where it now expects a
    /// number, or an object where it expects an array.
    ///
    /// ## Example
    /// Old: `"priority": {"type": "integer"}`; new: `"priority": {"type": "string"}`.
    ///
    /// ## Fix
    /// Keep the type; accept the new shape under a new input name, or add a new operation
    /// revision (operational versioning).
    pub InputTypeChanged {
        code: "BC009",
        name: "input-type-changed",
        class: Breaking,
        severity: Warning,
    }
}

impl Detect for InputTypeChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for (old, new) in pair.inputs.iter().filter_map(super::FieldPair::both) {
                let (Some(a), Some(b)) = (old.type_name, new.type_name) else { continue };
                if a != b {
                    out.report(
                        new.path.clone(),
                        format!("The type has been changed for the input field, from '{a}' to '{b}'. Existing flows will continue to send the field with the old type."),
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
        assert!(detect(&InputTypeChanged, &base()).is_empty());
    }

    #[test]
    fn retyped_parameter_and_property_are_reported() {
        let new = base()
            .set("/paths/~1tasks/get/parameters/1/type", "string".into())
            .set("/definitions/NewTask/properties/priority/type", "string".into());
        let c = detect(&InputTypeChanged, &new);
        assert_eq!(
            paths(&c),
            [
                "operation/CreateTask/parameter/body/schema/priority",
                "operation/ListTasks/parameter/top"
            ]
        );
        assert!(c[0].message.contains("from 'integer' to 'string'"));
    }
}
