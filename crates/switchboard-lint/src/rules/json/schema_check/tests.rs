use super::compile::Pattern;
use super::*;

fn compile(schema: &str) -> CompiledSchema {
    CompiledSchema::compile(schema.as_bytes()).unwrap()
}

fn errors(schema: &str, instance: &str) -> Vec<String> {
    let s = compile(schema);
    let file = switchboard_model::json::JsonFile::parse("x.json", instance.as_bytes().to_vec());
    let root = file.root().unwrap();
    s.validate(root)
        .into_iter()
        .map(|v| format!("{}: {}", file.pointer_of(v.span), v.message))
        .collect()
}

#[test]
fn objects_properties_and_comments() {
    let schema = r#"{
        // comments are allowed in repository schemas
        "type": "object",
        "required": ["swagger"],
        "additionalProperties": false,
        "patternProperties": {"^x-(?!ms-)": {}},
        "properties": {
            "swagger": {"enum": ["2.0"]},
            "x-ms-visibility": {"type": "string", "enum": ["important", "advanced", "internal"]},
            "count": {"$ref": "http://json-schema.org/draft-04/schema#/definitions/positiveInteger"}
        }
    }"#;
    assert!(errors(schema, r#"{"swagger": "2.0", "x-foo": 1, "count": 3}"#).is_empty());
    assert_eq!(
        errors(schema, r#"{"x-ms-foo": 1, "x-ms-visibility": "Advanced", "count": -1}"#),
        [
            ": The 'swagger' property is required.",
            "/x-ms-foo: Property 'x-ms-foo' is not allowed here",
            "/x-ms-visibility: 'Advanced' is not one of the allowed values: 'important', 'advanced', 'internal'",
            "/count: The value must be at least 0",
        ]
    );
    assert_eq!(errors(schema, "[]"), [": The value must be an object, not an array"]);
}

#[test]
fn one_of_reports_the_intended_branch() {
    let schema = r##"{
        "definitions": {
            "query": {"type": "object", "additionalProperties": false, "required": ["in"],
                      "properties": {"in": {"enum": ["query"]}, "name": {"type": "string"}}},
            "body": {"type": "object", "additionalProperties": false, "required": ["in", "schema"],
                     "properties": {"in": {"enum": ["body"]}, "schema": {"type": "object"}}}
        },
        "type": "array",
        "items": {"oneOf": [{"$ref": "#/definitions/body"}, {"$ref": "#/definitions/query"}]}
    }"##;
    assert!(
        errors(schema, r#"[{"in": "query", "name": "a"}, {"in": "body", "schema": {}}]"#)
            .is_empty()
    );
    assert_eq!(
        errors(schema, r#"[{"in": "query", "name": "a", "x-nullable": true}]"#),
        ["/0/x-nullable: Property 'x-nullable' is not allowed here"]
    );
    assert_eq!(
        errors(schema, r#"[{"in": "cookie"}]"#),
        ["/0: The value matches none of the allowed forms"]
    );
}

#[test]
fn arrays_strings_and_numbers() {
    let schema = r#"{"type": "object", "properties": {
        "tags": {"type": "array", "minItems": 1, "uniqueItems": true, "items": {"type": "string", "pattern": "^[a-z]+$"}},
        "n": {"type": "integer", "maximum": 10, "exclusiveMaximum": true},
        "s": {"type": ["string", "null"], "minLength": 2},
        "c": {"const": true},
        "no": {"not": {"type": "string"}}
    }}"#;
    assert!(
        errors(schema, r#"{"tags": ["a", "b"], "n": 9, "s": null, "c": true, "no": 1}"#).is_empty()
    );
    assert_eq!(
        errors(schema, r#"{"tags": ["a", "a", "B"], "n": 10, "s": "x", "c": false, "no": "x"}"#),
        [
            "/tags/1: Array items must be unique; 'a' repeats an earlier item",
            "/tags/2: 'B' does not match the pattern '^[a-z]+$'",
            "/n: The value must be less than 10",
            "/s: The string must be at least 2 character(s) long",
            "/c: The value must be true",
            "/no: The value has a form that is not allowed here",
        ]
    );
    assert_eq!(
        errors(schema, r#"{"tags": [], "n": 1.5}"#),
        [
            "/tags: The array must have at least 1 item(s)",
            "/n: The value must be an integer, not a number"
        ]
    );
}

#[test]
fn lookahead_patterns() {
    let p = Pattern::compile("^[0-9a-zA-Z_]+:(?!TenantId$)[0-9a-zA-Z_]+$");
    assert!(p.is_match("token:Other"));
    assert!(!p.is_match("token:TenantId"));
    let p = Pattern::compile("^x-(?!ms-)");
    assert!(p.is_match("x-foo"));
    assert!(!p.is_match("x-ms-foo"));
}

#[test]
fn reference_cycles_end() {
    let schema = r##"{"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"}"##;
    assert!(errors(schema, "{}").is_empty());
}

/// Writes `schemas/<file>` under a fresh temporary folder and returns the folder.
pub(in crate::rules::json) fn temp_repo(name: &str, file: &str, schema: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("switchboard-sch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let schemas = dir.join("schemas");
    std::fs::create_dir_all(&schemas).unwrap();
    std::fs::create_dir_all(dir.join("certified-connectors").join("Taskforge")).unwrap();
    std::fs::write(schemas.join(file), schema).unwrap();
    dir
}
