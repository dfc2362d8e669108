use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// A property (or a whole schema) that a 2xx response or notification payload declares
    /// in the new version and not in the old one.
    ///
    /// ## Why it matters
    /// New dynamic content for new flows; existing flows are unaffected.
    ///
    /// ## Example
    /// New: the `Task` definition gains `"createdBy": {"type": "string"}`.
    ///
    /// ## Fix
    /// Nothing to fix. Give the property an `x-ms-summary` and a `description`.
    pub OutputAdded {
        code: "BC032",
        name: "output-added",
        class: Additive,
        severity: Info,
    }
}

impl Detect for OutputAdded {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for p in pair.outputs.iter().filter(|p| p.top && p.old.is_none()) {
                let Some(new) = &p.new else { continue };
                out.report(
                    new.path.clone(),
                    "An output field has been added.",
                    None,
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
    fn unchanged_passes() {
        assert!(detect(&OutputAdded, &base()).is_empty());
    }

    #[test]
    fn new_property_is_reported() {
        let new = base().set("/definitions/User/properties/email", json!({"type": "string"}));
        let c = detect(&OutputAdded, &new);
        assert_eq!(c.len(), 4);
        assert_eq!(c[1].path, "operation/GetTask/responses/200/schema/owner/email");
        assert!(paths(&c).iter().all(|p| p.ends_with("owner/email")));
    }
}
