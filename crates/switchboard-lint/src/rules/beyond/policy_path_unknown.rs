use switchboard_model::api_properties::PolicyTemplateInstance;
use switchboard_model::json::Value;
use switchboard_model::swagger::{Location, Swagger};

use super::common::{Lookup, body_schema, lookup_property, success_schema};
use crate::{Check, Context, Levels, OperationInfo, Severity, declare_rule};

/// Template parameters that name a request property path (`@body().a.b`), with whether the
/// path is checked in the request section and in the response section.
const BODY_PATHS: &[(&str, bool, bool)] =
    &[("propertyParentPath", true, true), ("newPropertyPath", false, true)];
/// Template parameters whose `{name}` placeholders are the operation's path parameters.
const URL_TEMPLATES: &[&str] = &["newPath", "parameterValueUrl"];
/// Template parameters that are targets or settings, not sources: their `@headers(…)`
/// and `@queryParameters(…)` expressions name what the policy writes, not what it reads.
const NOT_SOURCES: &[&str] = &["parameterTemplate", "name", "existsAction", "httpMethod"];

declare_rule! {
    /// ## What it does
    /// Checks that the paths and references inside policy templates (`policyTemplateInstances`
    /// of apiProperties.json) exist in the operations the policy is scoped to
    /// (`x-ms-apimTemplate-operationName`):
    ///
    /// * `{name}` placeholders of `routerequesttoendpoint`'s `newPath` and `setvaluefromurl`'s
    ///   `parameterValueUrl` are path parameters of the operation;
    /// * `@headers('x')` and `@queryParameters('x')` read by a request-section policy
    ///   (`setheader`/`setqueryparameter` values, URL templates) are header / query
    ///   parameters of the operation;
    /// * `@body()` paths — `propertyParentPath` (joined with `propertySubPath` in the request
    ///   section) and, in the response section, `newPropertyPath` — name properties declared in
    ///   the operation's body schema (request section) or 2xx response schema (response
    ///   section).
    ///
    /// Policies without an operation list apply to every operation and are not checked;
    /// schemas that do not list their properties are not judged; `@connectionParameters(…)`
    /// references are AP033's.
    ///
    /// ## Why it matters
    /// Policy templates are evaluated only at run time: a misspelled property or parameter
    /// name in one is not reported anywhere, the policy silently does nothing (or sends an
    /// empty value), and the failure surfaces as a confusing backend error in a user's flow.
    ///
    /// ## Example
    /// ```json
    /// { "templateId": "routerequesttoendpoint",
    ///   "parameters": { "x-ms-apimTemplate-operationName": ["GetFeed"],
    ///                   "x-ms-apimTemplateParameter.newPath": "/{userID}/feed" } }
    /// ```
    /// where `GetFeed`'s path parameter is `userId`.
    ///
    /// ## Fix
    /// Correct the name in the policy to the parameter or property the operation declares
    /// (names are case-sensitive), or add the missing declaration to the swagger.
    pub PolicyPathUnknown {
        code: "BX020",
        name: "policy-path-unknown",
        group: Beyond,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for PolicyPathUnknown {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(props) = cx.properties() else { return };
        let mut found: Vec<(&Value, String)> = Vec::new();
        for instance in props.policy_template_instances() {
            let ops: Vec<&OperationInfo<'_>> = instance
                .operation_names()
                .filter_map(Value::as_str)
                .filter_map(|n| sw.operations.iter().find(|o| o.op.operation_id() == Some(n)))
                .collect();
            if ops.is_empty() {
                continue;
            }
            let request =
                instance.policy_section().is_none_or(|s| s.eq_ignore_ascii_case("request"));
            check_instance(sw.doc, instance, &ops, request, &mut found);
        }
        for (node, message) in found {
            cx.report_properties(node.span, message)
                .set_help("policy templates are only evaluated at run time: use the exact names the operation declares");
        }
    }
}

fn check_instance<'a>(
    sw: Swagger<'a>,
    instance: PolicyTemplateInstance<'a>,
    ops: &[&OperationInfo<'a>],
    request: bool,
    found: &mut Vec<(&'a Value, String)>,
) {
    let template = instance.template_id().unwrap_or("policy");
    // URL placeholders.
    for key in URL_TEMPLATES {
        let Some(node) = instance.template_parameter(key) else { continue };
        let Some(url) = node.as_str() else { continue };
        for name in placeholders(url) {
            if let Some(op) = ops.iter().find(|op| !has_param(op, name, Location::Path)) {
                found.push((node, format!("The {template} {key} uses '{{{name}}}', which is not a path parameter of operation {}", op.op.label())));
                break;
            }
        }
    }
    // Header and query expressions read by request policies.
    if request {
        for m in instance.parameters().into_iter().flat_map(Value::members) {
            let Some(key) = m.key.strip_prefix("x-ms-apimTemplateParameter.") else { continue };
            if NOT_SOURCES.contains(&key) {
                continue;
            }
            let mut refs = Vec::new();
            m.value.for_each_string(&mut |v, s| {
                refs.extend(expressions(s).into_iter().map(|e| (v, e)));
            });
            for (v, (function, name)) in refs {
                let location =
                    if function == "headers" { Location::Header } else { Location::Query };
                if let Some(op) = ops.iter().find(|op| !has_param(op, name, location)) {
                    found.push((
                        v,
                        format!(
                            "The {template} {key} reads @{function}('{name}'), but operation {} has no {} parameter '{name}'",
                            op.op.label(),
                            location.as_str()
                        ),
                    ));
                    break;
                }
            }
        }
    }
    // Body property paths.
    for (key, in_request, in_response) in BODY_PATHS {
        if !(if request { *in_request } else { *in_response }) {
            continue;
        }
        let Some(node) = instance.template_parameter(key) else { continue };
        let Some(expr) = node.as_str() else { continue };
        let Some(mut path) = body_path(expr) else { continue };
        if request && *key == "propertyParentPath" {
            let Some(sub) = instance.template_parameter("propertySubPath").and_then(Value::as_str)
            else {
                continue;
            };
            if sub.is_empty() || sub.contains(['.', '[', '@']) {
                continue;
            }
            path.push(Segment::Name(sub));
        }
        for op in ops {
            let schema = if request { body_schema(sw, op) } else { success_schema(sw, op) };
            let Some(schema) = schema else { continue };
            if let Some(missing) = missing_property(sw, schema, &path) {
                let side = if request { "request body" } else { "response" };
                found.push((node, format!("The {template} {key} refers to '{missing}', which operation {}'s {side} schema does not declare", op.op.label())));
                break;
            }
        }
    }
}

fn has_param(op: &OperationInfo<'_>, name: &str, location: Location) -> bool {
    op.params.iter().any(|p| {
        p.location() == Some(location)
            && p.name().is_some_and(|n| {
                if location == Location::Header { n.eq_ignore_ascii_case(name) } else { n == name }
            })
    })
}

/// The `{name}` placeholders of a URL template.
fn placeholders(url: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = url;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        let name = &after[..end];
        if !name.is_empty() && !name.contains(['{', '@', '(']) {
            out.push(name);
        }
        rest = &after[end + 1..];
    }
    out
}

/// `@headers('x')` and `@queryParameters('x')` expressions in `s`, as (function, name).
fn expressions(s: &str) -> Vec<(&'static str, &str)> {
    let mut out = Vec::new();
    for function in ["headers", "queryParameters"] {
        let open = format!("@{function}('");
        let mut rest = s;
        while let Some(i) = rest.find(&open) {
            let after = &rest[i + open.len()..];
            let Some(end) = after.find("')") else { break };
            out.push((function, &after[..end]));
            rest = &after[end..];
        }
    }
    out
}

/// One step of a `@body()` path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Segment<'a> {
    Name(&'a str),
    Index,
}

/// The steps of a plain `@body()…` path (`.name`, `['name']`, `[0]`); `None` for any other
/// expression.
fn body_path(expr: &str) -> Option<Vec<Segment<'_>>> {
    let mut rest = expr.trim().strip_prefix("@body()")?;
    let mut out = Vec::new();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("['") {
            let end = r.find("']")?;
            out.push(Segment::Name(&r[..end]));
            rest = &r[end + 2..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            if !r[..end].bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            out.push(Segment::Index);
            rest = &r[end + 1..];
        } else if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let name = &r[..end];
            if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || "_-@$".contains(c)) {
                return None;
            }
            out.push(Segment::Name(name));
            rest = &r[end..];
        } else {
            return None;
        }
    }
    Some(out)
}

/// The first name of `path` that `schema` certainly does not declare.
fn missing_property<'a>(
    sw: Swagger<'a>,
    schema: &'a Value,
    path: &[Segment<'a>],
) -> Option<&'a str> {
    let mut current = sw.deref(schema);
    for segment in path {
        match segment {
            Segment::Index => match current.get("items") {
                Some(items) => current = sw.deref(items),
                None => return None,
            },
            Segment::Name(name) => {
                if current.get_str("type") == Some("array") {
                    return None;
                }
                match lookup_property(sw, current, name) {
                    Lookup::Found(next) => current = next,
                    Lookup::Absent => return Some(name),
                    Lookup::Unknown => return None,
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check, pointers};
    use serde_json::json;

    fn policy(template: &str, params: &serde_json::Value) -> serde_json::Value {
        json!({"properties": {"policyTemplateInstances": [{"templateId": template, "title": "Policy", "parameters": params}]}})
    }

    fn run(params: &serde_json::Value, template: &str) -> Vec<crate::Diagnostic> {
        check(&PolicyPathUnknown, &Fixture::new().properties(policy(template, params)).build())
    }

    #[test]
    fn existing_names_pass() {
        assert!(check(&PolicyPathUnknown, &Fixture::new().build()).is_empty());
        let d = run(
            &json!({"x-ms-apimTemplate-operationName": ["GetTask"], "x-ms-apimTemplateParameter.newPath": "/api/tasks/{taskId}"}),
            "routerequesttoendpoint",
        );
        assert!(d.is_empty(), "{d:#?}");
        let d = run(
            &json!({"x-ms-apimTemplate-operationName": ["CreateTask"],
                   "x-ms-apimTemplateParameter.propertyParentPath": "@body()",
                   "x-ms-apimTemplateParameter.propertySubPath": "title"}),
            "stringtoarray",
        );
        assert!(d.is_empty(), "{d:#?}");
        // No operation list: applies everywhere, not checked.
        let d = run(
            &json!({"x-ms-apimTemplateParameter.newPath": "/{nope}"}),
            "routerequesttoendpoint",
        );
        assert!(d.is_empty());
    }

    #[test]
    fn unknown_placeholder_fails_at_the_template() {
        let d = run(
            &json!({"x-ms-apimTemplate-operationName": ["GetTask"], "x-ms-apimTemplateParameter.newPath": "/api/tasks/{taskID}"}),
            "routerequesttoendpoint",
        );
        assert_eq!(
            pointers(&d),
            ["/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplateParameter.newPath"]
        );
        assert!(
            d[0].message
                .contains("'{taskID}', which is not a path parameter of operation 'GetTask'"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn unknown_header_expression_fails() {
        let d = run(
            &json!({"x-ms-apimTemplate-operationName": ["GetTask"],
                   "x-ms-apimTemplateParameter.name": "Cookie",
                   "x-ms-apimTemplateParameter.value": "@headers('x-ms-cookie')"}),
            "setheader",
        );
        assert_eq!(
            pointers(&d),
            ["/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplateParameter.value"]
        );
        assert!(d[0].message.contains("no header parameter 'x-ms-cookie'"));
    }

    #[test]
    fn unknown_body_property_fails() {
        let d = run(
            &json!({"x-ms-apimTemplate-operationName": ["CreateTask"],
                   "x-ms-apimTemplateParameter.propertyParentPath": "@body()",
                   "x-ms-apimTemplateParameter.propertySubPath": "assignees"}),
            "stringtoarray",
        );
        assert_eq!(
            pointers(&d),
            [
                "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplateParameter.propertyParentPath"
            ]
        );
        assert!(d[0].message.contains("'assignees'"));
        let d = run(
            &json!({"x-ms-apimTemplate-operationName": ["GetTask"], "x-ms-apimTemplate-policySection": "Response",
                   "x-ms-apimTemplateParameter.propertyParentPath": "@body()",
                   "x-ms-apimTemplateParameter.newPropertyPath": "@body()['_owners']"}),
            "convertobjecttoarray",
        );
        assert_eq!(
            pointers(&d),
            [
                "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplateParameter.newPropertyPath"
            ]
        );
    }

    #[test]
    fn body_paths_parse() {
        assert_eq!(
            body_path("@body()['@odata.etag'].a[0]"),
            Some(vec![Segment::Name("@odata.etag"), Segment::Name("a"), Segment::Index])
        );
        assert_eq!(body_path("@item().x"), None);
        assert_eq!(placeholders("/{a}/x/{b}?q={c}"), ["a", "b", "c"]);
        assert_eq!(
            expressions("x @headers('A') @queryParameters('b')"),
            [("headers", "A"), ("queryParameters", "b")]
        );
    }
}
