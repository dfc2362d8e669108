use switchboard_model::json::Value;

use super::common::{for_each_schema_node, simple_nodes};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The `type` names of Swagger 2.0.
const TYPES: &[&str] = &["string", "integer", "number", "boolean", "array", "object", "file"];

/// The `format` names the platform recognises (Swagger's, plus `date-no-tz`, `html`, `uuid`;
/// `guid` and `decimal`, widespread in merged connectors, are accepted by [`recognised`]).
const FORMATS: &[&str] = &[
    "int32",
    "int64",
    "float",
    "double",
    "byte",
    "binary",
    "date",
    "date-time",
    "password",
    "date-no-tz",
    "email",
    "html",
    "uri",
    "uuid",
];

declare_rule! {
    /// ## What it does
    /// Checks that every `type` (in schemas, non-body parameters and headers) is one of
    /// `string`, `integer`, `number`, `boolean`, `array`, `object`, `file`, and every
    /// `format` one of `int32`, `int64`, `float`, `double`, `byte`, `binary`, `date`,
    /// `date-time`, `password`, `date-no-tz`, `email`, `html`, `uri`, `uuid` (`guid` and
    /// `decimal` are accepted too: they are widespread in merged connectors).
    ///
    /// ## Why it matters
    /// The designer picks its editor and the runtime its conversions from type and format;
    /// an unknown one (`phone`, `enum`, an empty string, a sentence) is ignored at
    /// best. Microsoft's validator: "The type/format '…' is not recognized." Merged
    /// connectors contain such formats, hence a warning.
    ///
    /// ## Example
    /// ```json
    /// { "type": "string", "format": "phone" }
    /// ```
    ///
    /// ## Fix
    /// Remove the `format`, or use a recognised one; describe other formats in
    /// `description`.
    pub UnrecognizedTypeFormat {
        code: "SW143",
        name: "unrecognized-type-format",
        group: Schemas,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("UnrecognizedTypeFormat"),
    }
}

impl Check for UnrecognizedTypeFormat {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut nodes: Vec<&Value> = Vec::new();
        for_each_schema_node(sw, &mut |node, _, _| nodes.push(node));
        nodes.extend(simple_nodes(sw));
        for node in nodes {
            let ty = node.get("type").filter(|t| t.as_str().is_some_and(|t| !TYPES.contains(&t)));
            let format = node.get("format").filter(|f| f.as_str().is_some_and(|f| !recognised(f)));
            if let Some(t) = ty {
                let name = t.as_str().unwrap_or_default();
                cx.report_value(t, format!("The type '{name}' is not recognized."))
                    .set_help("use string, integer, number, boolean, array, object or file");
            }
            if let Some(f) = format {
                let pair = format!(
                    "{}/{}",
                    node.get_str("type").unwrap_or_default(),
                    f.as_str().unwrap_or_default()
                );
                cx.report_value(f, format!("The type/format '{pair}' is not recognized."))
                    .set_help("remove the format or use a recognised one (int32, int64, float, double, byte, binary, date, date-time, password, email, uri, uuid, …)");
            }
        }
    }
}

fn recognised(format: &str) -> bool {
    FORMATS.contains(&format) || format.eq_ignore_ascii_case("guid") || format == "decimal"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn known_types_and_formats_pass() {
        let d = check_swagger(
            &UnrecognizedTypeFormat,
            json!({"definitions": {"Task": {"properties": {
                "a": {"type": "string", "format": "date-time"},
                "b": {"type": "integer", "format": "int64"},
                "c": {"type": "string", "format": "guid"}
            }}}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn unknown_types_and_formats_fail() {
        let d = check_swagger(
            &UnrecognizedTypeFormat,
            json!({
                "paths": {"/tasks": {"get": {"operationId": "ListTasks",
                    "parameters": [{"name": "d", "in": "query", "type": "number", "format": "currency"}],
                    "responses": {"200": {"description": "ok"}}}}},
                "definitions": {"Task": {"properties": {"a": {"type": "string", "format": "phone"}, "b": {"type": "null"}}}}
            }),
        );
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks/get/parameters/0/format",
                "/definitions/Task/properties/a/format",
                "/definitions/Task/properties/b/type"
            ]
        );
        assert_eq!(d[1].message, "The type/format 'string/phone' is not recognized.");
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
