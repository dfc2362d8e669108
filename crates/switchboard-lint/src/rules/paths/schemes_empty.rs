use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the root has a non-empty `schemes` array.
    ///
    /// ## Why it matters
    /// The platform builds the backend URL from `scheme://host/basePath`; Microsoft's
    /// validator rejects an empty list ("SchemesArrayEmpty"), and without the key the scheme
    /// is left to chance.
    ///
    /// ## Example
    /// ```json
    /// { "host": "api.contoso.com", "schemes": [] }
    /// ```
    ///
    /// ## Fix
    /// `"schemes": ["https"]`.
    pub SchemesEmpty {
        code: "SW044",
        name: "schemes-empty",
        group: Paths,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("SchemesArrayEmpty"),
    }
}

impl Check for SchemesEmpty {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let root = sw.root();
        if root.as_object().is_none() {
            return; // JS005 reports it.
        }
        match root.get("schemes") {
            None => {
                cx.report_value(root, "The 'schemes' property is required.")
                    .set_help("add \"schemes\": [\"https\"]");
            }
            Some(s) => match s.as_array() {
                None => {
                    cx.report_value(
                        s,
                        format!(
                            "The 'schemes' value must be an array, found {}",
                            s.json_type().article_name()
                        ),
                    )
                    .set_help("write \"schemes\": [\"https\"]");
                }
                Some([]) => {
                    cx.report_value(s, "The 'schemes' array must not be empty")
                        .set_help("write \"schemes\": [\"https\"]");
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
    fn https_passes() {
        assert!(check_swagger(&SchemesEmpty, json!({})).is_empty());
    }

    #[test]
    fn empty_fails_at_the_array() {
        let d = check_swagger(&SchemesEmpty, json!({"schemes": []}));
        assert_eq!(pointers(&d), ["/schemes"]);
    }

    #[test]
    fn missing_fails_at_the_root() {
        let d = check_swagger(&SchemesEmpty, json!({"schemes": null}));
        assert_eq!(pointers(&d), [""]);
    }
}
