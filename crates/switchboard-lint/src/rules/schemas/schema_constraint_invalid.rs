use switchboard_model::json::Value;

use super::common::{for_each_schema_node, simple_nodes};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Keywords that must be ≥ 0, with Microsoft's rule name.
const NON_NEGATIVE: &[&str] =
    &["maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties"];

/// `(lower, upper)` pairs that must be ordered.
const ORDERED: &[(&str, &str)] =
    &[("minLength", "maxLength"), ("minItems", "maxItems"), ("minimum", "maximum")];

declare_rule! {
    /// ## What it does
    /// Checks the validation keywords of schemas, non-body parameters and headers:
    /// `maxLength`, `minLength`, `maxItems`, `minItems`, `maxProperties`, `minProperties` are
    /// ≥ 0; `minLength` ≤ `maxLength`, `minItems` ≤ `maxItems`, `minimum` ≤ `maximum`;
    /// `exclusiveMaximum` only with `maximum` and `exclusiveMinimum` only with `minimum`;
    /// `multipleOf` > 0; `pattern` is a regular expression that parses.
    ///
    /// ## Why it matters
    /// Contradictory bounds make every value invalid, and the validator rejects them with the
    /// messages quoted in the findings (e.g. "The 'minimum' value should be less than or
    /// equal to the 'maximum' value."). A `pattern` that does not parse breaks input
    /// validation in the designer.
    ///
    /// ## Example
    /// ```json
    /// { "type": "integer", "minimum": 10, "maximum": 1, "exclusiveMaximum": false }
    /// ```
    ///
    /// ## Fix
    /// Correct or remove the bound. Drop `exclusiveMaximum`/`exclusiveMinimum` when there is
    /// no `maximum`/`minimum`.
    pub SchemaConstraintInvalid {
        code: "SW145",
        name: "schema-constraint-invalid",
        group: Schemas,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("MinimumShouldBeLessThanOrEqualToMaximum"),
    }
}

impl Check for SchemaConstraintInvalid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut nodes: Vec<&Value> = Vec::new();
        for_each_schema_node(sw, &mut |node, _, _| nodes.push(node));
        nodes.extend(simple_nodes(sw));
        let mut found: Vec<(&Value, String)> = Vec::new();
        for node in nodes {
            for key in NON_NEGATIVE {
                if let Some(v) = node.get(key).filter(|v| v.as_f64().is_some_and(|f| f < 0.0)) {
                    found.push((
                        v,
                        format!("The '{key}' value must be greater than or equal to zero."),
                    ));
                }
            }
            for (lo, hi) in ORDERED {
                if let (Some(a), Some(b)) = (node.get(lo), node.get(hi))
                    && let (Some(x), Some(y)) = (a.as_f64(), b.as_f64())
                    && x > y
                {
                    found.push((
                        a,
                        format!(
                            "The '{lo}' value should be less than or equal to the '{hi}' value."
                        ),
                    ));
                }
            }
            for (flag, bound) in [("exclusiveMaximum", "maximum"), ("exclusiveMinimum", "minimum")]
            {
                if let Some(v) = node.get(flag)
                    && node.get(bound).is_none()
                {
                    found.push((v, format!("The '{flag}' keyword can only be specified if the '{bound}' keyword is also specified.")));
                }
            }
            if let Some(v) = node.get("multipleOf").filter(|v| v.as_f64().is_some_and(|f| f <= 0.0))
            {
                found.push((v, "The 'multipleOf' value must be greater than zero.".to_string()));
            }
            if let Some(p) = node.get("pattern")
                && let Some(text) = p.as_str()
                && let Some(why) = pattern_error(text)
            {
                found.push((
                    p,
                    format!("The 'pattern' value should be a valid regular expression ({why})."),
                ));
            }
        }
        for (v, message) in found {
            cx.report_value(v, message).set_help("correct or remove the constraint");
        }
    }
}

/// Why a pattern cannot be a regular expression, for the syntax errors every regex dialect
/// (.NET, ECMAScript) rejects; constructs only our engine lacks (look-around,
/// backreferences, …) are accepted.
fn pattern_error(pattern: &str) -> Option<&'static str> {
    const FATAL: &[(&str, &str)] = &[
        ("unclosed group", "unclosed group"),
        ("unopened group", "unopened group"),
        ("unclosed character class", "unclosed character class"),
        ("repetition operator missing expression", "nothing to repeat"),
        ("invalid character class range", "invalid character range"),
        ("invalid repetition count range", "invalid repetition range"),
        ("incomplete escape sequence", "trailing backslash"),
    ];
    let err = regex::Regex::new(&dotnet_classes(pattern)).err()?;
    let text = err.to_string();
    FATAL.iter().find(|(needle, _)| text.contains(needle)).map(|(_, why)| *why)
}

/// Rewrites character classes to the meaning .NET and ECMAScript give them: inside `[…]`,
/// `[` is a literal and `&&`, `--`, `~~` are not set operations (our engine treats all four
/// specially), so they are escaped.
fn dotnet_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    let mut class_start = false; // just after `[` or `[^`: a `]` here is a literal
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some(n) = chars.next() {
                    out.push(n);
                }
                class_start = false;
                continue;
            }
            '[' if in_class => out.push_str("\\["),
            '[' => {
                in_class = true;
                class_start = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                continue;
            }
            ']' if in_class && !class_start => {
                in_class = false;
                out.push(']');
            }
            '&' | '-' | '~' if in_class && chars.peek() == Some(&c) => {
                out.push(c);
                out.push('\\');
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            _ => out.push(c),
        }
        class_start = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn consistent_constraints_pass() {
        let d = check_swagger(
            &SchemaConstraintInvalid,
            json!({"definitions": {"Task": {"properties": {
                "a": {"type": "integer", "minimum": 1, "maximum": 1, "exclusiveMaximum": true},
                "b": {"type": "string", "pattern": "^(?=.*[a-z])\\w+(\\d)\\1$", "minLength": 0},
                "c": {"type": "string", "pattern": "^[\\w?#[\\]@&&~~-]+$"}
            }}}}),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn contradictory_constraints_fail() {
        let d = check_swagger(
            &SchemaConstraintInvalid,
            json!({
                "paths": {"/tasks": {"get": {"operationId": "ListTasks",
                    "parameters": [{"name": "page", "in": "query", "type": "integer", "minimum": 0, "exclusiveMaximum": false}],
                    "responses": {"200": {"description": "ok"}}}}},
                "definitions": {"Task": {"properties": {
                    "a": {"type": "integer", "minimum": 10, "maximum": 1, "multipleOf": 0},
                    "b": {"type": "string", "pattern": "([a-z]+", "maxLength": -1}
                }}}
            }),
        );
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks/get/parameters/0/exclusiveMaximum",
                "/definitions/Task/properties/a/minimum",
                "/definitions/Task/properties/a/multipleOf",
                "/definitions/Task/properties/b/pattern",
                "/definitions/Task/properties/b/maxLength",
            ]
        );
        assert!(d[3].message.contains("unclosed group"));
    }
}
