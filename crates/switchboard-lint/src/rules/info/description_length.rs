use super::common::description;
use crate::text::char_len;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Bounds on `info.description`, in characters.
const MIN: usize = 30;
const MAX: usize = 500;

declare_rule! {
    /// ## What it does
    /// Checks that `info.description` is between 30 and 500 characters long. An empty
    /// description is SW020's.
    ///
    /// ## Why it matters
    /// Certification rejects shorter or longer descriptions with "The 'description' value
    /// must be between '30' and '500' characters." (policy 5000.2.3.4): a few words do not
    /// tell users what the connector is for, and long texts are cut in the gallery.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "description": "Weather data." } }
    /// ```
    ///
    /// ## Fix
    /// Say what the service is and what the connector lets users do, in one to three
    /// sentences; move details to the readme.
    pub DescriptionLength {
        code: "SW021",
        name: "description-length",
        group: Info,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("FieldLengthNotInRange"),
    }
}

impl Check for DescriptionLength {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some((node, text)) = description(sw) else { return };
        if text.trim().is_empty() {
            return; // SW020 reports it.
        }
        let len = char_len(text);
        if !(MIN..=MAX).contains(&len) {
            let help = if len < MIN {
                "say what the service is and what the connector lets users do"
            } else {
                "keep the description short; move details to the readme"
            };
            cx.report_value(
                node,
                format!("The 'description' value must be between '{MIN}' and '{MAX}' characters (it has {len})."),
            )
            .set_help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn bounds_pass() {
        assert!(
            check_swagger(&DescriptionLength, json!({"info": {"description": "d".repeat(MIN)}}))
                .is_empty()
        );
        assert!(
            check_swagger(&DescriptionLength, json!({"info": {"description": "é".repeat(MAX)}}))
                .is_empty()
        );
        assert!(check_swagger(&DescriptionLength, json!({"info": {"description": ""}})).is_empty());
    }

    #[test]
    fn short_and_long_fail_at_the_description() {
        let d =
            check_swagger(&DescriptionLength, json!({"info": {"description": "Weather data."}}));
        assert_eq!(pointers(&d), ["/info/description"]);
        assert!(d[0].message.contains("(it has 13)"));
        let d = check_swagger(
            &DescriptionLength,
            json!({"info": {"description": "d".repeat(MAX + 1)}}),
        );
        assert_eq!(pointers(&d), ["/info/description"]);
    }
}
