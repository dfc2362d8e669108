use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `info` exists and that `info.title` is a non-empty string.
    ///
    /// ## Why it matters
    /// The title is the connector's name in every designer and in the connector gallery; both
    /// `info` and `title` are required by Swagger 2.0, and the platform refuses a definition
    /// without them ("The 'title' property is required.").
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "", "version": "1.0" } }
    /// ```
    ///
    /// ## Fix
    /// Set `info.title` to the product or company name, at most 30 characters, for example
    /// `"title": "Contoso Tasks"`.
    pub TitleMissing {
        code: "SW010",
        name: "title-missing",
        group: Info,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("RequiredPropertyMissing"),
    }
}

impl Check for TitleMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let root = sw.root();
        if root.as_object().is_none() {
            return; // JS005 reports it.
        }
        let Some(info) = root.get("info") else {
            cx.report_value(root, "The 'info' property is required.").set_help(
                "add an `info` object with `title`, `description`, `version` and `contact`",
            );
            return;
        };
        if info.as_object().is_none() {
            cx.report_value(
                info,
                format!(
                    "The 'info' property must be an object, found {}",
                    info.json_type().article_name()
                ),
            );
            return;
        }
        match info.get("title") {
            None => {
                cx.report_value(info, "The 'title' property is required.")
                    .set_help("add the connector's name as `info.title`");
            }
            Some(t) => match t.as_str() {
                None => {
                    cx.report_value(
                        t,
                        format!(
                            "The 'title' value must be a string, found {}",
                            t.json_type().article_name()
                        ),
                    );
                }
                Some(s) if s.trim().is_empty() => {
                    cx.report_value(t, "The 'title' value must not be empty")
                        .set_help("set the title to the product or company name");
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
    fn title_passes() {
        assert!(check_swagger(&TitleMissing, json!({})).is_empty());
    }

    #[test]
    fn missing_title_fails_at_info() {
        let d = check_swagger(&TitleMissing, json!({"info": {"title": null}}));
        assert_eq!(pointers(&d), ["/info"]);
        assert_eq!(d[0].message, "The 'title' property is required.");
    }

    #[test]
    fn missing_info_fails_at_the_root() {
        let d = check_swagger(&TitleMissing, json!({"info": null}));
        assert_eq!(pointers(&d), [""]);
        assert_eq!(d[0].message, "The 'info' property is required.");
    }

    #[test]
    fn blank_or_mistyped_title_fails_at_the_title() {
        let d = check_swagger(&TitleMissing, json!({"info": {"title": "  "}}));
        assert_eq!(pointers(&d), ["/info/title"]);
        let d = check_swagger(&TitleMissing, json!({"info": {"title": 7}}));
        assert_eq!(pointers(&d), ["/info/title"]);
        assert!(d[0].message.contains("found a number"));
    }
}
