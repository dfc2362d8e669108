use super::common::parse_hex_color;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `properties.iconBrandColor` is a string of the form `#RRGGBB`
    /// (`^#[0-9A-Fa-f]{6}$`).
    ///
    /// ## Why it matters
    /// The platform paints the icon background with this value; certification policy 5000.2.1.1
    /// requires a valid hexadecimal colour. Names (`blue`), short forms (`#fff`) and values
    /// with alpha (`#3A5F8CFF`) are rejected.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "iconBrandColor": "#fff" } }
    /// ```
    ///
    /// ## Fix
    /// Write the colour as `#` followed by six hexadecimal digits, e.g. `"#3A5F8C"`.
    pub BrandColorFormat {
        code: "AP003",
        name: "brand-color-format",
        group: Properties,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for BrandColorFormat {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        let Some(value) = props.properties().and_then(|p| p.get("iconBrandColor")) else {
            return; // AP002
        };
        let shown = match value.as_str() {
            Some(s) if parse_hex_color(s).is_some() => return,
            Some(s) => format!("'{s}'"),
            None => value.json_type().article_name().to_string(),
        };
        cx.report_properties(
            value.span,
            format!("'iconBrandColor' must be a hexadecimal colour '#RRGGBB', found {shown}"),
        )
        .set_help("write the colour as # followed by six hexadecimal digits, e.g. \"#3A5F8C\"");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_properties, pointers};
    use serde_json::json;

    #[test]
    fn six_digits_pass() {
        assert!(
            check_properties(
                &BrandColorFormat,
                json!({"properties": {"iconBrandColor": "#abcdef"}})
            )
            .is_empty()
        );
        assert!(check_properties(&BrandColorFormat, json!({})).is_empty());
    }

    #[test]
    fn short_form_and_non_string_fail_at_the_value() {
        let d =
            check_properties(&BrandColorFormat, json!({"properties": {"iconBrandColor": "#fff"}}));
        assert_eq!(pointers(&d), ["/properties/iconBrandColor"]);
        assert!(d[0].message.contains("'#fff'"));
        let d = check_properties(&BrandColorFormat, json!({"properties": {"iconBrandColor": 3}}));
        assert_eq!(pointers(&d), ["/properties/iconBrandColor"]);
        assert!(d[0].message.contains("a number"));
    }
}
