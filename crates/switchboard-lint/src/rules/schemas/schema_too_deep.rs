use super::common::{Definitions, Expander};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The depth reported (the platform's limit is undocumented; calibrated on merged connectors).
const MAX_DEPTH: usize = 10;

declare_rule! {
    /// ## What it does
    /// Measures the nesting depth of each operation's response schemas with `$ref`s expanded
    /// (a recursive reference stops the descent) and reports depths over 10. A schema
    /// without sub-schemas has depth 0; each `properties` member, `items`,
    /// `additionalProperties` or `allOf` member adds a level.
    ///
    /// ## Why it matters
    /// The validator has a depth limit "including referenced ('$ref') schemas"
    /// (SchemaTooDeep); its value is not published, and deep outputs are hard to use in the
    /// designer's dynamic content. This is a measurement, hence info.
    ///
    /// ## Example
    /// A response `data.items[].attributes.address.geo.location…` eleven levels down.
    ///
    /// ## Fix
    /// Flatten the schema, or declare deep parts as untyped objects.
    pub SchemaTooDeep {
        code: "SW147",
        name: "schema-too-deep",
        group: Schemas,
        levels: Levels::all(Severity::Info),
        ms_rule: Some("SchemaTooDeep"),
    }
}

impl Check for SchemaTooDeep {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let defs = Definitions::of(sw);
        let mut expander = Expander::new(defs);
        let mut found = Vec::new();
        for op in &sw.operations {
            for r in &op.responses {
                let Some(schema) = r.schema().filter(|s| s.as_object().is_some()) else { continue };
                // Extent counts the root as level 1; nesting below it is one less.
                let depth = expander.extent(schema).depth.saturating_sub(1);
                if depth > MAX_DEPTH {
                    // At the operation's own response entry, so a shared response is
                    // reported once per operation using it.
                    let at = r.site.get("schema").unwrap_or(r.site);
                    found.push((at, format!("The '{}' response schema of operation {} is {depth} levels deep; schemas should not exceed a depth of '{MAX_DEPTH}', including referenced ('$ref') schemas.", r.code, op.op.label())));
                }
            }
        }
        for (node, message) in found {
            cx.report_value(node, message)
                .set_help("flatten the schema or declare deep parts as untyped objects");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    /// A schema `levels` deep: that many objects around a string.
    fn nested(levels: usize) -> serde_json::Value {
        let mut s = json!({"type": "string"});
        for _ in 0..levels {
            s = json!({"type": "object", "properties": {"x": s}});
        }
        s
    }

    #[test]
    fn ten_levels_pass() {
        assert!(
            check_swagger(&SchemaTooDeep, json!({"definitions": {"Task": nested(10)}})).is_empty()
        );
    }

    #[test]
    fn eleven_levels_fail_through_references() {
        let d = check_swagger(&SchemaTooDeep, json!({"definitions": {"Task": nested(11)}}));
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks~1{taskId}/get/responses/200/schema",
                "/paths/~1tasks/post/responses/201/schema"
            ]
        );
        assert!(
            d[0].message
                .contains("The '200' response schema of operation 'GetTask' is 11 levels deep")
        );
        assert_eq!(d[0].severity, Severity::Info);
    }
}
