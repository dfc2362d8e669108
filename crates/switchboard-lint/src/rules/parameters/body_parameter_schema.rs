use crate::{Check, Context, Levels, Severity, declare_rule};

/// Members of non-body parameters that a body parameter cannot use.
const NON_BODY_KEYS: &[&str] = &["type", "format", "items", "collectionFormat", "allowEmptyValue"];

declare_rule! {
    /// ## What it does
    /// Checks that every `in: body` parameter defines its content with `schema`, and does not
    /// use the members of non-body parameters (`type`, `format`, `items`, `collectionFormat`,
    /// `allowEmptyValue`).
    ///
    /// ## Why it matters
    /// Swagger 2.0 describes a body only through `schema`; Microsoft's validator rejects the
    /// file: "The 'body' parameter must define a 'schema' property." and "The 'body' parameter
    /// cannot use property '{0}', instead, the 'schema' property should be used".
    ///
    /// ## Example
    /// ```json
    /// { "name": "body", "in": "body", "type": "object" }
    /// ```
    ///
    /// ## Fix
    /// Move the type into a schema: `"schema": { "type": "object", "properties": { … } }`.
    pub BodyParameterSchema {
        code: "SW115",
        name: "body-parameter-schema",
        group: Parameters,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("BodyParameterSchemaRequired"),
    }
}

impl Check for BodyParameterSchema {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in sw.parameters.iter().filter(|d| d.param.is_body()) {
            let node = decl.param.node;
            if node.get("schema").is_none() {
                cx.report_value(
                    node,
                    format!(
                        "The 'body' parameter must define a 'schema' property ({}).",
                        decl.param.label()
                    ),
                )
                .set_help("describe the body with \"schema\": { … }");
            }
            for m in node.members().filter(|m| NON_BODY_KEYS.contains(&m.key.as_str())) {
                cx.report_swagger(
                    m.key_span,
                    format!(
                        "The 'body' parameter cannot use property '{}', instead, the 'schema' property should be used to define the type used by the parameter.",
                        m.key
                    ),
                )
                .set_help("move it into the parameter's `schema`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn patch(param: &serde_json::Value) -> serde_json::Value {
        json!({"paths": {"/tasks": {"post": {"parameters": [param]}}}})
    }

    #[test]
    fn schema_body_passes() {
        assert!(check_swagger(&BodyParameterSchema, json!({})).is_empty());
    }

    #[test]
    fn typed_body_without_schema_fails_twice() {
        let d = check_swagger(
            &BodyParameterSchema,
            patch(&json!({"name": "body", "in": "body", "type": "object"})),
        );
        assert_eq!(
            pointers(&d),
            ["/paths/~1tasks/post/parameters/0", "/paths/~1tasks/post/parameters/0/type"]
        );
    }
}
