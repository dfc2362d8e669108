use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// A property of a 2xx response or notification payload (or the response schema itself)
    /// whose `type` changed.
    ///
    /// ## Why it matters
    /// "The type has been changed for the output field. Existing flows may be broken if they
    /// are using this field." Expressions and later steps were built for the old type.
    ///
    /// ## Example
    /// Old: `"id": {"type": "string"}`; new: `"id": {"type": "integer"}`.
    ///
    /// ## Fix
    /// Keep the declared type while the service returns it; return the new shape under a new
    /// property name.
    pub OutputTypeChanged {
        code: "BC014",
        name: "output-type-changed",
        class: Breaking,
        severity: Warning,
        ms_name: Some("OutputFieldTypeChanged"),
    }
}

impl Detect for OutputTypeChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for (old, new) in pair.outputs.iter().filter_map(super::FieldPair::both) {
                let (Some(a), Some(b)) = (old.type_name, new.type_name) else { continue };
                if a != b {
                    out.report(
                        new.path.clone(),
                        format!("The type has been changed for the output field, from '{a}' to '{b}'. Existing flows may be broken if they are using this field."),
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
        assert!(detect(&OutputTypeChanged, &base()).is_empty());
    }

    #[test]
    fn retyped_property_is_reported() {
        let c = detect(
            &OutputTypeChanged,
            &base().set("/definitions/User/properties/name/type", "object".into()),
        );
        assert_eq!(paths(&c).len(), 4);
        assert_eq!(c[1].path, "operation/GetTask/responses/200/schema/owner/name");
        assert_eq!(c[1].new.as_ref().unwrap().pointer, "/definitions/User/properties/name");
    }
}
