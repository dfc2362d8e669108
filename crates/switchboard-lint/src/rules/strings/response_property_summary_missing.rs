use crate::fast_hash::FastSet;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the first-level properties of each operation's 2xx response schema (of its
    /// items, when the response is an array) have an `x-ms-summary` or a `title`, looking
    /// through `$ref`s. Internal properties are skipped; each property is reported once even
    /// when its schema is shared.
    ///
    /// ## Why it matters
    /// The designers list response properties as dynamic content for later steps, labelled with
    /// `x-ms-summary` (or `title`); without one users pick from raw JSON names such as
    /// `usr_cr_dt`.
    ///
    /// ## Example
    /// ```json
    /// "200": { "description": "OK", "schema": { "type": "object",
    ///   "properties": { "created_at": { "type": "string", "format": "date-time" } } } }
    /// ```
    ///
    /// ## Fix
    /// Add `"x-ms-summary": "Created At"` (title case) to each property.
    pub ResponsePropertySummaryMissing {
        code: "SW184",
        name: "response-property-summary-missing",
        group: Strings,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for ResponsePropertySummaryMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let doc = &sw.doc;
        let mut reported = FastSet::default();
        for info in &sw.operations {
            for resp in info.responses.iter().filter(|r| r.is_success()) {
                let Some(schema) = resp.schema() else { continue };
                let mut schema = doc.deref(schema);
                if schema.get_str("type") == Some("array") {
                    let Some(items) = schema.get("items") else { continue };
                    schema = doc.deref(items);
                }
                for m in schema.get("properties").into_iter().flat_map(|p| p.members()) {
                    let prop = &m.value;
                    let target = doc.deref(prop);
                    let labelled = |v: &switchboard_model::json::Value| {
                        v.get("x-ms-summary").is_some() || v.get("title").is_some()
                    };
                    let internal = |v: &switchboard_model::json::Value| {
                        v.get_str("x-ms-visibility") == Some("internal")
                    };
                    if labelled(prop) || labelled(target) || internal(prop) || internal(target) {
                        continue;
                    }
                    if reported.insert(prop.span) {
                        cx.report_value(
                            prop,
                            format!(
                                "The response property '{}' of operation {} has no 'x-ms-summary'; the designer shows its raw name in dynamic content.",
                                m.key,
                                info.op.label()
                            ),
                        )
                        .set_help("add a title-case \"x-ms-summary\" to the property");
                    }
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
    fn labelled_properties_pass() {
        assert!(check_swagger(&ResponsePropertySummaryMissing, json!({})).is_empty());
    }

    #[test]
    fn unlabelled_property_fails_once() {
        // Task is the 200 of GetTask and the 201 of CreateTask: one finding.
        let d = check_swagger(
            &ResponsePropertySummaryMissing,
            json!({
                "definitions": {"Task": {"properties": {"created_at": {"type": "string"},
                    "secret": {"type": "string", "x-ms-visibility": "internal"}}}}
            }),
        );
        assert_eq!(pointers(&d), ["/definitions/Task/properties/created_at"]);
    }

    #[test]
    fn array_items_are_looked_into() {
        let d = check_swagger(
            &ResponsePropertySummaryMissing,
            json!({"paths": {"/tasks/{taskId}": {"get": {"responses": {"200": {
                "description": "Tasks", "schema": {"$ref": null, "type": "array", "items": {"type": "object", "properties": {"n": {"type": "integer"}}}}
            }}}}}}),
        );
        assert_eq!(
            pointers(&d),
            ["/paths/~1tasks~1{taskId}/get/responses/200/schema/items/properties/n"]
        );
    }
}
