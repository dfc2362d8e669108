use crate::fast_hash::FastSet;
use switchboard_model::swagger::{Location, Parameter, Swagger};

use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that operations consuming only `application/x-www-form-urlencoded` have no
    /// binary parameters: no `type: file` and no `string`/`binary` form field or body.
    ///
    /// ## Why it matters
    /// A URL-encoded form carries text only; binary content needs `multipart/form-data`.
    /// Microsoft's validator: "String/binary parameters are not supported for operation '{0}'
    /// with 'application/x-www-form-urlencoded' consumes type."
    ///
    /// ## Example
    /// ```json
    /// "post": { "consumes": ["application/x-www-form-urlencoded"],
    ///           "parameters": [ { "name": "file", "in": "formData", "type": "file" } ] }
    /// ```
    ///
    /// ## Fix
    /// Consume `multipart/form-data` for uploads, or send the content as text.
    pub FormUrlencodedBinary {
        code: "SW122",
        name: "form-urlencoded-binary",
        group: Parameters,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("StringBinaryNotSupportedForFormUrlEncoded"),
    }
}

fn is_binary(doc: Swagger<'_>, p: &Parameter<'_>) -> bool {
    let typed = match p.location() {
        Some(Location::FormData) => Some(p.node),
        Some(Location::Body) => p.schema().map(|s| doc.deref(s)),
        _ => None,
    };
    typed.is_some_and(|n| match n.get_str("type") {
        Some("file") => true,
        Some("string") => n.get_str("format") == Some("binary"),
        _ => false,
    })
}

impl Check for FormUrlencodedBinary {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut reported = FastSet::default();
        for info in &sw.operations {
            let consumes = info.op.consumes(&sw.doc);
            let has = |m: &str| {
                consumes
                    .iter()
                    .any(|c| c.split(';').next().unwrap_or_default().trim().eq_ignore_ascii_case(m))
            };
            if !has("application/x-www-form-urlencoded") || has("multipart/form-data") {
                continue;
            }
            for p in info.params.iter().filter(|p| is_binary(sw.doc, p)) {
                if reported.insert(p.site.span) {
                    cx.report_value(
                        p.site,
                        format!(
                            "String/binary parameters are not supported for operation {} with 'application/x-www-form-urlencoded' consumes type (parameter {}).",
                            info.op.label(),
                            p.label()
                        ),
                    )
                    .set_help("consume multipart/form-data for binary content");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn patch(consumes: &serde_json::Value) -> serde_json::Value {
        json!({"paths": {"/files": {"post": {"operationId": "Upload", "summary": "Upload", "description": "Uploads.",
            "consumes": consumes,
            "parameters": [
                {"name": "note", "in": "formData", "type": "string"},
                {"name": "content", "in": "formData", "type": "string", "format": "binary"}
            ],
            "responses": {"200": {"description": "ok"}}}}}})
    }

    #[test]
    fn multipart_passes() {
        assert!(
            check_swagger(&FormUrlencodedBinary, patch(&json!(["multipart/form-data"]))).is_empty()
        );
    }

    #[test]
    fn urlencoded_binary_fails_at_the_parameter() {
        let d = check_swagger(
            &FormUrlencodedBinary,
            patch(&json!(["application/x-www-form-urlencoded"])),
        );
        assert_eq!(pointers(&d), ["/paths/~1files/post/parameters/1"]);
    }
}
