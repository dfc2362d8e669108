use super::common::{description, title};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `info.description` is not the same text as `info.title` (ignoring case and
    /// surrounding whitespace).
    ///
    /// ## Why it matters
    /// The description is the only place that tells users what the connector is for; the
    /// Swagger schema asks for it to differ from the title. Repeating the name tells nothing
    /// (and also fails SW021's 30-character minimum when certifying).
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "Contoso", "description": "Contoso" } }
    /// ```
    ///
    /// ## Fix
    /// Write one or two sentences on what the service does and what the connector offers.
    pub DescriptionSameAsTitle {
        code: "SW024",
        name: "description-same-as-title",
        group: Info,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for DescriptionSameAsTitle {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let (Some((_, t)), Some((node, d))) = (title(sw), description(sw)) else { return };
        let (t, d) = (t.trim(), d.trim());
        if !d.is_empty() && d.to_lowercase() == t.to_lowercase() {
            cx.report_value(node, "The 'description' repeats the 'title'")
                .set_help("say what the service does and what the connector lets users do");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn different_texts_pass() {
        assert!(check_swagger(&DescriptionSameAsTitle, json!({})).is_empty());
    }

    #[test]
    fn same_text_fails_at_the_description() {
        let d = check_swagger(
            &DescriptionSameAsTitle,
            json!({"info": {"title": "Taskforge", "description": "taskforge "}}),
        );
        assert_eq!(pointers(&d), ["/info/description"]);
    }
}
