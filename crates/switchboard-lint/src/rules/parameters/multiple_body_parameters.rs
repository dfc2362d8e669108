use crate::fast_hash::FastSet;
use switchboard_model::swagger::Location;

use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that an operation (path-item and operation parameters merged) has at most one
    /// `in: body` parameter, and never a body parameter together with `in: formData` ones.
    ///
    /// ## Why it matters
    /// A request has one body: either the JSON of the body parameter or the form built from the
    /// formData parameters. Microsoft's validator rejects the file
    /// ("OperationParametersContainMultipleBodyParameters", "ParameterListContainsFormDataAndBody").
    ///
    /// ## Example
    /// ```json
    /// "parameters": [ { "name": "body", "in": "body", "schema": { "type": "object" } },
    ///                 { "name": "file", "in": "formData", "type": "file" } ]
    /// ```
    ///
    /// ## Fix
    /// Merge the bodies into one schema, or use only formData parameters (multipart uploads).
    pub MultipleBodyParameters {
        code: "SW112",
        name: "multiple-body-parameters",
        group: Parameters,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("OperationParametersContainMultipleBodyParameters"),
    }
}

impl Check for MultipleBodyParameters {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut reported = FastSet::default();
        for info in &sw.operations {
            let mut bodies = info.params.iter().filter(|p| p.location() == Some(Location::Body));
            let first_body = bodies.next();
            for extra in bodies {
                if reported.insert(extra.site.span) {
                    cx.report_value(
                        extra.site,
                        format!("The operation {} contains multiple parameters in the location 'body', at most one is allowed.", info.op.label()),
                    )
                    .set_help("merge the bodies into one schema");
                }
            }
            if first_body.is_none() {
                continue;
            }
            if let Some(form) =
                info.params.iter().find(|p| p.location() == Some(Location::FormData))
                && reported.insert(form.site.span)
            {
                {
                    cx.report_value(
                        form.site,
                        format!("The 'parameters' list of operation {} defines both a 'body' parameter, and a 'formData' parameter. Only one of these location types can be used in an operation.", info.op.label()),
                    )
                    .set_help("use either one body parameter or formData parameters");
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
    fn one_body_passes() {
        assert!(check_swagger(&MultipleBodyParameters, json!({})).is_empty());
    }

    #[test]
    fn second_body_and_form_data_fail() {
        let d = check_swagger(
            &MultipleBodyParameters,
            json!({"paths": {"/tasks": {"post": {"parameters": [
                {"name": "body", "in": "body", "schema": {"type": "object"}},
                {"name": "other", "in": "body", "schema": {"type": "object"}},
                {"name": "file", "in": "formData", "type": "file"}
            ]}}}}),
        );
        assert_eq!(
            pointers(&d),
            ["/paths/~1tasks/post/parameters/1", "/paths/~1tasks/post/parameters/2"]
        );
    }
}
