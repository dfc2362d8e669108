use super::syntax::{Which, report_issues};
use crate::{Check, Context, Levels, Severity, declare_rule};
use switchboard_model::json::JsonIssueKind;

declare_rule! {
    /// ## What it does
    /// Checks that no object in `apiDefinition.swagger.json` has the same key twice.
    ///
    /// ## Why it matters
    /// JSON parsers keep the last value and silently drop the earlier one: a second
    /// `description` or `operationId` replaces the first without anyone noticing.
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "ListItems", "summary": "List items", "operationId": "GetItems" }
    /// ```
    ///
    /// ## Fix
    /// Keep one of the two members (the message names both positions).
    pub SwaggerDuplicateKey {
        code: "JS004",
        name: "swagger-duplicate-key",
        group: Json,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for SwaggerDuplicateKey {
    fn check(&self, cx: &mut Context<'_>) {
        report_issues(cx, Which::Swagger, |k| matches!(k, JsonIssueKind::DuplicateKey { .. }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn unique_keys_pass() {
        assert!(check(&SwaggerDuplicateKey, &Fixture::new().build()).is_empty());
    }

    #[test]
    fn duplicate_fails_naming_both() {
        let c = Fixture::new()
            .set(
                "apiDefinition.swagger.json",
                b"{\"swagger\": \"2.0\",\n\"swagger\": \"2.0\"}".to_vec(),
            )
            .build();
        let d = check(&SwaggerDuplicateKey, &c);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.line, 2);
        assert!(d[0].message.contains("first at line 1, column 2"), "{}", d[0].message);
    }
}
