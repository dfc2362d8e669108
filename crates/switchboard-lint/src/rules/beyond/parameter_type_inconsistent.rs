use crate::fast_hash::FastMap;
use crate::{Check, Context, Levels, ParameterDecl, Severity, SwaggerIndex, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that parameters with the same name and location (`in`) have the same `type` in
    /// every operation. Body parameters are not compared (their schemas are). When the
    /// declarations disagree, the finding points at the first declaration whose type differs
    /// from the most common one.
    ///
    /// ## Why it matters
    /// A parameter that is an `integer` in one action and a `string` in the next confuses users
    /// passing values between actions, and breaks policy templates and custom code keyed by
    /// parameter name. Microsoft's validator enforces this only between a webhook's trigger
    /// and its fetch operation (ParamtersWithSameNameMustHaveSameTypeAndVisibility); this rule
    /// applies it connector-wide.
    ///
    /// ## Example
    /// ```json
    /// { "/items/{id}": { "get": { "parameters": [{ "name": "id", "in": "path", "type": "integer" }] } },
    ///   "/items/{id}/tags": { "get": { "parameters": [{ "name": "id", "in": "path", "type": "string" }] } } }
    /// ```
    ///
    /// ## Fix
    /// Give the parameter one type everywhere (usually `string` for identifiers), or rename the
    /// parameters that really are different things.
    pub ParameterTypeInconsistent {
        code: "BX007",
        name: "parameter-type-inconsistent",
        group: Beyond,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for ParameterTypeInconsistent {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        // (name, in) → declarations with a type, in file order.
        let mut groups: FastMap<(String, &str), Vec<(&str, &ParameterDecl<'_>)>> =
            FastMap::default();
        let mut order = Vec::new();
        for decl in &sw.parameters {
            let p = &decl.param;
            let (Some(name), Some(location), Some(ty)) =
                (p.name(), p.location_str(), p.type_name())
            else {
                continue;
            };
            if location == "body" {
                continue;
            }
            let key_name =
                if location == "header" { name.to_ascii_lowercase() } else { name.to_string() };
            let key = (key_name, location);
            let entry = groups.entry(key.clone()).or_default();
            if entry.is_empty() {
                order.push(key);
            }
            entry.push((ty, decl));
        }
        for key in order {
            let Some(decls) = groups.get(&key) else { continue };
            let mut counts: Vec<(&str, usize)> = Vec::new();
            for (ty, _) in decls {
                match counts.iter_mut().find(|(t, _)| t == ty) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((ty, 1)),
                }
            }
            if counts.len() < 2 {
                continue;
            }
            // The most common type (the first seen on ties) is taken as intended.
            let Some(&(majority, _)) = counts.iter().rev().max_by_key(|(_, n)| *n) else {
                continue;
            };
            let Some((odd_type, odd)) = decls.iter().find(|(t, _)| *t != majority) else {
                continue;
            };
            let Some((_, example)) = decls.iter().find(|(t, _)| *t == majority) else { continue };
            let node = odd.param.node.get("type").unwrap_or(odd.param.node);
            let message = format!(
                "Parameter {} is of type '{odd_type}' here but '{majority}' in {}",
                odd.param.label(),
                where_declared(sw, example)
            );
            cx.report_value(node, message)
                .set_help("give the parameter the same type in every operation");
        }
    }
}

fn where_declared(sw: &SwaggerIndex<'_>, decl: &ParameterDecl<'_>) -> String {
    match decl.operation.and_then(|i| sw.operations.get(i)) {
        Some(op) => format!("operation {}", op.op.label()),
        None => match decl.param.declared {
            switchboard_model::swagger::ParameterSite::Shared => "#/parameters".to_string(),
            _ => "a path item".to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn op(id: &str, ty: &str) -> serde_json::Value {
        json!({"operationId": id, "parameters": [{"name": "id", "in": "path", "required": true, "type": ty}]})
    }

    #[test]
    fn consistent_types_pass() {
        assert!(check_swagger(&ParameterTypeInconsistent, json!({})).is_empty());
        let d = check_swagger(
            &ParameterTypeInconsistent,
            json!({"paths": {"/a/{id}": {"get": op("A", "string")}, "/b/{id}": {"get": op("B", "string")}}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn minority_type_fails_at_its_type() {
        let d = check_swagger(
            &ParameterTypeInconsistent,
            json!({"paths": {
                "/a/{id}": {"get": op("A", "string")},
                "/b/{id}": {"get": op("B", "integer")},
                "/c/{id}": {"get": op("C", "string")}
            }}),
        );
        assert_eq!(pointers(&d), ["/paths/~1b~1{id}/get/parameters/0/type"]);
        assert!(
            d[0].message.contains("'integer' here but 'string' in operation 'A'"),
            "{}",
            d[0].message
        );
    }
}
