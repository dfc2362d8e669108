use switchboard_model::json::Value;

use super::common::has_parameter;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The expression function, matched case-insensitively (`@ConnectionParameters` occurs).
const FUNCTION: &str = "@connectionparameters(";

declare_rule! {
    /// ## What it does
    /// Checks that every `@connectionParameters('name')` expression in the parameters of a
    /// policy template instance names a connection parameter that exists (in
    /// `connectionParameters`, including `token:` sub-parameters, or in any set of
    /// `connectionParameterSets`). Names are case-sensitive.
    ///
    /// ## Why it matters
    /// A reference to a parameter that does not exist evaluates to nothing: the host template
    /// yields `https://.contoso.com`, the header is sent empty, and every call of the scoped
    /// operations fails in a way that is hard to trace back to the typo. Templates may give a
    /// default (`@connectionParameters('name', 'default')`), which is why this is a warning.
    ///
    /// ## Example
    /// ```json
    /// { "x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('HostUrl')" }
    /// ```
    /// with the connection parameter declared as `hostUrl`.
    ///
    /// ## Fix
    /// Use the parameter's exact name, or declare the parameter in `connectionParameters`.
    pub PolicyConnectionParameterUnknown {
        code: "AP033",
        name: "policy-connection-parameter-unknown",
        group: Properties,
        levels: Levels::all(Severity::Warning),
    }
}

/// The names of the `@connectionParameters('…')` references in `s`.
fn references(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let lower = s.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower.get(from..).and_then(|rest| rest.find(FUNCTION)) {
        let start = from + at + FUNCTION.len();
        from = start;
        let Some(rest) = s.get(start..) else { break };
        let rest = rest.trim_start();
        let Some(quoted) = rest.strip_prefix('\'') else { continue };
        if let Some(end) = quoted.find('\'') {
            out.push(&quoted[..end]);
        }
    }
    out
}

impl Check for PolicyConnectionParameterUnknown {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        for (i, instance) in props.policy_template_instances().enumerate() {
            let Some(params) = instance.parameters() else { continue };
            let id = instance.template_id().unwrap_or("?");
            let mut found: Vec<(&Value, &str)> = Vec::new();
            params.for_each_string(&mut |value, s| {
                if s.contains('@') {
                    found.extend(references(s).into_iter().map(|name| (value, name)));
                }
            });
            for (value, name) in found {
                if has_parameter(props, name) {
                    continue;
                }
                cx.report_properties(value.span, format!("policy template '{id}' (instance {i}) uses @connectionParameters('{name}'), but no connection parameter '{name}' exists"))
                    .set_help("connection parameter names are case-sensitive; declare the parameter or fix the name");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_properties, pointers};
    use serde_json::json;

    fn host(template: &str) -> serde_json::Value {
        json!({"properties": {"policyTemplateInstances": [{"templateId": "dynamichosturl",
            "parameters": {"x-ms-apimTemplateParameter.urlTemplate": template}}]}})
    }

    #[test]
    fn references_are_extracted() {
        assert_eq!(
            references("a@connectionParameters('x')b@ConnectionParameters( 'y','d')"),
            ["x", "y"]
        );
        assert!(references("@connectionParameters(x)").is_empty());
    }

    #[test]
    fn existing_parameters_pass() {
        assert!(
            check_properties(
                &PolicyConnectionParameterUnknown,
                host("https://@connectionParameters('api_key').x.com")
            )
            .is_empty()
        );
    }

    #[test]
    fn unknown_parameter_fails_at_the_value() {
        let d = check_properties(
            &PolicyConnectionParameterUnknown,
            host("https://@connectionParameters('Api_Key').x.com"),
        );
        assert_eq!(
            pointers(&d),
            [
                "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplateParameter.urlTemplate"
            ]
        );
        assert!(d[0].message.contains("'Api_Key'"));
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
