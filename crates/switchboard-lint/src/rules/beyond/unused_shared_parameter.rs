use super::common::{for_each_ref, ref_target};
use crate::fast_hash::FastSet;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every shared parameter in `#/parameters` is referenced by at least one path
    /// item or operation, or by a root extension such as `x-ms-parameterized-host`.
    ///
    /// ## Why it matters
    /// An unreferenced shared parameter is dead code: it never reaches the designer, but it
    /// bloats the file and misleads whoever maintains it (often it is the remains of a renamed
    /// or removed input).
    ///
    /// ## Example
    /// ```json
    /// { "parameters": { "top": { "name": "$top", "in": "query", "type": "integer" } } }
    /// ```
    /// with no `{"$ref": "#/parameters/top"}` in any `parameters` list.
    ///
    /// ## Fix
    /// Delete the shared parameter, or reference it from the operations that should accept it.
    pub UnusedSharedParameter {
        code: "BX002",
        name: "unused-shared-parameter",
        group: Beyond,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for UnusedSharedParameter {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(shared) = sw.doc.shared_parameters() else { return };
        if shared.is_empty() {
            return;
        }
        let mut used: FastSet<String> = FastSet::default();
        for path in sw.doc.paths() {
            let entries = path
                .parameter_entries()
                .iter()
                .chain(path.operations().flat_map(|op| op.parameter_entries()));
            for entry in entries {
                if let Some((section, name)) = entry.get_str("$ref").and_then(ref_target)
                    && section == "parameters"
                {
                    used.insert(name.into_owned());
                }
            }
        }
        // Extensions such as x-ms-parameterized-host refer to shared parameters too.
        for m in sw.root().members().filter(|m| m.key.starts_with("x-")) {
            for_each_ref(&m.value, &mut |r| {
                if let Some((section, name)) = ref_target(r)
                    && section == "parameters"
                {
                    used.insert(name.into_owned());
                }
            });
        }
        for m in &shared.members {
            if !used.contains(m.key.as_str()) {
                cx.report_swagger(m.key_span, format!("Shared parameter '{}' is not referenced by any operation", m.key))
                    .set_help("delete it, or add {\"$ref\": \"#/parameters/…\"} to the operations that should accept it");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn top() -> serde_json::Value {
        json!({"name": "$top", "in": "query", "type": "integer", "x-ms-summary": "Top", "description": "How many."})
    }

    #[test]
    fn referenced_parameters_pass() {
        let d = check_swagger(
            &UnusedSharedParameter,
            json!({
                "parameters": {"top": top(), "a/b": top()},
                "paths": {"/tasks": {
                    "parameters": [{"$ref": "#/parameters/a~1b"}],
                    "get": {"parameters": [{"$ref": "#/parameters/top"}]}
                }}
            }),
        );
        assert!(d.is_empty(), "{d:#?}");
        assert!(check_swagger(&UnusedSharedParameter, json!({})).is_empty());
        let d = check_swagger(
            &UnusedSharedParameter,
            json!({"parameters": {"Endpoint": {"name": "Endpoint", "in": "host", "type": "string"}},
                   "x-ms-parameterized-host": {"hostTemplate": "{Endpoint}", "parameters": [{"$ref": "#/parameters/Endpoint"}]}}),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn unreferenced_parameter_fails_at_its_key() {
        let d = check_swagger(&UnusedSharedParameter, json!({"parameters": {"top": top()}}));
        assert_eq!(pointers(&d), ["/parameters/top"]);
        assert!(d[0].message.contains("'top'"));
    }
}
