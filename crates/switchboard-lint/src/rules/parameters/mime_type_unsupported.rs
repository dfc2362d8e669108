use switchboard_model::json::Value;

use crate::{Check, Context, Levels, Severity, declare_rule};

/// The MIME types the platform supports in `consumes`/`produces`.
const SUPPORTED: &[&str] =
    &["application/json", "text/plain", "multipart/form-data", "application/x-www-form-urlencoded"];

declare_rule! {
    /// ## What it does
    /// Checks that the MIME types in `consumes` and `produces` (root and operations) are ones
    /// the platform supports: `application/json`, `text/plain`, `multipart/form-data`,
    /// `application/x-www-form-urlencoded` (compared case-insensitively, ignoring parameters
    /// such as `; charset=utf-8`).
    ///
    /// ## Why it matters
    /// Microsoft's validator flags other types ("The MIME type '{0}' is not supported"); the
    /// designers only build JSON, text and form bodies. Older certified connectors use
    /// `text/json`, `application/xml`, `application/octet-stream` and OData variants, but no
    /// recent independent-publisher connector does, hence a warning.
    ///
    /// ## Example
    /// ```json
    /// { "produces": ["application/json", "text/json", "application/xml"] }
    /// ```
    ///
    /// ## Fix
    /// List only the supported types; for file downloads keep the response schema
    /// `{"type": "string", "format": "binary"}` and drop the extra MIME types.
    pub MimeTypeUnsupported {
        code: "SW121",
        name: "mime-type-unsupported",
        group: Parameters,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("MimeTypeNotSupported"),
    }
}

fn supported(mime: &str) -> bool {
    let base = mime.split(';').next().unwrap_or_default().trim();
    SUPPORTED.iter().any(|s| s.eq_ignore_ascii_case(base))
}

/// `owner` names the list's owner for the message; it is only built for a finding.
fn check_list(cx: &mut Context<'_>, list: Option<&Value>, key: &str, owner: &dyn Fn() -> String) {
    for item in list.into_iter().flat_map(Value::items) {
        let Some(mime) = item.as_str() else { continue };
        if !supported(mime) {
            cx.report_value(
                item,
                format!(
                    "The MIME type '{mime}' is not supported. The supported mime types are: '{}' ({key} of {}).",
                    SUPPORTED.join(", "),
                    owner()
                ),
            )
            .set_help("list only application/json, text/plain, multipart/form-data or application/x-www-form-urlencoded");
        }
    }
}

impl Check for MimeTypeUnsupported {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let root = sw.root();
        for key in ["consumes", "produces"] {
            check_list(cx, root.get(key), key, &|| "the document".to_string());
        }
        for info in &sw.operations {
            let owner = || format!("operation {}", info.op.label());
            for key in ["consumes", "produces"] {
                check_list(cx, info.op.node.get(key), key, &owner);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn supported_types_pass() {
        assert!(check_swagger(&MimeTypeUnsupported, json!({})).is_empty());
        assert!(
            check_swagger(
                &MimeTypeUnsupported,
                json!({"produces": ["application/json; charset=utf-8", "Text/Plain"]})
            )
            .is_empty()
        );
    }

    #[test]
    fn other_types_fail_at_the_item() {
        let d = check_swagger(
            &MimeTypeUnsupported,
            json!({
                "produces": ["application/json", "text/json"],
                "paths": {"/tasks": {"post": {"consumes": ["application/xml"]}}}
            }),
        );
        assert_eq!(pointers(&d), ["/produces/1", "/paths/~1tasks/post/consumes/0"]);
        assert!(d[1].message.contains("'CreateTask'"));
    }
}
