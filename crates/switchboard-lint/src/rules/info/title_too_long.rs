use crate::text::char_len;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The limit on `info.title`.
const MAX: usize = 30;

declare_rule! {
    /// ## What it does
    /// Checks that `info.title`, the connector's name, is at most 30 characters.
    ///
    /// ## Why it matters
    /// The title is the connector's display name everywhere in Power Automate, Power Apps and
    /// Logic Apps; certification rejects titles over 30 characters (policy 5000.2.2.1).
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "Contoso Enterprise Task Management" } }
    /// ```
    ///
    /// ## Fix
    /// Shorten the title to the product or company name; put the rest in `info.description`.
    pub TitleTooLong {
        code: "SW011",
        name: "title-too-long",
        group: Info,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("FieldLengthExceeded"),
    }
}

impl Check for TitleTooLong {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(title) = sw.doc.info().and_then(|i| i.get("title")) else { return };
        let Some(text) = title.as_str() else { return };
        let len = char_len(text);
        if len > MAX {
            cx.report_value(
                title,
                format!(
                    "The 'title' value goes over the character limit '{MAX}' ({len} characters)"
                ),
            )
            .set_help("shorten the title to the product name; details belong in info.description");
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
    fn thirty_characters_pass() {
        assert!(
            check_swagger(&TitleTooLong, json!({"info": {"title": "a".repeat(30)}})).is_empty()
        );
        // Characters, not bytes.
        assert!(
            check_swagger(&TitleTooLong, json!({"info": {"title": "é".repeat(30)}})).is_empty()
        );
    }

    #[test]
    fn thirty_one_fail_at_the_title() {
        let d = check_swagger(&TitleTooLong, json!({"info": {"title": "a".repeat(31)}}));
        assert_eq!(pointers(&d), ["/info/title"]);
        assert_eq!(d[0].severity, Severity::Error);
        let c = Fixture::new().swagger(json!({"info": {"title": "a".repeat(31)}})).build();
        assert_eq!(check_with(&TitleTooLong, &c, Profile::Default)[0].severity, Severity::Info);
    }
}
