use super::required_input_added::breaks_old_calls;
use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// A new input that existing calls can do without: an optional parameter or body
    /// property, a required one with a `default`, an internal one, or a required property
    /// below an optional parent.
    ///
    /// ## Why it matters
    /// New capability: existing flows keep sending what they sent and keep working.
    ///
    /// ## Example
    /// New: `{"name": "q", "in": "query", "type": "string"}` on an existing operation.
    ///
    /// ## Fix
    /// Nothing to fix. Give the input an `x-ms-summary` and a `description`.
    pub OptionalInputAdded {
        code: "BC031",
        name: "optional-input-added",
        class: Additive,
        severity: Info,
    }
}

impl Detect for OptionalInputAdded {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for p in pair.inputs.iter().filter(|p| p.top && p.old.is_none()) {
                let Some(new) = &p.new else { continue };
                if !breaks_old_calls(new) {
                    out.report(
                        new.path.clone(),
                        "An optional input field has been added.",
                        None,
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
        assert!(detect(&OptionalInputAdded, &base()).is_empty());
    }

    #[test]
    fn optional_inputs_are_reported_once_per_new_object() {
        let new = base()
            .set(
                "/paths/~1tasks/get/parameters/-",
                json!({"name": "q", "in": "query", "type": "string"}),
            )
            .set(
                "/definitions/NewTask/properties/labels",
                json!({"type": "object", "properties": {"a": {"type": "string"}}}),
            );
        let c = detect(&OptionalInputAdded, &new);
        assert_eq!(
            paths(&c),
            [
                "operation/CreateTask/parameter/body/schema/labels",
                "operation/ListTasks/parameter/q"
            ]
        );
    }
}
