use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// A parameter whose name stayed while its location (`in`) changed, such as a query
    /// parameter that moved into a header.
    ///
    /// ## Why it matters
    /// "The location has been changed for the parameter. Existing flows will continue to send
    /// the parameter in the old location." The service no longer finds the value where it
    /// now looks for it.
    ///
    /// ## Example
    /// Old: `{"name": "top", "in": "query"}`; new: `{"name": "top", "in": "header"}`.
    ///
    /// ## Fix
    /// Keep the parameter where it was; have the service accept both locations, or add a new
    /// operation revision (operational versioning) with the new location.
    pub InputLocationChanged {
        code: "BC005",
        name: "input-location-changed",
        class: Breaking,
        severity: Warning,
    }
}

impl Detect for InputLocationChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for (old, new) in pair.inputs.iter().filter_map(super::FieldPair::both) {
                let (Some(a), Some(b)) = (old.location, new.location) else { continue };
                if a != b {
                    out.report(
                        new.path.clone(),
                        format!("The location has been changed for the parameter, from '{a}' to '{b}'. Existing flows will continue to send the parameter in the old location."),
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
        assert!(detect(&InputLocationChanged, &base()).is_empty());
    }

    #[test]
    fn query_to_header_is_reported() {
        let c = detect(
            &InputLocationChanged,
            &base().set("/paths/~1tasks/get/parameters/1/in", "header".into()),
        );
        assert_eq!(paths(&c), ["operation/ListTasks/parameter/top"]);
        assert_eq!(c[0].new.as_ref().unwrap().pointer, "/paths/~1tasks/get/parameters/1");
    }
}
