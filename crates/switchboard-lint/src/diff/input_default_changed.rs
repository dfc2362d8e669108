use super::fields::compact;
use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An input whose `default` changed, appeared or disappeared.
    ///
    /// ## Why it matters
    /// The designer writes the default into a flow when the action is added, so existing flows
    /// keep the value they were saved with; new flows get the new one. It matters most for
    /// internal inputs, whose default is what every new call sends.
    ///
    /// ## Example
    /// Old: `"default": 20`; new: `"default": 50`.
    ///
    /// ## Fix
    /// Nothing to fix; say in the description what the default means.
    pub InputDefaultChanged {
        code: "BC024",
        name: "input-default-changed",
        class: Cosmetic,
        severity: Info,
    }
}

impl Detect for InputDefaultChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for (old, new) in pair.inputs.iter().filter_map(super::FieldPair::both) {
                let (a, b) = (old.default.map(compact), new.default.map(compact));
                if a != b {
                    let show = |v: Option<String>| v.unwrap_or_else(|| "none".to_string());
                    out.report(
                        new.path.clone(),
                        format!(
                            "The default value of the input field has been changed from {} to {}.",
                            show(a),
                            show(b)
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

    #[test]
    fn unchanged_passes() {
        assert!(detect(&InputDefaultChanged, &base()).is_empty());
    }

    #[test]
    fn new_default_is_reported() {
        let c = detect(
            &InputDefaultChanged,
            &base().set("/paths/~1tasks/get/parameters/1/default", 50.into()),
        );
        assert_eq!(paths(&c), ["operation/ListTasks/parameter/top"]);
        assert!(c[0].message.contains("from 20 to 50"));
    }
}
