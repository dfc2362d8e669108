use switchboard_model::json::Value;

use super::keys::{Keys, for_each_schema_node_with, simple_nodes_with};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Keywords that must be ≥ 0.
const NON_NEGATIVE: &[&str] =
    &["maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties"];

/// Every keyword this rule looks at.
const CONSTRAINTS: &[&str] = &[
    "maxLength",
    "minLength",
    "maxItems",
    "minItems",
    "maxProperties",
    "minProperties",
    "minimum",
    "maximum",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "multipleOf",
    "pattern",
];

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
        let keys = Keys::any_of(CONSTRAINTS);
        for_each_schema_node_with(sw, keys, &mut |node, _, _| nodes.push(node));
        nodes.extend(simple_nodes_with(sw, keys));
        let mut found: Vec<(&Value, String)> = Vec::new();
        for node in nodes {
            // Most schemas have none of these keywords: one pass over the members decides.
            if !node.members().any(|m| CONSTRAINTS.contains(&m.key.as_str())) {
                continue;
            }
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

/// Why a pattern is not a regular expression, for the syntax errors .NET (the platform)
/// and ECMAScript both reject: unbalanced parentheses, an unclosed character class, a
/// quantifier with nothing to repeat, a reversed range (`[z-a]`, `{3,1}`), a trailing
/// backslash. Constructs one dialect lacks (look-around, named groups, …) are accepted.
/// A hand-written scan: compiling every pattern would cost more than the whole rule set.
fn pattern_error(pattern: &str) -> Option<&'static str> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut depth = 0usize;
    let mut can_repeat = false; // the previous token is something a quantifier applies to
    let mut after_quantifier = false; // a lazy `?` may follow a quantifier
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        let mut quantifier = false;
        match c {
            '\\' => {
                if i >= chars.len() {
                    return Some("trailing backslash");
                }
                i += 1;
                can_repeat = true;
            }
            '[' => {
                match class_end(&chars, i) {
                    Ok(end) => i = end,
                    Err(why) => return Some(why),
                }
                can_repeat = true;
            }
            '(' => {
                depth += 1;
                if chars.get(i) == Some(&'?') {
                    i += 1; // group construct: (?:, (?=, (?<name>, (?i), …
                }
                can_repeat = false;
            }
            ')' => {
                if depth == 0 {
                    return Some("unopened group");
                }
                depth -= 1;
                can_repeat = true;
            }
            '*' | '+' | '?' => {
                if c == '?' && after_quantifier {
                    after_quantifier = false;
                    continue;
                }
                if !can_repeat {
                    return Some("nothing to repeat");
                }
                quantifier = true;
            }
            '{' => match repetition(&chars, i) {
                Some((end, ordered)) => {
                    if !can_repeat {
                        return Some("nothing to repeat");
                    }
                    if !ordered {
                        return Some("invalid repetition range");
                    }
                    i = end;
                    quantifier = true;
                }
                None => can_repeat = true, // a literal brace
            },
            '|' => can_repeat = false,
            _ => can_repeat = true,
        }
        if quantifier {
            can_repeat = false;
        }
        after_quantifier = quantifier;
    }
    if depth > 0 {
        return Some("unclosed group");
    }
    None
}

/// The index after the `]` closing a character class whose content starts at `start`, or
/// the error. Inside a class `[` is a literal; a `]` first in the class is a literal too.
fn class_end(chars: &[char], start: usize) -> Result<usize, &'static str> {
    let mut i = start;
    if chars.get(i) == Some(&'^') {
        i += 1;
    }
    if chars.get(i) == Some(&']') {
        i += 1;
    }
    let mut previous: Option<char> = None; // the last literal, for ranges
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            ']' => return Ok(i),
            '\\' => {
                let escaped = chars.get(i).copied().ok_or("trailing backslash")?;
                i += 1;
                // `\w`, `\d`, … are sets, not literals; `\]`, `\-`, `\\` are literals.
                previous = (!escaped.is_ascii_alphanumeric()).then_some(escaped);
            }
            '-' if previous.is_some() && chars.get(i).is_some_and(|n| *n != ']') => {
                let low = previous.unwrap_or_default();
                let mut high = chars[i];
                i += 1;
                if high == '\\' {
                    let escaped = chars.get(i).copied().ok_or("trailing backslash")?;
                    i += 1;
                    if escaped.is_ascii_alphanumeric() {
                        previous = None;
                        continue; // a set or a code such as \x41: not judged
                    }
                    high = escaped;
                }
                if low > high {
                    return Err("invalid character range");
                }
                previous = None;
            }
            _ => previous = Some(c),
        }
    }
    Err("unclosed character class")
}

/// For `{n}`, `{n,}` or `{n,m}` starting after the `{` at `start`: the index after the `}`
/// and whether n ≤ m. `None` when the brace is not a quantifier (then it is a literal).
fn repetition(chars: &[char], start: usize) -> Option<(usize, bool)> {
    let close = start + chars.get(start..)?.iter().position(|c| *c == '}')?;
    let body: String = chars[start..close].iter().collect();
    let (low, high) = match body.split_once(',') {
        Some((l, h)) => (l, Some(h)),
        None => (body.as_str(), None),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(low) || high.is_some_and(|h| !h.is_empty() && !digits(h)) {
        return None;
    }
    let ordered = match (low.parse::<u64>(), high.filter(|h| !h.is_empty()).map(str::parse::<u64>))
    {
        (Ok(l), Some(Ok(h))) => l <= h,
        _ => true,
    };
    Some((close + 1, ordered))
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
                "c": {"type": "string", "pattern": "^[\\w?#[\\]@&&~~-]+$"},
                "d": {"type": "string", "pattern": "^(?<year>\\d{4})-[a-z]{2,}?(?:x|y)*?$"}
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

    #[test]
    fn pattern_scanner() {
        for ok in [
            "^a+$",
            "[]a]",
            "[^]a]",
            "a{2,3}",
            "a{,3}",
            "x{",
            "(?=a)b",
            "(?<n>a)\\k<n>",
            "a*?",
            "[\\w-]",
            "[a-\\d]",
            "\\(",
        ] {
            assert_eq!(pattern_error(ok), None, "{ok}");
        }
        for (bad, why) in [
            ("(a", "unclosed group"),
            ("a)", "unopened group"),
            ("[a-z", "unclosed character class"),
            ("*a", "nothing to repeat"),
            ("a|+", "nothing to repeat"),
            ("a**", "nothing to repeat"),
            ("[z-a]", "invalid character range"),
            ("a{3,1}", "invalid repetition range"),
            ("a\\", "trailing backslash"),
        ] {
            assert_eq!(pattern_error(bad), Some(why), "{bad}");
        }
    }
}
