use switchboard_diagnostics::{Edit, Fix};

use super::common::parameters;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `uiDefinition.constraints.required` and `uiDefinition.constraints.hidden` of
    /// connection parameters are the strings `"true"` / `"false"`, not JSON booleans.
    ///
    /// ## Why it matters
    /// The apiProperties schema types both as strings. The platform tolerates booleans today,
    /// but a 2025 certification review rejected `"hidden": false`, and strict tools (paconn's
    /// schema, ARM templates) refuse them. `clearText`, by contrast, is a real boolean.
    ///
    /// ## Example
    /// ```json
    /// { "uiDefinition": { "constraints": { "required": true, "hidden": false } } }
    /// ```
    ///
    /// ## Fix
    /// Quote the values: `"required": "true"`, `"hidden": "false"`.
    pub ConstraintBooleanNotString {
        code: "AP023",
        name: "constraint-boolean-not-string",
        group: Properties,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for ConstraintBooleanNotString {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        for p in parameters(&props) {
            let Some(constraints) = p.param.ui_definition().and_then(|u| u.get("constraints"))
            else {
                continue;
            };
            for key in ["required", "hidden"] {
                let Some(value) = constraints.get(key) else { continue };
                let Some(b) = value.as_bool() else { continue };
                let fix = Fix {
                    message: format!("Replace `{b}` with `\"{b}\"`"),
                    edits: vec![Edit { span: value.span, replacement: format!("\"{b}\"") }],
                };
                cx.report_properties(value.span, format!("'constraints.{key}' of connection parameter {} must be the string \"{b}\", not a boolean", p.label()))
                    .set_help("the schema types `required` and `hidden` as strings")
                    .set_fix(fix);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_properties, pointers};
    use serde_json::json;

    #[test]
    fn strings_pass() {
        let patch = json!({"properties": {"connectionParameters": {"api_key": {"uiDefinition": {"constraints": {"hidden": "false"}}}}}});
        assert!(check_properties(&ConstraintBooleanNotString, patch).is_empty());
    }

    #[test]
    fn booleans_fail_with_a_fix() {
        let patch = json!({"properties": {"connectionParameters": {"api_key": {"uiDefinition": {"constraints": {"required": true, "hidden": false}}}}}});
        let d = check_properties(&ConstraintBooleanNotString, patch);
        assert_eq!(
            pointers(&d),
            [
                "/properties/connectionParameters/api_key/uiDefinition/constraints/required",
                "/properties/connectionParameters/api_key/uiDefinition/constraints/hidden"
            ]
        );
        let fix = d[0].fix.as_ref().expect("fix");
        assert_eq!(fix.edits[0].replacement, "\"true\"");
        assert_eq!(d[1].fix.as_ref().expect("fix").edits[0].replacement, "\"false\"");
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
