use super::common::is_extension;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Whether `code` is a three-digit HTTP status code (100–599).
fn is_status_code(code: &str) -> bool {
    code.len() == 3
        && code.bytes().all(|b| b.is_ascii_digit())
        && (b'1'..=b'5').contains(&code.as_bytes()[0])
}

declare_rule! {
    /// ## What it does
    /// Checks that every key of an operation's `responses` is `default`, a three-digit HTTP
    /// status code (100–599) or an `x-` extension.
    ///
    /// ## Why it matters
    /// Swagger 2.0 allows nothing else, and Microsoft's validator rejects other keys
    /// ("ResponseMustBeDefaultOrHttpStatusCode"). Ranges such as `2XX` are OpenAPI 3 syntax and
    /// are not understood.
    ///
    /// ## Example
    /// ```json
    /// "responses": { "2XX": { "description": "OK" }, "OK": { "description": "OK" } }
    /// ```
    ///
    /// ## Fix
    /// Use the exact status code (`"200"`) or `default`.
    pub ResponseCodeInvalid {
        code: "SW091",
        name: "response-code-invalid",
        group: Responses,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("ResponseMustBeDefaultOrHttpStatusCode"),
    }
}

impl Check for ResponseCodeInvalid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            for r in &info.responses {
                if r.code == "default" || is_status_code(r.code) || is_extension(r.code) {
                    continue;
                }
                cx.report_swagger(
                    r.key_span,
                    format!(
                        "The response '{}' of operation {} must be 'default' or an HTTP status code.",
                        r.code,
                        info.op.label()
                    ),
                )
                .set_help("use a three-digit status code such as \"200\", or \"default\"");
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
    fn codes_default_and_extensions_pass() {
        let p = json!({"paths": {"/tasks": {"post": {"responses": {
            "204": {"description": "No content."}, "default": {"description": "Error."}, "x-note": 1
        }}}}});
        assert!(check_swagger(&ResponseCodeInvalid, p).is_empty());
    }

    #[test]
    fn ranges_and_words_fail_at_the_key() {
        let p = json!({"paths": {"/tasks": {"post": {"responses": {
            "2XX": {"description": "OK."}, "OK": {"description": "OK."}, "600": {"description": "?"}
        }}}}});
        let d = check_swagger(&ResponseCodeInvalid, p);
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks/post/responses/2XX",
                "/paths/~1tasks/post/responses/OK",
                "/paths/~1tasks/post/responses/600"
            ]
        );
    }
}
