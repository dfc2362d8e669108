//! Saved example responses → Swagger responses with schemas inferred from their bodies,
//! merged across the examples of one status code.

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json, json};
use switchboard_model::json::Value;

use super::body::{parse_json, report_findings, response_media};
use super::report::{Loss, Report};
use super::schema::{self, Findings};

/// The responses of an operation and the media type its examples answer with.
pub(crate) struct Responses {
    /// The `responses` object.
    pub responses: Json,
    /// The media type of the first example with a body, for `produces`.
    pub produces: Option<String>,
}

struct Status {
    description: String,
    schema: Option<Json>,
}

/// The status code of an example: `code` (a number or digits), else none.
fn code(example: &Value) -> Option<String> {
    let node = example.get("code")?;
    let text = node.as_number_text().or_else(|| node.as_str())?.trim();
    (text.len() == 3 && text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0'))
        .then(|| text.to_string())
}

/// The standard reason phrase of a status code.
fn reason(code: &str) -> &'static str {
    match code {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "No Content",
        "301" => "Moved Permanently",
        "302" => "Found",
        "304" => "Not Modified",
        "400" => "Bad Request",
        "401" => "Unauthorized",
        "403" => "Forbidden",
        "404" => "Not Found",
        "409" => "Conflict",
        "410" => "Gone",
        "422" => "Unprocessable Entity",
        "429" => "Too Many Requests",
        "500" => "Internal Server Error",
        "503" => "Service Unavailable",
        _ => "Response",
    }
}

fn content_type(example: &Value) -> Option<&str> {
    example
        .get("header")
        .into_iter()
        .flat_map(Value::items)
        .find(|h| h.get_str("key").is_some_and(|k| k.eq_ignore_ascii_case("content-type")))
        .and_then(|h| h.get_str("value"))
}

/// The responses of the request `item` from its saved examples (`response`).
pub(crate) fn read(item: &Value, report: &mut Report<'_>) -> Responses {
    let mut statuses: BTreeMap<String, Status> = BTreeMap::new();
    let mut produces = None;
    for example in item.get("response").into_iter().flat_map(Value::items) {
        let name = example.get_str("name").unwrap_or("example");
        let Some(code) = code(example) else {
            report
                .add(Loss::ExampleUnusable, example, format!("the saved response `{name}` has no status code; it is not imported"))
                .set_help("save the example again in Postman with a real response, or set its status code");
            continue;
        };
        let status = statuses.entry(code.clone()).or_insert_with(|| Status {
            description: example
                .get_str("status")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| reason(&code))
                .to_string(),
            schema: None,
        });
        let Some(body_node) =
            example.get("body").filter(|b| b.as_str().is_some_and(|s| !s.trim().is_empty()))
        else {
            continue;
        };
        let text = body_node.as_str().unwrap_or_default();
        let media =
            response_media(content_type(example), example.get_str("_postman_previewlanguage"));
        let says_json = media.as_deref().is_none_or(|m| m.contains("json"));
        let schema = match parse_json(text) {
            Some(value) => {
                let mut findings = Findings::default();
                let inferred = schema::infer(&value, &mut findings);
                let mut merged = match status.schema.take() {
                    Some(earlier) => schema::merge(earlier, inferred, &mut findings),
                    None => inferred,
                };
                schema::limit(&mut merged, &mut findings);
                report_findings(&findings, body_node, &format!("{code} response"), report);
                produces = produces.or_else(|| {
                    Some(
                        media
                            .filter(|m| m.contains("json"))
                            .unwrap_or_else(|| "application/json".into()),
                    )
                });
                merged
            }
            None if media.as_deref() == Some("text/plain") => {
                produces = produces.or(media);
                json!({"type": "string"})
            }
            None => {
                let what = if says_json {
                    "is not valid JSON".to_string()
                } else {
                    format!("is `{}`", media.unwrap_or_default())
                };
                report.add(Loss::ExampleUnusable, body_node, format!("the body of the saved response `{name}` {what}; no schema is inferred from it"));
                continue;
            }
        };
        status.schema = Some(schema);
    }
    if !statuses.keys().any(|c| c.starts_with('2')) {
        // Postman does not say what success looks like without an example; the platform
        // treats any 2xx as success, and an operation needs one (SW092).
        statuses.insert("200".into(), Status { description: "OK".into(), schema: None });
    }
    let mut responses = Map::new();
    let mut with_schema = false;
    for (code, status) in statuses {
        let mut r = json!({"description": status.description});
        // The designer reads outputs from the success schema; one schema per operation
        // (SW096), and error bodies are not outputs.
        let keep = code.starts_with('2') && !with_schema;
        // `{}` examples give a bare object, which tells the designer nothing (SW097).
        let schema = status.schema.filter(|s| *s != json!({"type": "object"}) && *s != json!({}));
        if let (Some(schema), Some(obj), true) = (schema, r.as_object_mut(), keep) {
            obj.insert("schema".into(), schema);
            with_schema = true;
        }
        responses.insert(code, r);
    }
    Responses { responses: Json::Object(responses), produces }
}
