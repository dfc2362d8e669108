use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// A connection parameter of apiProperties.json (`connectionParameters`, or a parameter
    /// of a `connectionParameterSets` set) that the new version no longer has.
    ///
    /// ## Why it matters
    /// Existing connections were created with that value; policies and the swagger that
    /// referred to it lose it, and users must recreate their connections (Microsoft:
    /// ConnectionParametersRemoved).
    ///
    /// ## Example
    /// Old: `"connectionParameters": {"api_key": {…}, "region": {…}}`; new: `region` is gone.
    ///
    /// ## Fix
    /// Keep the parameter (ignore its value if it is no longer needed).
    pub ConnectionParameterRemoved {
        code: "BC020",
        name: "connection-parameter-removed",
        class: Breaking,
        severity: Warning,
        ms_name: Some("ConnectionParametersRemoved"),
    }
}

impl Detect for ConnectionParameterRemoved {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        if !d.has_properties() {
            return;
        }
        let now = d.new.connection_parameters();
        for (path, p) in d.old.connection_parameters() {
            if !now.iter().any(|(n, _)| *n == path) {
                out.report(
                    path,
                    format!("The connection parameter '{}' has been removed. Existing connections must be recreated.", p.name),
                    Some(d.old.at_properties(p.node)),
                    None,
                );
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
        assert!(detect(&ConnectionParameterRemoved, &base()).is_empty());
    }

    #[test]
    fn removed_parameter_is_reported_in_api_properties() {
        let c = detect(
            &ConnectionParameterRemoved,
            &base().remove_properties("/properties/connectionParameters/api_key"),
        );
        assert_eq!(paths(&c), ["connectionParameters/api_key"]);
        let old = c[0].old.as_ref().unwrap();
        assert!(old.file.ends_with("apiProperties.json"));
        assert_eq!(old.pointer, "/properties/connectionParameters/api_key");
    }
}
