use super::syntax::{Which, check_lines, trailing_whitespace};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports trailing spaces and tabs in `apiDefinition.swagger.json` (once per file, with a
    /// count and a fix for every line).
    ///
    /// ## Why it matters
    /// Microsoft's coding standards forbid trailing whitespace; it causes noisy diffs.
    ///
    /// ## Example
    /// `"summary": "Get a task",   ` with spaces after the comma.
    ///
    /// ## Fix
    /// Remove it (the fix does, for every line).
    pub SwaggerTrailingWhitespace {
        code: "JS007",
        name: "swagger-trailing-whitespace",
        group: Json,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for SwaggerTrailingWhitespace {
    fn check(&self, cx: &mut Context<'_>) {
        check_lines(
            cx,
            Which::Swagger,
            "trailing whitespace",
            |_| true,
            trailing_whitespace,
            |_| String::new(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn clean_lines_pass() {
        assert!(check(&SwaggerTrailingWhitespace, &Fixture::new().build()).is_empty());
    }

    #[test]
    fn trailing_spaces_fail() {
        let c =
            Fixture::new().set("apiDefinition.swagger.json", b"{\"a\": 1}  \r\n".to_vec()).build();
        let d = check(&SwaggerTrailingWhitespace, &c);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.column, 9);
    }
}
