use super::syntax::{Which, report_issues};
use crate::{Check, Context, Levels, Severity, declare_rule};
use switchboard_model::json::JsonIssueKind;

declare_rule! {
    /// ## What it does
    /// Checks that `apiProperties.json` is valid UTF-8 and reports the offset of the first
    /// bytes that are not.
    ///
    /// ## Why it matters
    /// JSON must be UTF-8. Files saved as Latin-1 or Windows-1252 (`ø` as the single byte `0xF8`)
    /// import with garbled text or not at all.
    ///
    /// ## Example
    /// `"title": "Br\xF8nn\xF8ysund"` saved in Latin-1.
    ///
    /// ## Fix
    /// Re-save the file as UTF-8 (in VS Code: "Save with Encoding", UTF-8).
    pub PropertiesInvalidUtf8 {
        code: "JP002",
        name: "properties-invalid-utf8",
        group: Json,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for PropertiesInvalidUtf8 {
    fn check(&self, cx: &mut Context<'_>) {
        report_issues(cx, Which::Properties, |k| matches!(k, JsonIssueKind::InvalidUtf8 { .. }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn utf8_passes() {
        let c = Fixture::new()
            .properties(serde_json::json!({"properties": {"publisher": "Brønnøysund"}}))
            .build();
        assert!(check(&PropertiesInvalidUtf8, &c).is_empty());
    }

    #[test]
    fn latin1_fails_with_offset() {
        let c = Fixture::new()
            .set("apiProperties.json", b"{\"swagger\": \"Br\xF8nn\"}".to_vec())
            .build();
        let d = check(&PropertiesInvalidUtf8, &c);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.contains("0xF8") && d[0].message.contains("offset 15"),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].location.column, 16);
    }
}
