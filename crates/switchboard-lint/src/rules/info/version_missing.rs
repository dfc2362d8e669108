use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `info.version` is present and is a non-empty string.
    ///
    /// ## Why it matters
    /// Swagger 2.0 requires `info.version` (a string), and the platform refuses a definition
    /// without it ("The 'version' property is required."). A number such as `1.0` is not a
    /// string and fails the same check.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "Contoso", "version": 1.0 } }
    /// ```
    ///
    /// ## Fix
    /// Add the version of the API as a string: `"version": "1.0"`.
    pub VersionMissing {
        code: "SW025",
        name: "version-missing",
        group: Info,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("RequiredPropertyMissing"),
    }
}

impl Check for VersionMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(info) = sw.doc.info() else { return }; // SW010 reports a missing `info`.
        match info.get("version") {
            None => {
                cx.report_value(info, "The 'version' property is required.")
                    .set_help("add the API version as a string, for example \"version\": \"1.0\"");
            }
            Some(v) => match v.as_str() {
                None => {
                    let d = cx.report_value(
                        v,
                        format!(
                            "The 'version' value must be a string, found {}",
                            v.json_type().article_name()
                        ),
                    );
                    if let Some(n) = v.as_number_text() {
                        d.set_help(format!("quote it: \"{n}\""));
                    }
                }
                Some(s) if s.trim().is_empty() => {
                    cx.report_value(v, "The 'version' value must not be empty");
                }
                Some(_) => {}
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn version_passes() {
        assert!(check_swagger(&VersionMissing, json!({})).is_empty());
    }

    #[test]
    fn missing_fails_at_info() {
        let d = check_swagger(&VersionMissing, json!({"info": {"version": null}}));
        assert_eq!(pointers(&d), ["/info"]);
    }

    #[test]
    fn number_fails_at_the_value() {
        let d = check_swagger(&VersionMissing, json!({"info": {"version": 1.5}}));
        assert_eq!(pointers(&d), ["/info/version"]);
        assert_eq!(d[0].help.as_deref(), Some("quote it: \"1.5\""));
    }
}
