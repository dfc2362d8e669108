use super::common::{contains_url, keyword_members};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports `description` strings of the swagger (connector, operations, parameters,
    /// schemas) that contain a URL (`http://`, `https://` or `www.`).
    ///
    /// ## Why it matters
    /// Descriptions are rendered as plain text in the designer's tooltips and in the generated
    /// documentation: links are not clickable, and long URLs clutter the tooltip. A
    /// third-party reading of Microsoft's certification policy (5000.2.3.6) lists URLs in
    /// descriptions as a reason for rejection; that reading is unverified, hence info.
    ///
    /// ## Example
    /// ```json
    /// { "description": "The board ID, see https://developer.example.com/boards for details." }
    /// ```
    ///
    /// ## Fix
    /// Describe the value in words and move links to the readme or the documentation page.
    pub UrlInDescription {
        code: "BX014",
        name: "url-in-description",
        group: Beyond,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for UrlInDescription {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let found: Vec<_> = keyword_members(sw)
            .0
            .iter()
            .filter(|m| m.value.as_str().is_some_and(contains_url))
            .map(|m| &m.value)
            .collect();
        for v in found {
            cx.report_value(
                v,
                "The description contains a URL; descriptions are shown as plain text",
            )
            .set_help("describe the value in words and move links to the readme");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn plain_descriptions_pass() {
        assert!(check_swagger(&UrlInDescription, json!({})).is_empty());
        // A property named "description" is a schema, and examples are data.
        let d = check_swagger(
            &UrlInDescription,
            json!({"definitions": {"Task": {
                "properties": {"description": {"type": "string", "description": "Text of the task."}},
                "example": {"description": "see https://x.example.org"}
            }}}),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn url_fails_at_the_description() {
        let d = check_swagger(
            &UrlInDescription,
            json!({"info": {"description": "Taskforge plans work. Docs at https://docs.taskforge.io."}}),
        );
        assert_eq!(pointers(&d), ["/info/description"]);
        assert_eq!(d[0].severity, Severity::Info);
    }
}
