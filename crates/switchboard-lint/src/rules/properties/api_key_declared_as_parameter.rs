use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no operation declares a parameter with the header or query name of an
    /// `apiKey` security definition (header names compared case-insensitively, query names
    /// exactly).
    ///
    /// ## Why it matters
    /// The platform sends the API key from the connection in that header or query parameter.
    /// Declaring it again as an operation parameter shows users a second field for the key in
    /// every action, and whichever value wins, one of the two is silently dropped.
    ///
    /// ## Example
    /// ```json
    /// "securityDefinitions": { "key": { "type": "apiKey", "in": "header", "name": "x-api-key" } },
    /// "parameters": [ { "name": "x-api-key", "in": "header", "type": "string" } ]
    /// ```
    ///
    /// ## Fix
    /// Remove the operation parameter; the connection supplies the key.
    pub ApiKeyDeclaredAsParameter {
        code: "AP042",
        name: "api-key-declared-as-parameter",
        group: Properties,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for ApiKeyDeclaredAsParameter {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let keys: Vec<(&str, &str, &str)> = sw
            .doc
            .security_definitions()
            .filter(|s| s.scheme_type() == Some("apiKey"))
            .filter_map(|s| Some((s.location()?, s.key_name()?, s.name)))
            .collect();
        if keys.is_empty() {
            return;
        }
        for decl in &sw.parameters {
            let param = decl.param;
            let (Some(name), Some(location)) = (param.name(), param.location_str()) else {
                continue;
            };
            let hit = keys.iter().find(|(l, n, _)| {
                *l == location
                    && match location {
                        "header" => n.eq_ignore_ascii_case(name),
                        _ => *n == name,
                    }
            });
            if let Some((_, _, scheme)) = hit {
                cx.report_value(param.node, format!("parameter '{name}' (in {location}) repeats the API key of security definition '{scheme}'; the connection already sends it"))
                    .set_help("remove the parameter: the platform adds the key from the connection");
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
    fn other_headers_pass() {
        assert!(check_swagger(&ApiKeyDeclaredAsParameter, json!({})).is_empty());
    }

    #[test]
    fn key_header_parameter_fails_at_the_parameter() {
        let patch = json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [
            {"name": "taskId", "in": "path", "required": true, "type": "string"},
            {"name": "x-api-key", "in": "header", "type": "string"}
        ]}}}});
        let d = check_swagger(&ApiKeyDeclaredAsParameter, patch);
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/1"]);
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
