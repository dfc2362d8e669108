use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// A connection parameter that the new version adds to apiProperties.json.
    ///
    /// ## Why it matters
    /// New connections ask for it. Existing connections do not have a value: if the
    /// parameter is required and used by a policy or the swagger, those connections must be
    /// edited, so check that the connector works without it.
    ///
    /// ## Example
    /// New: `"connectionParameters": {"api_key": {…}, "region": {…}}`.
    ///
    /// ## Fix
    /// Nothing to fix if the parameter is optional or has a sensible default.
    pub ConnectionParameterAdded {
        code: "BC035",
        name: "connection-parameter-added",
        class: Additive,
        severity: Info,
    }
}

impl Detect for ConnectionParameterAdded {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        if !d.has_properties() {
            return;
        }
        let before = d.old.connection_parameters();
        for (path, p) in d.new.connection_parameters() {
            if !before.iter().any(|(n, _)| *n == path) {
                let required = if p.is_required() { "A required" } else { "A" };
                out.report(
                    path,
                    format!("{required} connection parameter '{}' has been added.", p.name),
                    None,
                    Some(d.new.at_properties(p.node)),
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
        assert!(detect(&ConnectionParameterAdded, &base()).is_empty());
    }

    #[test]
    fn new_parameter_is_reported() {
        let new = base()
            .set_properties("/properties/connectionParameters/region", json!({"type": "string"}));
        assert_eq!(
            paths(&detect(&ConnectionParameterAdded, &new)),
            ["connectionParameters/region"]
        );
    }
}
