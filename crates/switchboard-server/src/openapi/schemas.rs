//! The JSON Schemas of the bodies named in the route table (`components/schemas`).

use serde_json::{Map, Value, json};

fn r(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn object(required: &[&str], properties: Value) -> Value {
    let mut o = Map::new();
    o.insert("type".into(), "object".into());
    o.insert("required".into(), json!(required));
    o.insert("properties".into(), properties);
    Value::Object(o)
}

fn list_of(name: &str) -> Value {
    object(&["items"], json!({"items": {"type": "array", "items": r(name)}}))
}

const STR: &str = "string";

fn s() -> Value {
    json!({"type": STR})
}

fn int() -> Value {
    json!({"type": "integer"})
}

fn time() -> Value {
    json!({"type": "integer", "description": "UTC seconds since the Unix epoch."})
}

/// Every schema, by name.
pub fn all() -> Map<String, Value> {
    let connector_props = json!({
        "id": s(), "environment_id": s(), "owner_id": s(), "name": s(), "title": s(),
        "current_version": int(),
        "certification_state": {"enum": ["none", "submitted", "in-review", "preview", "generally-available"]},
        "created_at": time(), "updated_at": time(),
        "access": {"enum": ["use", "edit"], "description": "What the caller may do with it."},
    });
    let mut published = connector_props.clone();
    if let Value::Object(p) = &mut published {
        p.insert("version".into(), r("Version"));
        p.insert("import".into(), r("ImportReport"));
    }
    let user_props = json!({
        "id": s(), "tenant_id": s(), "name": s(),
        "role": {"enum": ["tenant-admin", "maker"]}, "created_at": time(),
    });
    let mut created_user = user_props.clone();
    if let Value::Object(p) = &mut created_user {
        p.insert(
            "token".into(),
            json!({"type": "string", "description": "The user's API token; shown only here."}),
        );
    }
    let schemas = json!({
        "Error": object(&["message", "code", "type", "link"], json!({
            "message": s(), "code": s(),
            "type": {"enum": ["invalid_request", "auth", "not_found", "conflict", "internal", "upstream", "rate_limit"]},
            "link": s(),
            "diagnostics": {"type": "array", "items": r("Diagnostic")},
            "summary": object(&[], json!({"errors": int(), "warnings": int(), "infos": int()})),
        })),
        "Diagnostic": object(&["code", "severity", "message"], json!({
            "code": s(), "severity": {"enum": ["error", "warning", "info"]}, "message": s(),
            "file": s(), "line": int(), "column": int(), "end_line": int(), "end_column": int(),
            "pointer": s(), "help": s(),
        })),
        "Health": object(&["status", "database"], json!({"status": s(), "database": s()})),
        "OpenApiDocument": {"type": "object"},
        "Me": object(&["kind"], json!({
            "kind": {"enum": ["platform-admin", "user"]}, "user": r("User"), "tenant": r("Tenant"),
        })),
        "NewTenant": object(&["name"], json!({"name": s()})),
        "Tenant": object(&["id", "name", "created_at"], json!({"id": s(), "name": s(), "created_at": time()})),
        "TenantList": list_of("Tenant"),
        "NewUser": object(&["name"], json!({
            "name": s(), "role": {"enum": ["tenant-admin", "maker"], "default": "maker"},
        })),
        "User": object(&["id", "tenant_id", "name", "role", "created_at"], user_props),
        "CreatedUser": object(&["id", "tenant_id", "name", "role", "created_at", "token"], created_user),
        "UserList": list_of("User"),
        "NewGroup": object(&["name"], json!({"name": s()})),
        "Group": object(&["id", "tenant_id", "name", "created_at"], json!({
            "id": s(), "tenant_id": s(), "name": s(), "created_at": time(),
        })),
        "GroupList": list_of("Group"),
        "NewEnvironment": object(&["name", "region"], json!({"name": s(), "region": s()})),
        "Environment": object(&["id", "tenant_id", "name", "region", "created_at"], json!({
            "id": s(), "tenant_id": s(), "name": s(), "region": s(), "created_at": time(),
        })),
        "EnvironmentList": list_of("Environment"),
        "Connector": object(&["id", "environment_id", "owner_id", "name", "title", "current_version", "access"], connector_props),
        "ConnectorPage": object(&["items", "next"], json!({
            "items": {"type": "array", "items": r("Connector")},
            "next": {"type": ["string", "null"], "description": "Pass as ?after= for the next page; null on the last."},
        })),
        "PublishedConnector": object(&["id", "current_version", "version"], published),
        "ImportReport": object(&["losses", "budget"], json!({
            "losses": {"type": "array", "items": r("Diagnostic")},
            "budget": object(&[], json!({"definition_bytes": int(), "schema_count": int(), "operations": int()})),
        })),
        "Version": object(&["version", "sha256", "warnings", "created_by", "created_at", "current"], json!({
            "connector_id": s(), "version": int(), "sha256": s(),
            "warnings": {"type": "array", "items": r("Diagnostic")},
            "created_by": s(), "created_at": time(), "current": {"type": "boolean"},
        })),
        "VersionList": list_of("Version"),
        "NewShare": object(&["permission"], json!({
            "user": s(), "group": s(), "permission": {"enum": ["use", "edit"]},
        })),
        "Share": object(&["connector_id", "principal", "permission"], json!({
            "connector_id": s(),
            "principal": object(&["kind", "id"], json!({"kind": {"enum": ["user", "group"]}, "id": s()})),
            "permission": {"enum": ["use", "edit"]}, "created_at": time(),
        })),
        "ShareList": list_of("Share"),
    });
    let mut all = match schemas {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    all.extend(connections());
    all
}

/// The schemas of connections, invocations and the OAuth flow.
fn connections() -> Map<String, Value> {
    let status = json!({"enum": ["connected", "pending-oauth", "error"]});
    let schemas = json!({
        "NewConnection": object(&["connector"], json!({
            "connector": {"type": "string", "description": "The connector's id; it must live in this environment."},
            "parameters": {"type": "object", "additionalProperties": true,
                "description": "Connection parameter values by name, as the connector's connectionParameters declare them (an OAuth connector also takes `token:clientId` and `token:clientSecret`)."},
            "displayName": s(),
            "parameterSet": {"type": "string", "description": "For connectors with connectionParameterSets: the set chosen."},
        })),
        "Connection": object(&["id", "environment_id", "connector_id", "owner_id", "display_name", "status"], json!({
            "id": s(), "environment_id": s(), "connector_id": s(), "owner_id": s(),
            "display_name": s(),
            "status": status,
            "created_at": time(), "updated_at": time(),
            "parameters": {"type": "array", "items": s(), "description": "The names of the values it holds; values are never returned."},
            "oauth": object(&["signed_in", "start"], json!({
                "signed_in": {"type": "boolean"}, "expires_at": time(), "scope": s(),
                "start": {"type": "string", "description": "The path that starts the OAuth flow."},
            })),
        })),
        "ConnectionList": list_of("Connection"),
        "ConnectionTest": object(&["ok"], json!({
            "ok": {"type": ["boolean", "null"], "description": "null when the connector has no test-connection capability."},
            "status": {"type": ["integer", "null"]},
            "operationId": s(),
            "connectionStatus": status,
            "reason": s(),
            "error": object(&["code", "message"], json!({"code": s(), "message": s()})),
        })),
        "OperationCall": object(&[], json!({
            "parameters": {"type": "object", "additionalProperties": true, "description": "The operation's parameters by name."},
            "body": {"description": "The body parameter's value."},
        })),
        "OperationResult": object(&["status", "headers", "body"], json!({
            "status": int(),
            "headers": {"type": "object", "additionalProperties": {"type": "string"}},
            "body": {"description": "JSON as received, text as a string, binary as {\"$content-type\", \"$content\"} (base64)."},
        })),
        "OAuthStart": object(&["authorization_url", "redirect_uri", "expires_at"], json!({
            "authorization_url": s(), "redirect_uri": s(), "expires_at": time(),
        })),
        "OAuthCompleted": object(&["connection", "status"], json!({"connection": s(), "status": s()})),
    });
    match schemas {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}
