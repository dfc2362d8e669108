use crate::{Check, Context, Levels, Severity, declare_rule};

/// Punctuation allowed in publisher and stack-owner names besides ASCII letters, digits and
/// spaces.
const ALLOWED: &str = ".,&'-()";

declare_rule! {
    /// ## What it does
    /// Checks that `publisher` and `stackOwner` contain only ASCII letters, digits, spaces and
    /// `. , & ' - ( )`.
    ///
    /// ## Why it matters
    /// The submission guide asks for alphanumeric publisher and stack-owner names. Slashes,
    /// `+` and non-ASCII letters are routinely merged (many independent publishers' names have
    /// accents), so this is a warning: expect a reviewer to ask about it, not a rejection.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "publisher": "Lasso X A/S", "stackOwner": "Contoso + Partners" } }
    /// ```
    ///
    /// ## Fix
    /// Write the legal name without the special characters (`Lasso X AS`), or keep it and
    /// explain in the pull request.
    pub PublisherCharacters {
        code: "AP009",
        name: "publisher-characters",
        group: Properties,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for PublisherCharacters {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        let Some(properties) = props.properties() else { return };
        for key in ["publisher", "stackOwner"] {
            let Some(value) = properties.get(key) else { continue };
            let Some(text) = value.as_str() else { continue };
            let bad: String = text
                .chars()
                .filter(|c| !(c.is_ascii_alphanumeric() || *c == ' ' || ALLOWED.contains(*c)))
                .fold(String::new(), |mut acc, c| {
                    if !acc.contains(c) {
                        acc.push(c);
                    }
                    acc
                });
            if !bad.is_empty() {
                let shown: Vec<String> = bad.chars().map(|c| format!("'{c}'")).collect();
                cx.report_properties(
                    value.span,
                    format!(
                        "'{key}' should be alphanumeric; '{text}' contains {}",
                        shown.join(", ")
                    ),
                )
                .set_help("use letters, digits, spaces and . , & ' - ( ) only");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_properties, pointers};
    use serde_json::json;

    #[test]
    fn plain_names_pass() {
        let patch = json!({"properties": {"publisher": "Larc AI (PTY) Ltd", "stackOwner": "O'Neil & Sons, Inc."}});
        assert!(check_properties(&PublisherCharacters, patch).is_empty());
    }

    #[test]
    fn slash_and_accents_fail_at_each_value() {
        let patch =
            json!({"properties": {"publisher": "Lasso X A/S", "stackOwner": "Ståle Haugnæss"}});
        let d = check_properties(&PublisherCharacters, patch);
        assert_eq!(pointers(&d), ["/properties/publisher", "/properties/stackOwner"]);
        assert!(d[0].message.contains("'/'"));
        assert!(d[1].message.contains("'å', 'æ'"), "{}", d[1].message);
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
