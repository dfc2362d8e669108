use super::common::description;
use crate::text::has_word;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `info.description` does not contain the word "API" (whole word, any
    /// case).
    ///
    /// ## Why it matters
    /// Microsoft's string guidance asks titles and descriptions to describe the service, not
    /// its API. The validator only enforces it for the title (SW012), and many merged
    /// descriptions mention the API, so this is a warning.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "description": "The Contoso API lets you manage shipments." } }
    /// ```
    ///
    /// ## Fix
    /// Describe what users can do: "Contoso lets you create shipments and track their
    /// delivery."
    pub DescriptionMentionsApi {
        code: "SW023",
        name: "description-mentions-api",
        group: Info,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for DescriptionMentionsApi {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some((node, text)) = description(sw) else { return };
        if has_word(text, "api") {
            cx.report_value(node, "The 'description' contains the word 'API': describe the service and what users can do with it")
                .set_help("string guidance: titles and descriptions describe the service, not its API");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn no_api_passes() {
        assert!(check_swagger(&DescriptionMentionsApi, json!({"info": {"description": "Rapid shipping, tracked from creation to delivery."}})).is_empty());
    }

    #[test]
    fn api_fails_at_the_description() {
        let d = check_swagger(
            &DescriptionMentionsApi,
            json!({"info": {"description": "The Contoso API lets you manage shipments."}}),
        );
        assert_eq!(pointers(&d), ["/info/description"]);
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
