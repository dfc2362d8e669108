//! Helpers shared by the parameter rules.

use switchboard_model::json::Value;
use switchboard_model::swagger::{Location, Parameter};

use crate::{ParameterDecl, SwaggerIndex};

/// Whether the string is missing or blank. `None` when the member exists with another type
/// (a type error other rules report).
pub(crate) fn is_blank(node: &Value, key: &str) -> Option<bool> {
    match node.get(key) {
        None => Some(true),
        Some(v) => v.as_str().map(|s| s.trim().is_empty()),
    }
}

/// The non-body parameter declarations (location known and not `body`), each once.
pub(crate) fn non_body<'s, 'a>(
    sw: &'s SwaggerIndex<'a>,
) -> impl Iterator<Item = &'s ParameterDecl<'a>> {
    sw.parameters.iter().filter(|d| d.param.location().is_some_and(|l| l != Location::Body))
}

/// A short description of where a declaration is, for messages: `'name' (in query) of
/// operation 'GetTask'`, or `shared parameter 'name'`.
pub(crate) fn describe(sw: &SwaggerIndex<'_>, decl: &ParameterDecl<'_>) -> String {
    let p = decl.param.label();
    match decl.operation.and_then(|i| sw.operations.get(i)) {
        Some(op) => format!("parameter {p} of operation {}", op.op.label()),
        None => format!("parameter {p}"),
    }
}

/// The names of the `{variables}` of a path template, in order (malformed braces are another
/// rule's finding: an unclosed `{` ends the scan).
pub(crate) fn template_variables(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out
}

/// Whether `value` is a JSON value of the Swagger `type`; `None` for types this cannot judge
/// (`file`, unknown names).
pub(crate) fn value_matches_type(type_name: &str, value: &Value) -> Option<bool> {
    Some(match type_name {
        "string" => value.as_str().is_some(),
        "integer" => value.is_integer(),
        "number" => value.as_f64().is_some(),
        "boolean" => value.as_bool().is_some(),
        "array" => value.as_array().is_some(),
        "object" => value.as_object().is_some(),
        _ => return None,
    })
}

/// The entries of a parameter list resolved, paired with the entry as written.
pub(crate) fn resolved_entries<'a>(
    sw: &SwaggerIndex<'a>,
    entries: &'a [Value],
    site: switchboard_model::swagger::ParameterSite,
) -> Vec<Parameter<'a>> {
    entries.iter().filter_map(|e| Parameter::resolve(&sw.doc, e, site)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_of_templates() {
        assert_eq!(template_variables("/a/{id}/b/{x}.json"), ["id", "x"]);
        assert!(template_variables("/a/b").is_empty());
        assert_eq!(template_variables("/a/{id"), Vec::<&str>::new());
    }

    #[test]
    fn type_matching() {
        let n = Value::from(serde_json::json!(3));
        assert_eq!(value_matches_type("integer", &n), Some(true));
        assert_eq!(value_matches_type("string", &n), Some(false));
        assert_eq!(value_matches_type("number", &Value::from(serde_json::json!(1.5))), Some(true));
        assert_eq!(
            value_matches_type("integer", &Value::from(serde_json::json!(1.5))),
            Some(false)
        );
        assert_eq!(value_matches_type("file", &n), None);
    }
}
