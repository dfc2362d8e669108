use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// A change in the set of authentication types of `securityDefinitions`: a type (or an
    /// OAuth flow) added, removed or replaced, authentication added to a connector that had
    /// none, or removed. Renaming a security definition is not a change of type.
    ///
    /// ## Why it matters
    /// "Changing the authentication type of your connector in an update isn't allowed."
    /// Every existing connection holds credentials of the old kind and stops working.
    /// Certification rejects the update (Microsoft: AuthenticationMethodRemoved).
    ///
    /// ## Example
    /// Old: `{"type": "apiKey", "in": "header", "name": "X-API-Key"}`; new:
    /// `{"type": "oauth2", "flow": "accessCode", …}`.
    ///
    /// ## Fix
    /// Keep the authentication type. To offer another one, publish a new connector, or add it
    /// as a second connection parameter set (multi-auth) alongside the existing one.
    pub AuthTypeChanged {
        code: "BC018",
        name: "auth-type-changed",
        class: Breaking,
        severity: Error,
        ms_name: Some("AuthenticationMethodRemoved"),
    }
}

impl Detect for AuthTypeChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        let kinds = |side: &super::Side<'_>| {
            let mut k: Vec<String> =
                side.doc.security_definitions().map(|s| s.kind_label()).collect();
            k.sort();
            k.dedup();
            k
        };
        let (a, b) = (kinds(&d.old), kinds(&d.new));
        if a == b {
            return;
        }
        let show = |k: &[String]| if k.is_empty() { "none".to_string() } else { k.join(", ") };
        let at =
            |side: &super::Side<'_>| side.doc.root.get("securityDefinitions").map(|n| side.at(n));
        out.report(
            "securityDefinitions",
            format!(
                "The authentication type has been changed from {} to {}. Changing the authentication type of your connector in an update isn't allowed.",
                show(&a),
                show(&b)
            ),
            at(&d.old),
            at(&d.new),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;
    use crate::diff::test_support::{base, detect, paths};
    use serde_json::json;

    #[test]
    fn unchanged_and_renamed_pass() {
        assert!(detect(&AuthTypeChanged, &base()).is_empty());
        let renamed = base().set(
            "/securityDefinitions",
            json!({"key": {"type": "apiKey", "in": "header", "name": "X-Key"}}),
        );
        assert!(detect(&AuthTypeChanged, &renamed).is_empty());
    }

    #[test]
    fn new_type_is_an_error() {
        let new = base().set(
            "/securityDefinitions",
            json!({"oauth": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {}}}),
        );
        let c = detect(&AuthTypeChanged, &new);
        assert_eq!(paths(&c), ["securityDefinitions"]);
        assert_eq!(c[0].severity, Severity::Error);
        assert!(c[0].message.contains("from apiKey to oauth2/accessCode"));
        let none = base().remove("/securityDefinitions");
        assert!(detect(&AuthTypeChanged, &none)[0].message.contains("to none"));
    }
}
