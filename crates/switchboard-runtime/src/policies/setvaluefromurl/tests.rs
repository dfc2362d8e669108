use serde_json::json;

use super::super::test_support::{Call, inline, json_response, policies, policy};
use super::*;

#[test]
fn planner_fetches_the_etag_into_if_match() {
    // Planner: `If-Match` ← `@body()['@odata.etag']` of `GET /v1.0/planner/tasks/{id}/details`.
    let p = policy("Planner", "Set If-Match header for update task details");
    let mut call =
        Call::new("UpdateTaskDetails_V2", "PATCH", "https://graph.microsoft.com", "/v2/x")
            .arguments(json!({"id": "t 1"}));
    call.request.headers.append("Authorization", "Bearer tok");
    call.side
        .responses
        .lock()
        .unwrap()
        .push_back(json_response(200, json!({"@odata.etag": "W/\"abc\""})));
    call.apply(p.as_ref()).unwrap();
    assert_eq!(call.request.headers.get("If-Match"), Some("W/\"abc\""));
    let sent = call.side.sent.lock().unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].to_string(),
        "GET https://graph.microsoft.com/v1.0/planner/tasks/t%201/details"
    );
    assert_eq!(
        sent[0].headers.get("authorization"),
        Some("Bearer tok"),
        "credentials travel along"
    );
    assert_eq!(sent[0].body, Body::Empty);
}

#[test]
fn facebook_fetches_the_page_token_into_the_query() {
    let p = policy("Facebook", "Set access_token for PostToPage");
    let mut call = Call::new("PostToPage", "POST", "https://graph.facebook.com", "/p1/feed")
        .arguments(json!({"pageId": "p1"}))
        .body(json!({"message": "hi"}));
    call.request.query.push(("access_token".into(), "user-token".into()));
    call.side
        .responses
        .lock()
        .unwrap()
        .push_back(json_response(200, json!({"access_token": "page-token", "id": "p1"})));
    call.apply(p.as_ref()).unwrap();
    assert_eq!(call.request.query, [("access_token".to_string(), "page-token".to_string())]);
    let sent = call.side.sent.lock().unwrap();
    assert_eq!(sent[0].to_string(), "GET https://graph.facebook.com/p1?fields=access_token");
}

#[test]
fn cradl_ai_chain_fetches_a_bearer_token_from_the_auth_host() {
    // Checklist 27: Basic auth → auth host → form content type → token → Bearer → API host
    // → JSON content type, strictly in array order.
    let all = policies("Cradl AI");
    let mut call = Call::new("GetModels", "GET", "https://api.lucidtech.ai/v1", "/models")
        .connection(json!({"api_key": "Y2xpZW50OnNlY3JldA=="}));
    call.side
        .responses
        .lock()
        .unwrap()
        .push_back(json_response(200, json!({"access_token": "T0K"})));
    call.run(&all, Stage::Request).unwrap();
    let sent = call.side.sent.lock().unwrap();
    assert_eq!(
        sent[0].to_string(),
        "POST https://auth.lucidtech.ai/oauth2/token?grant_type=client_credentials"
    );
    assert_eq!(sent[0].headers.get("Authorization"), Some("Basic Y2xpZW50OnNlY3JldA=="));
    assert_eq!(sent[0].headers.get("Content-Type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(call.request.to_string(), "GET https://api.lucidtech.ai/v1/models");
    assert_eq!(call.request.headers.get("Authorization"), Some("Bearer T0K"));
    assert_eq!(call.request.headers.get("Content-Type"), Some("application/json"));
}

#[test]
fn a_failed_side_call_fails_the_call_with_its_status() {
    let p = policy("Planner", "Set If-Match header for update task");
    let mut call = Call::new("UpdateTask_V3", "PATCH", "https://graph.microsoft.com", "/x")
        .arguments(json!({"id": "t1"}));
    call.side.responses.lock().unwrap().push_back(json_response(404, json!({"error": "gone"})));
    match call.apply(p.as_ref()).unwrap_err() {
        PolicyError::SideCall { title, source } => {
            assert_eq!(title, "Set If-Match header for update task");
            assert_eq!(
                (source.status, source.code, source.retry_safe),
                (404, "SideCallFailed", false)
            );
            assert_eq!(
                source.message,
                "policy 'Set If-Match header for update task': side call GET https://graph.microsoft.com/v1.0/planner/tasks/t1 answered 404"
            );
        }
        other => panic!("{other}"),
    }
    // A 2xx answer without the value fails naming the path.
    call.side.responses.lock().unwrap().push_back(json_response(200, json!({"id": "t1"})));
    let e = call.apply(p.as_ref()).unwrap_err().to_string();
    assert_eq!(
        e,
        "policy 'Set If-Match header for update task': cannot evaluate `@body()['@odata.etag']`: body() has no property '@odata.etag'"
    );
}

#[test]
fn invalid_configurations_do_not_build() {
    let inst = |dest: &str, url: &str, method: &str| {
        inline(&json!({"templateId": "setvaluefromurl", "parameters": {
            "x-ms-apimTemplateParameter.parameterTemplate": dest,
            "x-ms-apimTemplateParameter.parameterValueUrl": url,
            "x-ms-apimTemplateParameter.parameterValuePathTemplate": "@body().v",
            "x-ms-apimTemplateParameter.httpMethod": method}}))
        .map(|_| ())
        .map_err(|e| e.to_string())
    };
    assert!(inst("@headers('X')", "/a/{id}", "GET").is_ok());
    assert!(
        inst("@connectionParameters('x')", "/a", "GET").unwrap_err().contains("must be @headers")
    );
    assert!(
        inst("@headers('X')", "https://evil.example/a", "GET").unwrap_err().contains("relative")
    );
    assert!(inst("@headers('X')", "/a", "DELETE").unwrap_err().contains("GET, POST or PUT"));
}
