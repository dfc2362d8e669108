use switchboard_model::json::Value;
use switchboard_model::swagger::Location;

use crate::{Check, Context, Levels, Severity, declare_rule};

/// The `collectionFormat` values of Swagger 2.0.
const FORMATS: &[&str] = &["csv", "ssv", "tsv", "pipes", "multi"];

declare_rule! {
    /// ## What it does
    /// Checks that every `collectionFormat` of a parameter (and of its nested `items`) is one
    /// of `csv`, `ssv`, `tsv`, `pipes`, `multi`, and that `multi` is used only on `query` and
    /// `formData` parameters.
    ///
    /// ## Why it matters
    /// The format decides how an array is serialised into one value; the platform knows only
    /// these ("CollectionFormatValueNotSupported"), and `multi` (repeating the parameter) is
    /// only possible where a name can repeat.
    ///
    /// ## Example
    /// ```json
    /// { "name": "ids", "in": "path", "type": "array", "items": { "type": "string" }, "collectionFormat": "multi" }
    /// ```
    ///
    /// ## Fix
    /// Use `csv` (the default) unless the API documents another separator.
    pub CollectionFormatInvalid {
        code: "SW120",
        name: "collection-format-invalid",
        group: Parameters,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("CollectionFormatValueNotSupported"),
    }
}

impl Check for CollectionFormatInvalid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in &sw.parameters {
            let p = decl.param;
            if p.is_body() {
                continue;
            }
            let multi_ok =
                matches!(p.location(), Some(Location::Query | Location::FormData) | None);
            // The parameter itself, then nested `items` (where only the outer level may repeat).
            let mut node: Option<&Value> = Some(p.node);
            let mut outer = true;
            for _ in 0..8 {
                let Some(n) = node else { break };
                if let Some(v) = n.get("collectionFormat") {
                    match v.as_str() {
                        Some(f) if !FORMATS.contains(&f) => {
                            cx.report_value(v, format!("The 'collectionFormat' keyword value '{f}' is not supported (parameter {}).", p.label()))
                                .set_help("use csv, ssv, tsv, pipes or multi");
                        }
                        Some("multi") if !(outer && multi_ok) => {
                            cx.report_value(v, format!("The 'collectionFormat' value 'multi' is only valid for query and formData parameters (parameter {}).", p.label()))
                                .set_help("use csv (the default) for this location");
                        }
                        _ => {}
                    }
                }
                node = n.get("items");
                outer = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn patch(loc: &str, format: &str) -> serde_json::Value {
        json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [
            {"name": "taskId", "in": "path", "required": true, "type": "string"},
            {"name": "ids", "in": loc, "type": "array", "items": {"type": "string"}, "collectionFormat": format}
        ]}}}})
    }

    #[test]
    fn known_formats_pass() {
        assert!(check_swagger(&CollectionFormatInvalid, patch("query", "multi")).is_empty());
        assert!(check_swagger(&CollectionFormatInvalid, patch("header", "pipes")).is_empty());
    }

    #[test]
    fn unknown_or_misplaced_formats_fail_at_the_value() {
        let d = check_swagger(&CollectionFormatInvalid, patch("query", "comma"));
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/1/collectionFormat"]);
        let d = check_swagger(&CollectionFormatInvalid, patch("header", "multi"));
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("'multi'"));
    }
}
