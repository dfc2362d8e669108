use super::syntax::{Which, report_issues};
use crate::{Check, Context, Levels, Severity, declare_rule};
use switchboard_model::json::JsonIssueKind;

declare_rule! {
    /// ## What it does
    /// Checks that `apiDefinition.swagger.json` does not start with a UTF-8 byte order mark.
    ///
    /// ## Why it matters
    /// paconn tolerates a BOM, but strict JSON parsers (and many scripts) reject it, and it shows
    /// up as an invisible change in diffs.
    ///
    /// ## Example
    /// A file saved by Notepad as "UTF-8 with BOM".
    ///
    /// ## Fix
    /// Save the file as UTF-8 without BOM (the fix removes the three bytes).
    pub SwaggerByteOrderMark {
        code: "JS003",
        name: "swagger-byte-order-mark",
        group: Json,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for SwaggerByteOrderMark {
    fn check(&self, cx: &mut Context<'_>) {
        report_issues(cx, Which::Swagger, |k| matches!(k, JsonIssueKind::ByteOrderMark));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn no_bom_passes() {
        assert!(check(&SwaggerByteOrderMark, &Fixture::new().build()).is_empty());
    }

    #[test]
    fn bom_fails_with_fix() {
        let c = Fixture::new()
            .set("apiDefinition.swagger.json", b"\xEF\xBB\xBF{\"swagger\": \"2.0\"}".to_vec())
            .build();
        let d = check(&SwaggerByteOrderMark, &c);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].fix.as_ref().unwrap().edits[0].span, switchboard_model::Span::new(0, 3));
    }
}
