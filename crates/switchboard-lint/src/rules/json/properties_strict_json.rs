use super::syntax::{Which, is_strictness_issue, report_issues};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `apiProperties.json` is strict RFC 8259 JSON: no comments, no trailing
    /// commas, no raw control characters in strings, no `NaN`, nothing after the value, and no
    /// syntax errors. Each violation is reported where it is, with its line and column.
    ///
    /// ## Why it matters
    /// The platform's importer and the certification pipeline use strict parsers: a file that your
    /// editor accepts (JSON with comments, a trailing comma) is rejected there. Where the intent
    /// is clear the rest of the file is still checked; after a real syntax error it is not.
    ///
    /// ## Example
    /// ```json
    /// { "swagger": "2.0", "schemes": ["https",], }
    /// ```
    ///
    /// ## Fix
    /// Remove the comma, comment or stray character at the reported position; write control
    /// characters as escapes (`\n`, `\t`).
    pub PropertiesStrictJson {
        code: "JP001",
        name: "properties-strict-json",
        group: Json,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for PropertiesStrictJson {
    fn check(&self, cx: &mut Context<'_>) {
        report_issues(cx, Which::Properties, is_strictness_issue);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn valid_json_passes() {
        assert!(check(&PropertiesStrictJson, &Fixture::new().build()).is_empty());
    }

    #[test]
    fn trailing_comma_and_control_character_fail() {
        let c = Fixture::new()
            .set(
                "apiProperties.json",
                b"{\"swagger\": \"2.0\",\n \"info\": {\"title\": \"a\tb\"},\n}".to_vec(),
            )
            .build();
        let d = check(&PropertiesStrictJson, &c);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!((d[0].location.line, d[0].location.column), (2, 22));
        assert!(d[0].message.contains("control character"));
        assert_eq!((d[1].location.line, d[1].location.column), (2, 26));
        assert!(d[1].message.contains("trailing comma"));
    }
}
