use super::common::title;
use crate::text::has_word;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Words the title must not contain, matched as whole words, case-insensitively.
const RESTRICTED: [&str; 2] = ["api", "connector"];

declare_rule! {
    /// ## What it does
    /// Checks that `info.title` does not contain the word "API" or "Connector" (whole words,
    /// any case: "Rapid" is fine, "Contoso API" is not).
    ///
    /// ## Why it matters
    /// Certification rejects such titles with "The value 'title' contains at least one of the
    /// restricted words: 'api, connector'." (policy 5000.2.2.2): every connector is a
    /// connector to an API, so the words only take space in the 30 characters.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "Contoso API Connector" } }
    /// ```
    ///
    /// ## Fix
    /// Name the product or company only: `"title": "Contoso"`.
    pub TitleRestrictedWords {
        code: "SW012",
        name: "title-restricted-words",
        group: Info,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("ValueContainsRestrictedWords"),
    }
}

impl Check for TitleRestrictedWords {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some((node, text)) = title(sw) else { return };
        let found: Vec<&str> = RESTRICTED.iter().copied().filter(|w| has_word(text, w)).collect();
        if found.is_empty() {
            return;
        }
        cx.report_value(
            node,
            "The value 'title' contains at least one of the restricted words: 'api, connector'.",
        )
        .set_help(format!(
            "remove {} from the title; name the product or company only",
            quoted(&found)
        ));
    }
}

fn quoted(words: &[&str]) -> String {
    words.iter().map(|w| format!("'{w}'")).collect::<Vec<_>>().join(" and ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn words_inside_other_words_pass() {
        assert!(
            check_swagger(
                &TitleRestrictedWords,
                json!({"info": {"title": "Rapid Connectors Hub"}})
            )
            .is_empty()
        );
        assert!(check_swagger(&TitleRestrictedWords, json!({})).is_empty());
    }

    #[test]
    fn api_or_connector_fail_at_the_title() {
        let d = check_swagger(
            &TitleRestrictedWords,
            json!({"info": {"title": "Dokobit Universal API"}}),
        );
        assert_eq!(pointers(&d), ["/info/title"]);
        assert_eq!(d.len(), 1);
        let d = check_swagger(
            &TitleRestrictedWords,
            json!({"info": {"title": "Contoso api-Connector"}}),
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].help.as_deref().is_some_and(|h| h.contains("'api' and 'connector'")));
    }
}
