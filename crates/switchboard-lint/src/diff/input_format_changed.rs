use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An input whose `type` stayed while its `format` changed, appeared or disappeared.
    ///
    /// ## Why it matters
    /// Existing flows keep sending values in the old format (a date where a date-time is now
    /// expected, a 64-bit number where 32 bits are accepted) and the service may reject or
    /// misread them.
    ///
    /// ## Example
    /// Old: `{"type": "integer", "format": "int32"}`; new: `{"type": "integer", "format":
    /// "int64"}`.
    ///
    /// ## Fix
    /// Keep the format, or make the service accept both and say so in the description.
    pub InputFormatChanged {
        code: "BC010",
        name: "input-format-changed",
        class: Breaking,
        severity: Warning,
    }
}

impl Detect for InputFormatChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for (old, new) in pair.inputs.iter().filter_map(super::FieldPair::both) {
                if old.type_name == new.type_name && old.format != new.format {
                    let show = |f: Option<&str>| {
                        f.map_or_else(|| "none".to_string(), |f| format!("'{f}'"))
                    };
                    out.report(
                        new.path.clone(),
                        format!(
                            "The type format has been changed for the input field, from {} to {}.",
                            show(old.format),
                            show(new.format)
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
        assert!(detect(&InputFormatChanged, &base()).is_empty());
    }

    #[test]
    fn new_format_is_reported() {
        let new = base().set("/paths/~1tasks/get/parameters/1/format", "int64".into());
        let c = detect(&InputFormatChanged, &new);
        assert_eq!(paths(&c), ["operation/ListTasks/parameter/top"]);
        assert!(c[0].message.contains("from 'int32' to 'int64'"));
        // A type change is BC009's, not a format change.
        let retyped = base().set("/paths/~1tasks/get/parameters/1/type", "string".into());
        assert!(detect(&InputFormatChanged, &retyped).is_empty());
    }
}
