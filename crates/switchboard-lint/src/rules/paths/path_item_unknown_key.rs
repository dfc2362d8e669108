use switchboard_model::swagger::Method;

use super::common::replace_string;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every key of a path item is a lowercase HTTP method (`get`, `put`, `post`,
    /// `delete`, `options`, `head`, `patch`), `parameters`, or an extension starting with
    /// `x-`. `$ref` is SW056's.
    ///
    /// ## Why it matters
    /// Other keys are not allowed by Swagger 2.0 ("AdditionalPropertyNotAllowed"), and an
    /// operation under `GET` or `Post` is silently not imported: keys are case-sensitive.
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items": { "GET": { "operationId": "ListItems" } } } }
    /// ```
    ///
    /// ## Fix
    /// Write methods in lowercase (`"get"`, automatic fix when no `get` exists yet), and
    /// prefix vendor keys with `x-`.
    pub PathItemUnknownKey {
        code: "SW057",
        name: "path-item-unknown-key",
        group: Paths,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("AdditionalPropertyNotAllowed"),
    }
}

impl Check for PathItemUnknownKey {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for path in sw.doc.paths() {
            let Some(item) = path.node.as_object() else { continue };
            for m in &item.members {
                let key = m.key.as_str();
                if Method::from_key(key).is_some()
                    || key == "parameters"
                    || key == "$ref"
                    || key.starts_with("x-")
                {
                    continue;
                }
                let d = cx.report_swagger(
                    m.key_span,
                    format!("The key '{key}' is not allowed in the path item '{}'", path.template),
                );
                let lower = key.to_ascii_lowercase();
                if Method::from_key(&lower).is_some() || lower == "parameters" {
                    d.set_help(format!("keys are case-sensitive: write '{lower}'"));
                    if !item.contains_key(&lower) {
                        d.set_fix(replace_string(
                            m.key_span,
                            &lower,
                            format!("Rename to `{lower}`"),
                        ));
                    }
                } else {
                    d.set_help(
                        "use an HTTP method in lowercase, 'parameters', or an 'x-' extension",
                    );
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
    fn methods_parameters_and_extensions_pass() {
        let d = check_swagger(
            &PathItemUnknownKey,
            json!({"paths": {"/tasks": {"parameters": [], "x-summary": "Tasks"}}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn uppercase_method_fails_with_a_fix() {
        let d = check_swagger(
            &PathItemUnknownKey,
            json!({"paths": {"/tasks": {"GET": {"operationId": "ListTasks"}, "summary": "x"}}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks/GET", "/paths/~1tasks/summary"]);
        assert_eq!(d[0].fix.as_ref().map(|f| f.edits[0].replacement.as_str()), Some("\"get\""));
        assert!(d[1].fix.is_none());
    }

    #[test]
    fn uppercase_method_next_to_the_lowercase_one_has_no_fix() {
        let d = check_swagger(&PathItemUnknownKey, json!({"paths": {"/tasks": {"POST": {}}}}));
        assert_eq!(pointers(&d), ["/paths/~1tasks/POST"]);
        assert!(d[0].fix.is_none());
    }
}
