use super::common::title;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `info.title` does not end with `)`: the strict reading of Microsoft's
    /// "ValueMustEndWithAlphanumeric". Titles ending with other non-alphanumeric characters are
    /// reported by SW014.
    ///
    /// ## Why it matters
    /// The documented rule says a title must end with an alphanumeric character. Reviewers
    /// have merged about fifteen titles such as "Asite (Canada)" or "XC-Gate (Preview)", so
    /// this is only a warning, but a new submission may be asked to change it.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "Contoso (Preview)" } }
    /// ```
    ///
    /// ## Fix
    /// Drop the parenthesis or reword: `"title": "Contoso Canada"`. Mark previews with
    /// `x-ms-api-annotation` instead of the title.
    pub TitleEndsWithParenthesis {
        code: "SW018",
        name: "title-ends-with-parenthesis",
        group: Info,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("ValueMustEndWithAlphanumeric"),
    }
}

impl Check for TitleEndsWithParenthesis {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some((node, text)) = title(sw) else { return };
        if text.ends_with(')') {
            cx.report_value(
                node,
                "The 'title' value ends with ')', not with an alphanumeric character",
            )
            .set_help("reword the title so that it ends with a letter or digit");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn alphanumeric_end_passes() {
        assert!(
            check_swagger(&TitleEndsWithParenthesis, json!({"info": {"title": "Asite Canada"}}))
                .is_empty()
        );
        // Other endings are SW014's.
        assert!(
            check_swagger(&TitleEndsWithParenthesis, json!({"info": {"title": "Asite ["}}))
                .is_empty()
        );
    }

    #[test]
    fn parenthesis_fails_at_the_title() {
        let d =
            check_swagger(&TitleEndsWithParenthesis, json!({"info": {"title": "Asite (Canada)"}}));
        assert_eq!(pointers(&d), ["/info/title"]);
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
