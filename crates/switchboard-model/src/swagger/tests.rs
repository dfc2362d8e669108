use super::*;
use crate::json::parse;

const DOC: &str = r##"{
  "swagger": "2.0",
  "info": {"title": "Pets", "description": "Pet store", "version": "1.0"},
  "host": "api.example.com",
  "basePath": "/v1",
  "schemes": ["https"],
  "consumes": ["application/json"],
  "paths": {
    "/pets/{id}": {
      "parameters": [{"$ref": "#/parameters/id"}, {"name": "q", "in": "query", "type": "string"}],
      "get": {
        "operationId": "GetPet",
        "summary": "Get a pet",
        "parameters": [{"name": "q", "in": "query", "type": "integer"}],
        "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}, "default": {"$ref": "#/responses/Error"}}
      },
      "delete": {"operationId": "DeletePet", "x-ms-visibility": "internal", "responses": {}}
    }
  },
  "parameters": {"id": {"name": "id", "in": "path", "required": true, "type": "string"}},
  "responses": {"Error": {"description": "error"}},
  "definitions": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}}}},
  "securityDefinitions": {"oauth": {"type": "oauth2", "flow": "accessCode", "scopes": {"read": "Read"}}}
}"##;

#[test]
fn views_read_a_document() {
    let root = parse(DOC.as_bytes()).root.unwrap();
    let s = Swagger::new(&root);
    assert_eq!(s.version(), Some("2.0"));
    assert_eq!(s.title(), Some("Pets"));
    assert_eq!(s.schemes().collect::<Vec<_>>(), ["https"]);
    let ops: Vec<_> = s.operations().collect();
    assert_eq!(ops.len(), 2);
    assert_eq!(ops[0].operation_id(), Some("GetPet"));
    assert_eq!(ops[0].method, Method::Get);
    assert!(ops[1].is_internal());

    // Path-level parameters merge with operation-level ones; the operation wins on (name, in).
    let params = ops[0].parameters(&s);
    let names: Vec<_> =
        params.iter().map(|p| (p.name().unwrap(), p.type_name().unwrap())).collect();
    assert_eq!(names, [("id", "string"), ("q", "integer")]);
    assert!(params[0].is_reference());
    assert_eq!(params[0].location(), Some(Location::Path));

    let responses = ops[0].responses(&s);
    assert_eq!(responses.len(), 2);
    assert!(responses[0].is_success());
    assert_eq!(responses[1].node.get_str("description"), Some("error"));
    let pet = s.deref(responses[0].schema().unwrap());
    assert_eq!(Schema::new(pet).properties().count(), 2);

    let schemes: Vec<_> = s.security_definitions().collect();
    assert_eq!(schemes[0].kind_label(), "oauth2/accessCode");
    assert_eq!(schemes[0].scopes().collect::<Vec<_>>(), ["read"]);
}

#[test]
fn walk_schema_visits_nested_schemas() {
    let root = parse(DOC.as_bytes()).root.unwrap();
    let s = Swagger::new(&root);
    let pet = s.definitions().unwrap().get("Pet").unwrap();
    let mut seen = Vec::new();
    walk_schema(pet, &mut |node, depth| {
        seen.push((node.get_str("type").unwrap_or("?"), depth));
        true
    });
    assert_eq!(seen, [("object", 0), ("string", 1), ("array", 1), ("string", 2)]);
}

#[test]
fn resolve_ref_decodes_percent_and_tilde() {
    let root =
        parse(br#"{"definitions": {"A B": {"type": "string"}, "x/y": {"type": "integer"}}}"#)
            .root
            .unwrap();
    let s = Swagger::new(&root);
    assert!(s.resolve_ref("#/definitions/A%20B").is_some());
    assert!(s.resolve_ref("#/definitions/x~1y").is_some());
    assert!(s.resolve_ref("other.json#/definitions/A").is_none());
}
