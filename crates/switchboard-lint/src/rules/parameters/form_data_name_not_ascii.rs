use switchboard_model::swagger::Location;

use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the names of `in: formData` parameters are US-ASCII.
    ///
    /// ## Why it matters
    /// Form field names go into `Content-Disposition` headers and URL-encoded bodies where the
    /// platform only supports ASCII: "The form data parameter name '{0}' is invalid. All
    /// characters must be part of the US-ASCII character set."
    ///
    /// ## Example
    /// ```json
    /// { "name": "pièce", "in": "formData", "type": "file" }
    /// ```
    ///
    /// ## Fix
    /// Use an ASCII name (`piece`), and put the localised label in `x-ms-summary`.
    pub FormDataNameNotAscii {
        code: "SW123",
        name: "form-data-name-not-ascii",
        group: Parameters,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("InvalidFormDataParameterName"),
    }
}

impl Check for FormDataNameNotAscii {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in &sw.parameters {
            let p = decl.param;
            if p.location() != Some(Location::FormData) {
                continue;
            }
            let Some(v) = p.node.get("name") else { continue };
            let Some(name) = v.as_str() else { continue };
            if !name.is_ascii() {
                cx.report_value(
                    v,
                    format!("The form data parameter name '{name}' is invalid. All characters must be part of the US-ASCII character set."),
                )
                .set_help("use an ASCII name; put the display label in x-ms-summary");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn patch(name: &str) -> serde_json::Value {
        json!({"paths": {"/files": {"post": {"operationId": "Upload", "summary": "Upload", "description": "Uploads.",
            "consumes": ["multipart/form-data"],
            "parameters": [{"name": name, "in": "formData", "type": "file"}],
            "responses": {"200": {"description": "ok"}}}}}})
    }

    #[test]
    fn ascii_name_passes() {
        assert!(check_swagger(&FormDataNameNotAscii, patch("piece")).is_empty());
    }

    #[test]
    fn accented_name_fails_at_the_name() {
        let d = check_swagger(&FormDataNameNotAscii, patch("pièce"));
        assert_eq!(pointers(&d), ["/paths/~1files/post/parameters/0/name"]);
    }
}
