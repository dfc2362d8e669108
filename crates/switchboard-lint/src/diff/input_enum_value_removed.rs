use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An input whose `enum` lost values, or that gained an `enum` where it accepted any
    /// value.
    ///
    /// ## Why it matters
    /// Existing flows that chose a removed value keep sending it, and the service (or the
    /// designer's validation) now rejects it.
    ///
    /// ## Example
    /// Old: `"enum": ["open", "done"]`; new: `"enum": ["open"]`.
    ///
    /// ## Fix
    /// Keep accepting the old values (list them, and document them as deprecated in the
    /// description).
    pub InputEnumValueRemoved {
        code: "BC012",
        name: "input-enum-value-removed",
        class: Breaking,
        severity: Warning,
    }
}

impl Detect for InputEnumValueRemoved {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for (old, new) in pair.inputs.iter().filter_map(super::FieldPair::both) {
                let Some(now) = &new.enum_values else { continue };
                let message = match &old.enum_values {
                    Some(before) => {
                        let gone: Vec<&str> = before
                            .iter()
                            .filter(|v| !now.contains(v))
                            .map(String::as_str)
                            .collect();
                        if gone.is_empty() {
                            continue;
                        }
                        format!(
                            "The value(s) {} have been removed from the input field's enum.",
                            gone.join(", ")
                        )
                    }
                    None => format!("The input field now only accepts {}.", now.join(", ")),
                };
                out.report(
                    new.path.clone(),
                    message,
                    Some(d.old.at(old.node)),
                    Some(d.new.at(new.node)),
                );
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
    fn unchanged_and_added_values_pass() {
        assert!(detect(&InputEnumValueRemoved, &base()).is_empty());
        let more =
            base().set("/paths/~1tasks/get/parameters/0/enum", json!(["open", "done", "late"]));
        assert!(detect(&InputEnumValueRemoved, &more).is_empty());
    }

    #[test]
    fn removed_value_and_new_restriction_are_reported() {
        let new = base()
            .set("/paths/~1tasks/get/parameters/0/enum", json!(["open"]))
            .set("/definitions/NewTask/properties/title/enum", json!(["a"]));
        let c = detect(&InputEnumValueRemoved, &new);
        assert_eq!(
            paths(&c),
            [
                "operation/CreateTask/parameter/body/schema/title",
                "operation/ListTasks/parameter/status"
            ]
        );
        assert!(c[1].message.contains("\"done\""), "{}", c[1].message);
    }
}
