use crate::fast_hash::FastSet;
use switchboard_model::swagger::{Parameter, Response};

use super::common::{Definitions, Expander};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Schema objects allowed in one body or response schema.
const PER_SCHEMA: usize = 512;
/// Schema objects allowed in one operation (all its bodies and responses).
const PER_OPERATION: usize = 16_384;

declare_rule! {
    /// ## What it does
    /// Counts the schema objects of each body and response schema, with every `$ref`
    /// expanded (a recursive reference counts once), and checks the platform limits: at most
    /// 512 in one body or response schema, and 16,384 in one operation. (The whole-document
    /// limit, 256 operations × 16,384, follows from these and SW006.)
    ///
    /// ## Why it matters
    /// The import rejects larger schemas ("The total number of schemas in the object exceeds
    /// the max schema count allowed value of '512'."); very large schemas also make the
    /// designer slow.
    ///
    /// ## Example
    /// A response schema referencing a definition with 600 properties.
    ///
    /// ## Fix
    /// Trim the schema to the fields users need in flows; return the rest as an untyped
    /// object, or split the operation.
    pub SchemaCountExceeded {
        code: "SW146",
        name: "schema-count-exceeded",
        group: Schemas,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("BodySchemaCountExceedsMaxAllowed"),
    }
}

impl Check for SchemaCountExceeded {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let defs = Definitions::of(sw);
        let mut expander = Expander::new(defs);
        let mut found = Vec::new();
        let mut reported = FastSet::default();
        for op in &sw.operations {
            let bodies = op.params.iter().filter(|p| p.is_body()).filter_map(Parameter::schema);
            let responses = op.responses.iter().filter_map(Response::schema);
            let mut total = 0usize;
            for schema in bodies.chain(responses).filter(|s| s.as_object().is_some()) {
                let count = expander.extent(schema).nodes;
                total = total.saturating_add(count);
                if count > PER_SCHEMA && reported.insert(std::ptr::from_ref(schema)) {
                    found.push((schema, format!("The total number of schemas in the object exceeds the max schema count allowed value of '{PER_SCHEMA}' ({count} with references expanded). Please remove any unnecessary property or item definitions.")));
                }
            }
            if total > PER_OPERATION {
                found.push((op.op.node, format!("The total number of schemas in the operation {} has exceeded the maximum allowed value of '{PER_OPERATION}' ({total}). Please remove any unnecessary property or item definitions.", op.op.label())));
            }
        }
        for (node, message) in found {
            cx.report_value(node, message).set_help(
                "trim the schema to the fields flows need; return the rest as an untyped object",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::{Map, json};

    fn wide(n: usize) -> serde_json::Value {
        let props: Map<String, serde_json::Value> =
            (0..n).map(|i| (format!("p{i}"), json!({"type": "string"}))).collect();
        json!({"type": "object", "properties": props})
    }

    #[test]
    fn small_schemas_pass() {
        // The base `id` and `title`, 509 more properties, and the object itself: 512.
        let d = check_swagger(&SchemaCountExceeded, json!({"definitions": {"Task": wide(509)}}));
        assert!(d.is_empty());
    }

    #[test]
    fn large_referenced_schema_fails_at_each_use() {
        let d = check_swagger(&SchemaCountExceeded, json!({"definitions": {"Task": wide(510)}}));
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks~1{taskId}/get/responses/200/schema",
                "/paths/~1tasks/post/responses/201/schema"
            ]
        );
        assert!(d[0].message.contains("(513 with references expanded)"));
    }
}
