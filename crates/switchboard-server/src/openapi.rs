//! `/openapi.json`: an OpenAPI 3.1 document generated from the route table, so the published
//! description cannot drift from the routes and permissions the server enforces.

mod schemas;

use serde_json::{Map, Value, json};

use crate::auth::Permission;
use crate::routes::{Payload, ROUTES, Route, path_params};

/// The OpenAPI document of this server.
pub fn document() -> Value {
    let mut paths = Map::new();
    for route in ROUTES {
        let item = paths.entry(route.path).or_insert_with(|| json!({}));
        if let Value::Object(item) = item {
            item.insert(route.method.as_str().to_ascii_lowercase(), operation(route));
        }
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Switchboard registry",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "A self-hosted registry of Power Platform custom connectors: tenants, \
                environments, connectors with immutable versions, sharing, connections with \
                encrypted secrets and OAuth sign-in, and invoking operations. Errors are \
                `{message, code, type, link}`; a resource the caller may not see answers 404.",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A user's API token, or SWITCHBOARD_ADMIN_TOKEN for the platform administrator.",
                },
            },
            "schemas": schemas::all(),
        },
    })
}

fn operation(route: &Route) -> Value {
    let mut parameters: Vec<Value> = path_params(route.path)
        .map(|name| {
            json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}})
        })
        .collect();
    for q in route.query {
        parameters.push(json!({
            "name": q.name, "in": "query", "required": false,
            "description": q.description, "schema": {"type": q.kind},
        }));
    }
    if route.path == "/api/v1/connectors/{connector}" && route.method == axum::http::Method::PUT {
        parameters.push(json!({
            "name": "If-Match", "in": "header", "required": false,
            "description": "The version the update is based on; 412 if it is no longer current.",
            "schema": {"type": "string"},
        }));
    }
    let mut op = json!({
        "operationId": route.operation_id,
        "summary": route.summary,
        "description": format!("Requires {}.", route.permission.describe()),
        "tags": [tag(route.path)],
        "parameters": parameters,
        "security": if route.permission.needs_token() { json!([{"bearer": []}]) } else { json!([]) },
        "responses": responses(route),
    });
    if let Some(body) = request_body(route.request)
        && let Value::Object(op) = &mut op
    {
        op.insert("requestBody".into(), body);
    }
    op
}

/// The resource a path is about: `connectors` for `/api/v1/connectors/{connector}/versions`.
fn tag(path: &str) -> &str {
    let rest = path.strip_prefix("/api/v1/").unwrap_or("system");
    let mut segments = rest.split('/').filter(|s| !s.starts_with('{'));
    let first = segments.next().unwrap_or("system");
    match (first, segments.next_back()) {
        ("tenants" | "environments" | "groups", Some(last)) if last != first => last,
        _ if path.starts_with("/api/v1/") => first,
        _ => "system",
    }
}

fn content(payload: Payload) -> Option<Value> {
    Some(match payload {
        Payload::Empty => return None,
        Payload::Json(schema) => {
            json!({"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}})
        }
        Payload::Zip => {
            json!({"application/zip": {"schema": {"type": "string", "contentMediaType": "application/zip"}}})
        }
        Payload::ConnectorUpload => json!({
            "application/zip": {"schema": {"type": "string", "contentMediaType": "application/zip"}},
            "application/json": {"schema": {"type": "object", "description": "With ?import=: an OpenAPI 3, Swagger 2 or Postman document."}},
            "application/yaml": {"schema": {"type": "string", "description": "With ?import=openapi or swagger: the document as YAML."}},
        }),
        Payload::Prometheus => json!({"text/plain; version=0.0.4": {"schema": {"type": "string"}}}),
    })
}

fn request_body(payload: Payload) -> Option<Value> {
    content(payload).map(|content| json!({"required": true, "content": content}))
}

fn responses(route: &Route) -> Value {
    let mut out = Map::new();
    let mut ok = json!({"description": "Success."});
    if let (Some(content), Value::Object(ok)) = (content(route.response), &mut ok) {
        ok.insert("content".into(), content);
    }
    out.insert(route.status.to_string(), ok);
    let error = |description: &str| {
        json!({
            "description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        })
    };
    if route.request != Payload::Empty || !route.query.is_empty() {
        out.insert("400".into(), error("The request is malformed."));
    }
    if route.request == Payload::ConnectorUpload {
        out.insert("422".into(), error("The connector has error-level findings (`diagnostics`), or the upload or import failed."));
    }
    for (status, description) in extra_errors(route.operation_id) {
        out.insert((*status).to_owned(), error(description));
    }
    if route.permission.needs_token() {
        out.insert("401".into(), error("No token, or a token that is not valid."));
    }
    if !matches!(route.permission, Permission::Public | Permission::Authenticated) {
        out.insert("403".into(), error("The caller may see the resource but not do this."));
    }
    if path_params(route.path).next().is_some() {
        out.insert("404".into(), error("Not found, or not visible to the caller."));
    }
    out.insert("default".into(), error("Any other error."));
    Value::Object(out)
}

/// Errors particular to some operations (see `docs/API-ERRORS.md` for every code).
fn extra_errors(operation_id: &str) -> &'static [(&'static str, &'static str)] {
    match operation_id {
        "createConnection" => &[(
            "422",
            "Unknown, missing or invalid connection parameters (`unknown`, `missing`, `invalid` name them).",
        )],
        "invokeOperation" | "testConnection" => &[
            ("409", "The connection has no usable credentials (`connection_not_connected`)."),
            ("422", "Invalid operation parameters, or an operation Switchboard cannot run."),
            ("429", "The connection is over its rate limit; see `Retry-After`."),
            ("502", "The backend failed or could not be reached (`type: upstream`)."),
            ("504", "The backend did not answer in time (`type: upstream`)."),
        ],
        "startOAuth" => &[
            ("409", "The connector does not use OAuth 2."),
            ("422", "The connector's OAuth settings are incomplete."),
        ],
        "completeOAuth" => &[
            ("400", "Unknown, used or expired `state`, or consent not granted."),
            ("502", "The provider did not exchange the code."),
        ],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    if k == "$ref" {
                        if let Some(r) = v.as_str() {
                            out.push(r);
                        }
                    } else {
                        refs(v, out);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }

    #[test]
    fn every_route_is_described_and_every_ref_resolves() {
        let doc = document();
        // Round trip through text: the document is valid JSON as served.
        let doc: Value = serde_json::from_str(&doc.to_string()).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        for route in ROUTES {
            let op = &doc["paths"][route.path][route.method.as_str().to_ascii_lowercase()];
            assert_eq!(op["operationId"], route.operation_id, "{} {}", route.method, route.path);
            assert_eq!(op["summary"], route.summary);
            for param in path_params(route.path) {
                assert!(
                    op["parameters"].as_array().unwrap().iter().any(|p| p["name"] == param),
                    "{} lacks {param}",
                    route.path
                );
            }
        }
        let operations: usize =
            doc["paths"].as_object().unwrap().values().map(|p| p.as_object().unwrap().len()).sum();
        assert_eq!(operations, ROUTES.len());
        let mut found = Vec::new();
        refs(&doc, &mut found);
        assert!(!found.is_empty());
        for r in found {
            let name = r.strip_prefix("#/components/schemas/").unwrap();
            assert!(doc["components"]["schemas"][name].is_object(), "unresolved {r}");
        }
    }
}
