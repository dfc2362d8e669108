use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `info.description` is present and is a non-empty string.
    ///
    /// ## Why it matters
    /// The description is the connector's summary in the gallery and on its documentation
    /// page; certification requires it (and SW021 then checks its length).
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "Contoso", "version": "1.0" } }
    /// ```
    ///
    /// ## Fix
    /// Add one or two sentences saying what the service does and what the connector lets
    /// users do, 30–500 characters:
    /// `"description": "Contoso tracks shipments. Create shipments and get their status."`
    pub DescriptionMissing {
        code: "SW020",
        name: "description-missing",
        group: Info,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("RequiredPropertyMissing"),
    }
}

impl Check for DescriptionMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(info) = sw.doc.info() else { return }; // SW010 reports a missing `info`.
        match info.get("description") {
            None => {
                cx.report_value(info, "The 'description' property is required.").set_help(
                    "describe the service and what the connector does in 30 to 500 characters",
                );
            }
            Some(d) => match d.as_str() {
                None => {
                    cx.report_value(
                        d,
                        format!(
                            "The 'description' value must be a string, found {}",
                            d.json_type().article_name()
                        ),
                    );
                }
                Some(s) if s.trim().is_empty() => {
                    cx.report_value(d, "The 'description' value must not be empty").set_help(
                        "describe the service and what the connector does in 30 to 500 characters",
                    );
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
    fn description_passes() {
        assert!(check_swagger(&DescriptionMissing, json!({})).is_empty());
        // Missing `info` is SW010's.
        assert!(check_swagger(&DescriptionMissing, json!({"info": null})).is_empty());
    }

    #[test]
    fn missing_fails_at_info() {
        let d = check_swagger(&DescriptionMissing, json!({"info": {"description": null}}));
        assert_eq!(pointers(&d), ["/info"]);
        assert_eq!(d[0].message, "The 'description' property is required.");
    }

    #[test]
    fn empty_fails_at_the_value() {
        let d = check_swagger(&DescriptionMissing, json!({"info": {"description": " "}}));
        assert_eq!(pointers(&d), ["/info/description"]);
    }
}
