use switchboard_model::json::Value;
use switchboard_model::swagger::Location;

use crate::{Check, Context, Levels, Severity, declare_rule};

/// The MIME types the platform supports in `consumes`/`produces`.
const SUPPORTED: &[&str] =
    &["application/json", "text/plain", "multipart/form-data", "application/x-www-form-urlencoded"];

declare_rule! {
    /// ## What it does
    /// Checks that the MIME types in `consumes` and `produces` (root and operations) are ones
    /// the platform supports: `application/json`, `text/plain`, `multipart/form-data`,
    /// `application/x-www-form-urlencoded` (compared case-insensitively, ignoring parameters
    /// such as `; charset=utf-8`). An operation with `formData` parameters must also consume
    /// a form type: its `consumes` (or the document's) must exist (Microsoft's
    /// `ConsumesMissing`) and list `multipart/form-data` or
    /// `application/x-www-form-urlencoded` (`MimeTypeNotCompatibleWithRequestContentSchemaType`).
    /// A body parameter without `consumes` is not reported: the runtime then sends JSON, and
    /// 124 of 607 certified connectors in the corpus rely on that.
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

/// The MIME type without its parameters (`; charset=utf-8`).
fn base(mime: &str) -> &str {
    mime.split(';').next().unwrap_or_default().trim()
}

fn supported(mime: &str) -> bool {
    SUPPORTED.iter().any(|s| s.eq_ignore_ascii_case(base(mime)))
}

/// Whether `mime` is a type that carries `formData` parameters.
fn is_form(mime: &str) -> bool {
    ["multipart/form-data", "application/x-www-form-urlencoded"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(base(mime)))
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
            let Some(form) = info.params.iter().find(|p| p.location() == Some(Location::FormData))
            else {
                continue;
            };
            // The operation's own list replaces the document's.
            let listed = info.op.consumes(&sw.doc);
            if listed.is_empty() {
                cx.report_value(
                    form.site,
                    format!(
                        "Operation {} has form parameters but no 'consumes': say how they are sent.",
                        info.op.label()
                    ),
                )
                .set_help("add \"consumes\": [\"multipart/form-data\"] (with file parameters) or [\"application/x-www-form-urlencoded\"] to the operation");
            } else if !listed.iter().any(|m| is_form(m)) {
                // The list in effect: the operation's own, or the document's.
                let at = info.op.node.get("consumes").or_else(|| root.get("consumes"));
                let at = at.unwrap_or(form.site);
                cx.report_value(
                    at,
                    format!(
                        "Operation {} has form parameters, but its 'consumes' ({}) lists no form type.",
                        info.op.label(),
                        listed.join(", ")
                    ),
                )
                .set_help("list multipart/form-data or application/x-www-form-urlencoded, or send the values as a body parameter");
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

    fn form_operation(consumes: Option<serde_json::Value>) -> serde_json::Value {
        let mut op = json!({
            "operationId": "Upload",
            "parameters": [{"name": "file", "in": "formData", "type": "file"}],
            "responses": {"200": {"description": "OK"}}
        });
        if let Some(c) = consumes {
            op["consumes"] = c;
        }
        json!({"paths": {"/upload": {"post": op}}})
    }

    #[test]
    fn form_parameters_with_a_form_type_pass() {
        for c in [
            json!(["multipart/form-data"]),
            json!(["application/x-www-form-urlencoded; charset=utf-8"]),
        ] {
            let d = check_swagger(&MimeTypeUnsupported, form_operation(Some(c)));
            assert!(d.is_empty(), "{d:#?}");
        }
        // The document's list applies when the operation has none.
        let mut doc = form_operation(None);
        doc["consumes"] = json!(["multipart/form-data"]);
        assert!(check_swagger(&MimeTypeUnsupported, doc).is_empty());
        // A body parameter without consumes is sent as JSON: not reported.
        let body = json!({"paths": {"/t": {"post": {
            "operationId": "Create",
            "parameters": [{"name": "body", "in": "body", "schema": {"type": "object"}}],
            "responses": {"200": {"description": "OK"}}
        }}}});
        assert!(check_swagger(&MimeTypeUnsupported, body).is_empty());
    }

    #[test]
    fn form_parameters_without_consumes_fail_at_the_parameter() {
        let mut doc = form_operation(None);
        doc["consumes"] = json!([]);
        let d = check_swagger(&MimeTypeUnsupported, doc);
        assert_eq!(pointers(&d), ["/paths/~1upload/post/parameters/0"]);
        assert!(d[0].message.contains("no 'consumes'"), "{}", d[0].message);
    }

    #[test]
    fn form_parameters_with_only_json_fail_at_the_list() {
        let d =
            check_swagger(&MimeTypeUnsupported, form_operation(Some(json!(["application/json"]))));
        assert_eq!(pointers(&d), ["/paths/~1upload/post/consumes"]);
        assert!(d[0].message.contains("lists no form type"), "{}", d[0].message);
    }
}
