use super::syntax::{Which, check_lines, has_tab, tab_indent, tabs_to_spaces};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports hard tabs in the indentation of `apiProperties.json` (once per file, with a
    /// count and a fix for every line).
    ///
    /// ## Why it matters
    /// Microsoft's coding standards ask for 4-space soft tabs; mixed indentation makes diffs and
    /// reviews noisy.
    ///
    /// ## Example
    /// A line indented with `\t\t"summary": "Get a task"`.
    ///
    /// ## Fix
    /// Indent with spaces (the fix replaces each tab with four spaces).
    pub PropertiesTabIndentation {
        code: "JP006",
        name: "properties-tab-indentation",
        group: Json,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for PropertiesTabIndentation {
    fn check(&self, cx: &mut Context<'_>) {
        check_lines(
            cx,
            Which::Properties,
            "tabs in their indentation",
            has_tab,
            tab_indent,
            tabs_to_spaces,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn spaces_pass() {
        assert!(check(&PropertiesTabIndentation, &Fixture::new().build()).is_empty());
    }

    #[test]
    fn tabs_fail_once() {
        let c = Fixture::new()
            .set("apiProperties.json", b"{\n\t\"a\": 1,\n\t\"b\": 2\n}".to_vec())
            .build();
        let d = check(&PropertiesTabIndentation, &c);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.starts_with("2 lines"));
        assert_eq!(d[0].fix.as_ref().unwrap().edits.len(), 2);
    }
}
