use crate::fast_hash::FastSet;
use switchboard_model::swagger::{Location, Method};

use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that GET operations have no `in: body` or `in: formData` parameter.
    ///
    /// ## Why it matters
    /// GET requests carry no body; the platform drops it or the backend rejects it. Microsoft's
    /// validator reports "Body or form data parameters are not supported in a fetch operation."
    ///
    /// ## Example
    /// ```json
    /// "get": { "parameters": [ { "name": "body", "in": "body", "schema": { "type": "object" } } ] }
    /// ```
    ///
    /// ## Fix
    /// Send the values as query parameters, or make the operation a POST if the API expects a body.
    pub BodyInGet {
        code: "SW113",
        name: "body-in-get",
        group: Parameters,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("BodyOrFormDataParameterInFetchOperationNotAllowed"),
    }
}

impl Check for BodyInGet {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut reported = FastSet::default();
        for info in sw.operations.iter().filter(|i| i.op.method == Method::Get) {
            for p in &info.params {
                if !matches!(p.location(), Some(Location::Body | Location::FormData)) {
                    continue;
                }
                if reported.insert(p.site.span) {
                    cx.report_value(
                        p.site,
                        format!(
                            "Body or form data parameters are not supported in a fetch operation ({} of GET operation {}).",
                            p.label(),
                            info.op.label()
                        ),
                    )
                    .set_help("send the values as query parameters, or use POST if the API expects a body");
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

    #[test]
    fn body_on_post_passes() {
        assert!(check_swagger(&BodyInGet, json!({})).is_empty());
    }

    #[test]
    fn body_on_get_fails_at_the_parameter() {
        let d = check_swagger(
            &BodyInGet,
            json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [
                {"name": "taskId", "in": "path", "required": true, "type": "string"},
                {"name": "body", "in": "body", "schema": {"type": "object"}}
            ]}}}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/1"]);
    }
}
