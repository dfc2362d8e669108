use switchboard_model::json::Value;

use super::common::replace_string;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The values of `x-ms-api-annotation.status`.
const STATUSES: [&str; 2] = ["Preview", "Production"];

declare_rule! {
    /// ## What it does
    /// Checks the connector-level release extensions in `info` (or, misplaced, at the root):
    /// `x-ms-api-annotation` must be an object whose `status` is `Preview` or `Production`, and
    /// `x-ms-deployment-version` must be a dotted version string such as `1.0.0`
    /// (`^\d+(\.\d+)+$`).
    ///
    /// ## Why it matters
    /// These values decide how the connector is labelled (a Preview badge) and versioned on
    /// deployment; Microsoft's schema accepts nothing else, and a misspelt status is not
    /// recognised.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "x-ms-api-annotation": { "status": "Beta" }, "x-ms-deployment-version": "v1" } }
    /// ```
    ///
    /// ## Fix
    /// Use `"status": "Preview"` or `"status": "Production"`, and
    /// `"x-ms-deployment-version": "1.0.0"`.
    pub InfoAnnotationInvalid {
        code: "SW037",
        name: "info-annotation-invalid",
        group: Info,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for InfoAnnotationInvalid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for holder in [sw.doc.info(), Some(sw.root())].into_iter().flatten() {
            if let Some(a) = holder.get("x-ms-api-annotation") {
                check_annotation(cx, a);
            }
            if let Some(v) = holder.get("x-ms-deployment-version") {
                check_deployment_version(cx, v);
            }
        }
    }
}

fn check_annotation(cx: &mut Context<'_>, a: &Value) {
    if a.as_object().is_none() {
        cx.report_value(
            a,
            format!(
                "The 'x-ms-api-annotation' value must be an object, found {}",
                a.json_type().article_name()
            ),
        )
        .set_help("write {\"status\": \"Preview\"} or {\"status\": \"Production\"}");
        return;
    }
    let Some(status) = a.get("status") else { return };
    let Some(text) = status.as_str() else {
        cx.report_value(
            status,
            format!(
                "The 'status' value must be 'Preview' or 'Production', found {}",
                status.json_type().article_name()
            ),
        );
        return;
    };
    if STATUSES.contains(&text) {
        return;
    }
    let d = cx.report_value(
        status,
        format!("The 'status' value '{text}' is not 'Preview' or 'Production'"),
    );
    match STATUSES.iter().find(|s| s.eq_ignore_ascii_case(text.trim())) {
        Some(s) => {
            d.set_fix(replace_string(status.span, s, format!("Replace with `{s}`")));
        }
        None => {
            d.set_help("use 'Preview' while the connector is in preview, 'Production' afterwards");
        }
    }
}

fn check_deployment_version(cx: &mut Context<'_>, v: &Value) {
    let ok = v.as_str().is_some_and(|s| {
        let mut parts = s.split('.');
        let first_ok = parts.next().is_some_and(is_digits);
        let mut rest = 0;
        let rest_ok = parts.all(|p| {
            rest += 1;
            is_digits(p)
        });
        first_ok && rest_ok && rest > 0
    });
    if !ok {
        let found = v
            .as_str()
            .map_or_else(|| v.json_type().article_name().to_string(), |s| format!("'{s}'"));
        cx.report_value(v, format!("The 'x-ms-deployment-version' value must be a dotted version such as \"1.0.0\", found {found}"));
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn valid_or_absent_pass() {
        assert!(check_swagger(&InfoAnnotationInvalid, json!({})).is_empty());
        let d = check_swagger(
            &InfoAnnotationInvalid,
            json!({"info": {"x-ms-api-annotation": {"status": "Preview"}, "x-ms-deployment-version": "1.0"}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn bad_status_and_version_fail_at_the_values() {
        let d = check_swagger(
            &InfoAnnotationInvalid,
            json!({"info": {"x-ms-api-annotation": {"status": "preview"}, "x-ms-deployment-version": "1"}}),
        );
        let mut p = pointers(&d);
        p.sort_unstable();
        assert_eq!(p, ["/info/x-ms-api-annotation/status", "/info/x-ms-deployment-version"]);
        let status =
            d.iter().find(|d| d.location.pointer.ends_with("status")).expect("status finding");
        assert_eq!(
            status.fix.as_ref().map(|f| f.edits[0].replacement.as_str()),
            Some("\"Preview\"")
        );
    }

    #[test]
    fn root_level_annotation_is_checked_too() {
        let d = check_swagger(&InfoAnnotationInvalid, json!({"x-ms-api-annotation": "Beta"}));
        assert_eq!(pointers(&d), ["/x-ms-api-annotation"]);
    }
}
