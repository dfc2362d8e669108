use super::keys::{Keys, for_each_schema_node_with};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that a schema's `required` list is not empty.
    ///
    /// ## Why it matters
    /// Swagger 2.0 requires at least one name in `required`; the validator rejects the file:
    /// "The 'required' array requires at least one value. If no properties are required in
    /// the schema, remove the 'required' property."
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "required": [], "properties": { "title": { "type": "string" } } }
    /// ```
    ///
    /// ## Fix
    /// Remove `"required": []`.
    pub RequiredArrayEmpty {
        code: "SW136",
        name: "required-array-empty",
        group: Schemas,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("RequiredPropertyArrayEmpty"),
    }
}

impl Check for RequiredArrayEmpty {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut found = Vec::new();
        for_each_schema_node_with(sw, Keys::any_of(&["required"]), &mut |node, _, _| {
            if let Some(r) =
                node.get("required").filter(|r| r.as_array().is_some_and(<[_]>::is_empty))
            {
                found.push(r);
            }
        });
        for r in found {
            cx.report_value(r, "The 'required' array requires at least one value. If no properties are required in the schema, remove the 'required' property.")
                .set_help("remove \"required\": []");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn non_empty_required_passes() {
        assert!(check_swagger(&RequiredArrayEmpty, json!({})).is_empty());
    }

    #[test]
    fn empty_required_fails_at_the_list() {
        let d = check_swagger(
            &RequiredArrayEmpty,
            json!({"definitions": {"NewTask": {"required": []}}}),
        );
        assert_eq!(pointers(&d), ["/definitions/NewTask/required"]);
    }
}
