use switchboard_model::swagger::Location;

use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that parameters of `"type": "file"` are `in: formData`.
    ///
    /// ## Why it matters
    /// Swagger 2.0 only defines file uploads as multipart form fields; Microsoft's validator
    /// rejects others: "Parameters of type 'file' are not valid in locations other than
    /// 'formData'."
    ///
    /// ## Example
    /// ```json
    /// { "name": "content", "in": "query", "type": "file" }
    /// ```
    ///
    /// ## Fix
    /// Use `in: formData` (with `consumes: ["multipart/form-data"]`), or send the bytes as a
    /// body parameter with `"schema": { "type": "string", "format": "binary" }`.
    pub FileParameterNotFormData {
        code: "SW118",
        name: "file-parameter-not-form-data",
        group: Parameters,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("FileParameterMustBeInFormData"),
    }
}

impl Check for FileParameterNotFormData {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in &sw.parameters {
            let p = decl.param;
            if p.type_name() != Some("file") || p.location() == Some(Location::FormData) {
                continue;
            }
            // A missing or unknown `in` is SW117's finding.
            if p.location().is_none() {
                continue;
            }
            let Some(v) = p.node.get("type") else { continue };
            cx.report_value(
                v,
                format!("Parameters of type 'file' are not valid in locations other than 'formData' (parameter {}).", p.label()),
            )
            .set_help("use in: formData, or a body parameter with a string/binary schema");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn patch(loc: &str) -> serde_json::Value {
        json!({"paths": {"/files": {"post": {"operationId": "Upload", "summary": "Upload", "description": "Uploads.",
            "consumes": ["multipart/form-data"],
            "parameters": [{"name": "content", "in": loc, "type": "file"}],
            "responses": {"200": {"description": "ok"}}}}}})
    }

    #[test]
    fn form_data_file_passes() {
        assert!(check_swagger(&FileParameterNotFormData, patch("formData")).is_empty());
    }

    #[test]
    fn query_file_fails_at_the_type() {
        let d = check_swagger(&FileParameterNotFormData, patch("query"));
        assert_eq!(pointers(&d), ["/paths/~1files/post/parameters/0/type"]);
    }
}
