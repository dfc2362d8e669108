use super::common::{Lookup, lookup_property, success_schema};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// For every operation with `x-ms-pageable`, checks that its 2xx response schema declares
    /// the property named by `nextLinkName` (default `nextLink`) at the top level. When that
    /// property's `example` is an absolute URL on another host than the swagger's `host`, also
    /// checks that apiProperties has an `updatenextlink` policy for the operation. Schemas that
    /// do not list their properties (dynamic or free-form) are not judged.
    ///
    /// ## Why it matters
    /// The platform follows the next-page link it finds under `nextLinkName` in the response.
    /// A response schema without that property usually means the API returns the link under
    /// another name (a `nextPage`, a `next` cursor) or not at all, and paging then silently
    /// stops after the first page, so flows work on partial data. A link pointing at the
    /// backend's own host must be rewritten to the connector's host by an `updatenextlink`
    /// policy, or the next request bypasses the connector (and its authentication).
    ///
    /// ## Example
    /// ```json
    /// { "x-ms-pageable": { "nextLinkName": "@odata.nextLink" },
    ///   "responses": { "200": { "schema": { "properties": { "value": { "type": "array" }, "next": { "type": "string" } } } } } }
    /// ```
    ///
    /// ## Fix
    /// Set `nextLinkName` to the property the API really returns (and declare it in the
    /// schema); add an `updatenextlink` policy template if the link points at another host.
    pub PageableWithoutNextLink {
        code: "BX022",
        name: "pageable-without-next-link",
        group: Beyond,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for PageableWithoutNextLink {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let host = sw.doc.host().unwrap_or_default().to_ascii_lowercase();
        for info in &sw.operations {
            let op = &info.op;
            let Some(pageable) = op.node.get("x-ms-pageable") else { continue };
            if pageable.as_object().is_none() {
                continue;
            }
            let name_node = pageable.get("nextLinkName");
            let name = match name_node {
                Some(v) if v.is_null() => continue, // paging explicitly off
                Some(v) => match v.as_str() {
                    Some(s) => s,
                    None => continue, // a mistyped value is another rule's finding
                },
                None => "nextLink",
            };
            let Some(schema) = success_schema(sw.doc, info) else { continue };
            match lookup_property(sw.doc, schema, name) {
                Lookup::Absent => {
                    cx.report_value(
                        name_node.unwrap_or(pageable),
                        format!("Operation {} is pageable but its 2xx response schema has no '{name}' property", op.label()),
                    )
                    .set_help("set nextLinkName to the property that holds the next-page URL, and declare it in the response schema");
                }
                Lookup::Found(prop) => {
                    let Some(example) = prop.get("example") else { continue };
                    let Some(link_host) = example.as_str().and_then(url_host) else { continue };
                    if host.is_empty()
                        || link_host.eq_ignore_ascii_case(&host)
                        || has_update_policy(cx, op.operation_id())
                    {
                        continue;
                    }
                    cx.report_value(
                        example,
                        format!(
                            "The next-page links of operation {} point at '{link_host}', not at the connector host '{host}', and no updatenextlink policy rewrites them",
                            op.label()
                        ),
                    )
                    .set_help("add an updatenextlink policy template for this operation");
                }
                Lookup::Unknown => {}
            }
        }
    }
}

/// The host of an absolute http(s) URL.
fn url_host(s: &str) -> Option<&str> {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

fn has_update_policy(cx: &Context<'_>, operation_id: Option<&str>) -> bool {
    let Some(props) = cx.properties() else { return false };
    props.policy_template_instances().any(|i| {
        i.template_id().is_some_and(|t| t.eq_ignore_ascii_case("updatenextlink")) && {
            let mut names = i.operation_names().filter_map(|v| v.as_str()).peekable();
            names.peek().is_none() || names.any(|n| Some(n) == operation_id)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check, check_swagger, pointers};
    use serde_json::json;

    fn pageable(page: &serde_json::Value, next: &serde_json::Value) -> serde_json::Value {
        json!({"paths": {"/tasks": {"get": {
            "operationId": "ListTasks",
            "x-ms-pageable": page,
            "responses": {"200": {"description": "Tasks.", "schema": {"type": "object", "properties": {
                "value": {"type": "array", "items": {"$ref": "#/definitions/Task"}},
                "@odata.nextLink": next
            }}}}
        }}}})
    }

    #[test]
    fn declared_next_link_passes() {
        let d = check_swagger(
            &PageableWithoutNextLink,
            pageable(&json!({"nextLinkName": "@odata.nextLink"}), &json!({"type": "string"})),
        );
        assert!(d.is_empty(), "{d:#?}");
        // Same host in the example: nothing to rewrite.
        let d = check_swagger(
            &PageableWithoutNextLink,
            pageable(
                &json!({"nextLinkName": "@odata.nextLink"}),
                &json!({"type": "string", "example": "https://api.taskforge.io/v1/tasks?page=2"}),
            ),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn missing_property_fails_at_next_link_name() {
        let d = check_swagger(
            &PageableWithoutNextLink,
            pageable(&json!({}), &json!({"type": "string"})),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks/get/x-ms-pageable"]);
        assert!(d[0].message.contains("no 'nextLink' property"), "{}", d[0].message);
        let d = check_swagger(
            &PageableWithoutNextLink,
            pageable(&json!({"nextLinkName": "next"}), &json!({"type": "string"})),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks/get/x-ms-pageable/nextLinkName"]);
    }

    #[test]
    fn foreign_host_needs_update_policy() {
        let patch = pageable(
            &json!({"nextLinkName": "@odata.nextLink"}),
            &json!({"type": "string", "example": "https://backend.taskforge.net/tasks?page=2"}),
        );
        let d = check_swagger(&PageableWithoutNextLink, patch.clone());
        assert_eq!(
            pointers(&d),
            ["/paths/~1tasks/get/responses/200/schema/properties/@odata.nextLink/example"]
        );
        let c = Fixture::new()
            .swagger(patch)
            .properties(json!({"properties": {"policyTemplateInstances": [{
                "templateId": "updatenextlink", "title": "Next link",
                "parameters": {"x-ms-apimTemplate-operationName": ["ListTasks"], "x-ms-apimTemplateParameter.nextLinkPropertyName": "@odata.nextLink"}
            }]}}))
            .build();
        assert!(check(&PageableWithoutNextLink, &c).is_empty());
    }
}
