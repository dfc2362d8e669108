use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An input whose `enum` gained values.
    ///
    /// ## Why it matters
    /// New choices for new flows; the values existing flows send are still accepted.
    ///
    /// ## Example
    /// Old: `"enum": ["open", "done"]`; new: `"enum": ["open", "done", "late"]`.
    ///
    /// ## Fix
    /// Nothing to fix. Consider `x-ms-enum-values` display names for the new values.
    pub InputEnumValueAdded {
        code: "BC034",
        name: "input-enum-value-added",
        class: Additive,
        severity: Info,
    }
}

impl Detect for InputEnumValueAdded {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for (old, new) in pair.inputs.iter().filter_map(super::FieldPair::both) {
                let (Some(before), Some(now)) = (&old.enum_values, &new.enum_values) else {
                    continue;
                };
                let added: Vec<&str> =
                    now.iter().filter(|v| !before.contains(v)).map(String::as_str).collect();
                if !added.is_empty() {
                    out.report(
                        new.path.clone(),
                        format!(
                            "The value(s) {} have been added to the input field's enum.",
                            added.join(", ")
                        ),
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
        assert!(detect(&InputEnumValueAdded, &base()).is_empty());
    }

    #[test]
    fn added_value_is_reported() {
        let new =
            base().set("/paths/~1tasks/get/parameters/0/enum", json!(["open", "done", "late"]));
        let c = detect(&InputEnumValueAdded, &new);
        assert_eq!(paths(&c), ["operation/ListTasks/parameter/status"]);
        assert!(c[0].message.contains("\"late\""));
    }
}
