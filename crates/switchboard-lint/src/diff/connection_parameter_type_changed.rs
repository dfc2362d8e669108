use switchboard_model::api_properties::ConnectionParameter;
use switchboard_model::json::Value;

use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// A connection parameter whose `type` changed (`string`, `securestring`, `bool`,
    /// `oauthSetting`, …).
    ///
    /// ## Why it matters
    /// Existing connections hold a value of the old kind: a secure string that became plain,
    /// a string that became an OAuth setting. They must be recreated.
    ///
    /// ## Example
    /// Old: `"api_key": {"type": "string"}`; new: `"api_key": {"type": "securestring"}`.
    ///
    /// ## Fix
    /// Keep the type; introduce a new parameter (or a new connection parameter set) instead.
    pub ConnectionParameterTypeChanged {
        code: "BC021",
        name: "connection-parameter-type-changed",
        class: Breaking,
        severity: Warning,
    }
}

impl Detect for ConnectionParameterTypeChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        if !d.has_properties() {
            return;
        }
        let now = d.new.connection_parameters();
        for (path, old) in d.old.connection_parameters() {
            let Some((_, new)) = now.iter().find(|(n, _)| *n == path) else { continue };
            let (Some(a), Some(b)) = (old.param_type(), new.param_type()) else { continue };
            if a != b {
                out.report(
                    path,
                    format!("The type of the connection parameter '{}' has been changed from '{a}' to '{b}'.", old.name),
                    Some(d.old.at_properties(type_node(&old))),
                    Some(d.new.at_properties(type_node(new))),
                );
            }
        }
    }
}

fn type_node<'a>(p: &ConnectionParameter<'a>) -> &'a Value {
    p.node.get("type").unwrap_or(p.node)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{base, detect, paths};

    #[test]
    fn unchanged_passes() {
        assert!(detect(&ConnectionParameterTypeChanged, &base()).is_empty());
    }

    #[test]
    fn retyped_parameter_is_reported() {
        let new =
            base().set_properties("/properties/connectionParameters/api_key/type", "string".into());
        let c = detect(&ConnectionParameterTypeChanged, &new);
        assert_eq!(paths(&c), ["connectionParameters/api_key"]);
        assert_eq!(
            c[0].new.as_ref().unwrap().pointer,
            "/properties/connectionParameters/api_key/type"
        );
    }
}
