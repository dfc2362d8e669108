use super::common::title;
use crate::text::first_non_ascii;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `info.title` contains only ASCII characters (no `™`, `®`, accented letters
    /// or other scripts).
    ///
    /// ## Why it matters
    /// Certification requires the title to be "written in English" ("ValueMustBeInEnglish");
    /// non-ASCII characters are the measurable part of that rule, and symbols such as `™` are
    /// also awkward to type when searching for the connector.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "OpenText™ Core Share" } }
    /// ```
    ///
    /// ## Fix
    /// Drop symbols and transliterate letters: `"title": "OpenText Core Share"`.
    pub TitleNotEnglish {
        code: "SW015",
        name: "title-not-english",
        group: Info,
        levels: Levels::cert(Severity::Warning),
        ms_rule: Some("ValueMustBeInEnglish"),
    }
}

impl Check for TitleNotEnglish {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some((node, text)) = title(sw) else { return };
        if let Some(c) = first_non_ascii(text) {
            cx.report_value(node, format!("The value 'title' must be written in English: it contains the non-ASCII character '{c}' (U+{:04X})", u32::from(c)))
                .set_help("remove symbols such as ™ and ® and transliterate accented letters");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn ascii_passes() {
        assert!(
            check_swagger(&TitleNotEnglish, json!({"info": {"title": "OpenText Core Share"}}))
                .is_empty()
        );
    }

    #[test]
    fn trademark_sign_fails_at_the_title() {
        let d = check_swagger(&TitleNotEnglish, json!({"info": {"title": "OpenText™ Core Share"}}));
        assert_eq!(pointers(&d), ["/info/title"]);
        assert!(d[0].message.contains("U+2122"));
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
