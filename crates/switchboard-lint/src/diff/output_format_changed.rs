use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An output property whose `type` stayed while its `format` changed, appeared or
    /// disappeared.
    ///
    /// ## Why it matters
    /// "The type format has been changed for the output field." Flows that parse or compare
    /// the value (dates, numbers) were built for the old format.
    ///
    /// ## Example
    /// Old: `"due": {"type": "string", "format": "date-time"}`; new: `"format": "date"`.
    ///
    /// ## Fix
    /// Keep the format the service actually returns; return a new format under a new name.
    pub OutputFormatChanged {
        code: "BC015",
        name: "output-format-changed",
        class: Breaking,
        severity: Warning,
    }
}

impl Detect for OutputFormatChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for (old, new) in pair.outputs.iter().filter_map(super::FieldPair::both) {
                if old.type_name == new.type_name && old.format != new.format {
                    let show = |f: Option<&str>| {
                        f.map_or_else(|| "none".to_string(), |f| format!("'{f}'"))
                    };
                    out.report(
                        new.path.clone(),
                        format!(
                            "The type format has been changed for the output field, from {} to {}. Existing flows may be broken if they are using this field.",
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
        assert!(detect(&OutputFormatChanged, &base()).is_empty());
    }

    #[test]
    fn new_format_is_reported() {
        let new = base().set("/definitions/Task/properties/due/format", "date".into());
        let c = detect(&OutputFormatChanged, &new);
        assert!(
            paths(&c).contains(&"operation/GetTask/responses/200/schema/due"),
            "{:?}",
            paths(&c)
        );
        assert!(c[0].message.contains("from 'date-time' to 'date'"));
    }
}
