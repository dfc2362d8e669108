use super::common::{replace_string, title};
use crate::text::ends_alphanumeric;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the last character of `info.title` is a letter, a digit or `)`.
    ///
    /// ## Why it matters
    /// Certification rejects titles that "end in a non-alphanumeric character, including
    /// carriage return, new line, or blank space" (policy 5000.2.2.3, "Title cannot end in
    /// nonalphanumeric character"). A closing parenthesis is accepted here because many
    /// certified titles end with one ("Asite (Canada)"); SW018 reports those as a warning.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "Airtable [DEPRECATED]" } }
    /// ```
    ///
    /// ## Fix
    /// Remove the trailing punctuation or whitespace: `"title": "Airtable"`. A trailing space
    /// or period is removed by the automatic fix.
    pub TitleTrailingCharacter {
        code: "SW014",
        name: "title-trailing-character",
        group: Info,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("ValueMustEndWithAlphanumeric"),
    }
}

impl Check for TitleTrailingCharacter {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some((node, text)) = title(sw) else { return };
        if ends_alphanumeric(text) || text.ends_with(')') {
            return;
        }
        let Some(last) = text.chars().last() else { return }; // SW010 reports an empty title.
        let shown = last.escape_debug();
        let d = cx.report_value(
            node,
            format!("Title cannot end in nonalphanumeric character: it ends with '{shown}'"),
        );
        d.set_help("end the title with a letter or digit");
        let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || c == '.');
        if trimmed.len() < text.len()
            && trimmed.chars().last().is_some_and(|c| c.is_alphanumeric() || c == ')')
        {
            d.set_fix(replace_string(node.span, trimmed, "Remove the trailing characters"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check_swagger, check_with, pointers};
    use serde_json::json;

    #[test]
    fn alphanumeric_or_parenthesis_pass() {
        assert!(check_swagger(&TitleTrailingCharacter, json!({})).is_empty());
        assert!(
            check_swagger(&TitleTrailingCharacter, json!({"info": {"title": "Asite (Canada)"}}))
                .is_empty()
        );
    }

    #[test]
    fn bracket_fails_without_fix() {
        let d = check_swagger(
            &TitleTrailingCharacter,
            json!({"info": {"title": "Airtable [DEPRECATED]"}}),
        );
        assert_eq!(pointers(&d), ["/info/title"]);
        assert!(d[0].message.contains("ends with ']'"));
        assert!(d[0].fix.is_none());
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn trailing_space_fails_with_a_fix_and_is_info_when_authoring() {
        let d = check_swagger(&TitleTrailingCharacter, json!({"info": {"title": "Contoso. "}}));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].fix.as_ref().map(|f| f.edits[0].replacement.as_str()), Some("\"Contoso\""));
        let c = Fixture::new().swagger(json!({"info": {"title": "Contoso "}})).build();
        assert_eq!(
            check_with(&TitleTrailingCharacter, &c, Profile::Default)[0].severity,
            Severity::Info
        );
    }
}
