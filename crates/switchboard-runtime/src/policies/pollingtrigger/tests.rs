use serde_json::json;

use super::super::test_support::{Call, inline, json_response, policies, policy};
use super::*;

const RUNTIME: &str = "https://sb.example.com/apim/facebook/c1";

/// A poll of Facebook's `TriggerNewPost` (`GET /trigger/me/feed`) carrying `state`, run through
/// every Facebook instance as the pipeline would, with `backend` as the backend's answer.
fn facebook_poll(state: Option<&str>, backend: Response) -> Call {
    let all = policies("Facebook");
    let mut call =
        Call::new("TriggerNewPost", "GET", "https://graph.facebook.com", "/trigger/me/feed");
    let mut inbound = format!("{RUNTIME}/trigger/me/feed?extra=1");
    if let Some(s) = state {
        call.request.query.push((STATE_PARAMETER.into(), s.into()));
        inbound = format!("{inbound}&{STATE_PARAMETER}={s}");
    }
    call.request.query.push(("extra".into(), "1".into()));
    call.inbound_url = Some(inbound);
    call.run(&all, Stage::Request).unwrap();
    assert_eq!(call.request.path, "/me/feed", "the /trigger prefix is stripped");
    assert!(
        call.request.query_param(STATE_PARAMETER).is_none(),
        "the state never reaches the backend"
    );
    assert_eq!(
        call.request.headers.get("Accept"),
        Some("application/json"),
        "other policies still apply"
    );
    call.response = Some(backend);
    call.run(&all, Stage::Response).unwrap();
    call
}

fn posts(times: &[&str]) -> serde_json::Value {
    let data: Vec<_> = times
        .iter()
        .enumerate()
        .map(|(i, t)| json!({"id": format!("p{i}"), "created_time": t}))
        .collect();
    json!({"data": data, "paging": {"cursors": {}}})
}

fn state_in(location: &str) -> TriggerState {
    let encoded = location.rsplit_once(&format!("{STATE_PARAMETER}=")).unwrap().1;
    TriggerState::decode(encoded).unwrap()
}

fn since(value: &str) -> TriggerState {
    TriggerState::new([("since".to_string(), value.to_string())].into())
}

#[test]
fn facebook_first_poll_sets_a_baseline_and_does_not_fire() {
    let call = facebook_poll(None, json_response(200, posts(&["2024-05-01T10:00:00+0000"])));
    let response = call.response.as_ref().unwrap();
    assert_eq!((response.status, &response.body), (202, &Body::Empty));
    assert!(response.headers.get("Content-Type").is_none());
    let location = response.headers.get("Location").unwrap();
    assert!(
        location.starts_with(&format!("{RUNTIME}/trigger/me/feed?extra=1&{STATE_PARAMETER}=")),
        "{location}"
    );
    assert_eq!(state_in(location), since("2024-05-01T10:00:00+0000"));
    let poll = call.effects.trigger_poll.as_ref().unwrap();
    assert_eq!((poll.previous.as_ref(), poll.fired), (None, false));
    assert!(call.request.query_param("since").is_none());
}

#[test]
fn facebook_next_poll_filters_fires_and_advances() {
    let state = since("2024-05-01T10:00:00+0000").encode();
    let backend = posts(&["2024-05-02T09:00:00+0000", "2024-05-01T11:00:00+0000"]);
    let call = facebook_poll(Some(&state), json_response(200, backend.clone()));
    assert_eq!(call.request.query_param("since"), Some("2024-05-01T10:00:00+0000"));
    assert_eq!(call.request.query_param("extra"), Some("1"));
    let response = call.response.as_ref().unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.body, Body::Json(backend));
    assert_eq!(
        state_in(response.headers.get("Location").unwrap()),
        since("2024-05-02T09:00:00+0000")
    );
    assert!(call.effects.trigger_poll.as_ref().unwrap().fired);
}

#[test]
fn facebook_poll_without_new_posts_keeps_its_state() {
    let state = since("2024-05-01T10:00:00+0000").encode();
    let call = facebook_poll(Some(&state), json_response(200, json!({"data": []})));
    let response = call.response.as_ref().unwrap();
    assert_eq!((response.status, &response.body), (202, &Body::Empty));
    assert_eq!(
        state_in(response.headers.get("Location").unwrap()),
        since("2024-05-01T10:00:00+0000")
    );
}

#[test]
fn facebook_backend_errors_pass_through_with_the_state_unchanged() {
    let state = since("2024-05-01T10:00:00+0000").encode();
    let call =
        facebook_poll(Some(&state), json_response(500, json!({"error": {"message": "boom"}})));
    let response = call.response.as_ref().unwrap();
    assert_eq!(response.status, 500);
    assert_eq!(response.body, Body::Json(json!({"error": {"message": "boom"}})));
    assert_eq!(
        state_in(response.headers.get("Location").unwrap()),
        since("2024-05-01T10:00:00+0000")
    );
}

#[test]
fn navigating_through_null_fails_the_poll_naming_the_title() {
    let state = since("2024-05-01T10:00:00+0000").encode();
    let p = policy("Facebook", "Polling trigger for new posts");
    let mut call =
        Call::new("TriggerNewPost", "GET", "https://graph.facebook.com", "/trigger/me/feed");
    call.request.query.push((STATE_PARAMETER.into(), state));
    call.apply(p.as_ref()).unwrap();
    call.response = Some(json_response(200, json!({"data": [null]})));
    assert_eq!(
        call.apply(p.as_ref()).unwrap_err().to_string(),
        "policy 'Polling trigger for new posts': cannot evaluate `@{triggerBody().data[0].created_time}`: \
         triggerBody().data[0] is null, cannot read `.created_time`"
    );
}

#[test]
fn a_corrupt_state_or_a_skipped_request_stage_fails_clearly() {
    let p = policy("Facebook", "Polling trigger for new posts");
    let mut call =
        Call::new("TriggerNewPost", "GET", "https://graph.facebook.com", "/trigger/me/feed");
    call.request.query.push((STATE_PARAMETER.into(), "%%%".into()));
    let e = call.apply(p.as_ref()).unwrap_err().to_string();
    assert!(e.starts_with("policy 'Polling trigger for new posts': x-ms-trigger-state '%%%' is not a trigger state"), "{e}");
    let mut call = Call::new("TriggerNewPost", "GET", "https://graph.facebook.com", "/me/feed");
    call.response = Some(json_response(200, json!({"data": []})));
    let e = call.apply(p.as_ref()).unwrap_err().to_string();
    assert_eq!(
        e,
        "policy 'Polling trigger for new posts': its Request stage did not run on this call"
    );
    assert!(p.runs_in(Stage::Request) && p.runs_in(Stage::Response) && !p.runs_in(Stage::Failure));
}

#[test]
fn graph_security_follows_next_links_within_a_poll() {
    let p = policy(
        "MicrosoftGraphSecurity",
        "PollingTriggerPolicy_244e5aa7-92ba-67d0-028c-3dd9de2d7f3f",
    );
    let previous = TriggerState::new(
        [("$filter".into(), "lastModifiedDateTime gt 2024-01-01T00:00:00Z".into())].into(),
    );
    let mut call = Call::new(
        "OnNewAlerts",
        "GET",
        "https://graph.microsoft.com/v1.0",
        "/trigger/security/alerts",
    );
    call.request.query.push((STATE_PARAMETER.into(), previous.encode()));
    call.apply(p.as_ref()).unwrap();
    assert_eq!(call.request.path, "/security/alerts");
    assert_eq!(
        call.request.query_param("$filter"),
        Some("lastModifiedDateTime gt 2024-01-01T00:00:00Z")
    );
    let page2 = "https://graph.microsoft.com/v1.0/security/alerts?$skiptoken=2";
    call.response = Some(json_response(
        200,
        json!({
        "value": [{"id": "a3", "lastModifiedDateTime": "2024-03-03T00:00:00Z"}], "@odata.nextLink": page2}),
    ));
    call.side.responses.lock().unwrap().push_back(json_response(
        200,
        json!({
        "value": [{"id": "a2", "lastModifiedDateTime": "2024-02-02T00:00:00Z"}]}),
    ));
    call.apply(p.as_ref()).unwrap();
    assert_eq!(
        call.side.sent.lock().unwrap()[0].url(),
        "https://graph.microsoft.com/v1.0/security/alerts?%24skiptoken=2"
    );
    let response = call.response.as_ref().unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(
        response.body,
        Body::Json(json!({"value": [
            {"id": "a3", "lastModifiedDateTime": "2024-03-03T00:00:00Z"},
            {"id": "a2", "lastModifiedDateTime": "2024-02-02T00:00:00Z"}]}))
    );
    // Without an inbound URL the Location is relative to the runtime.
    let location = response.headers.get("Location").unwrap();
    assert!(location.starts_with("/trigger/security/alerts?x-ms-trigger-state="), "{location}");
    assert_eq!(
        state_in(location).params["$filter"],
        "lastModifiedDateTime gt 2024-03-03T00:00:00Z"
    );
}

#[test]
fn invalid_instances_do_not_build() {
    let inst = |config: serde_json::Value, path: &str, ops: serde_json::Value| {
        inline(&json!({"templateId": "pollingtrigger", "type": "PollingTrigger", "parameters": {
            "x-ms-apimTemplateParameter.triggerConfig": config,
            "x-ms-apimTemplateParameter.triggerDataPath": path,
            "x-ms-apimTemplate-operationName": ops}}))
        .map(|_| ())
        .map_err(|e| e.to_string())
    };
    assert!(
        inst(json!({"since": "@{triggerBody().d[0].t}"}), "@triggerBody().d", json!(["Op"]))
            .is_ok()
    );
    assert!(
        inst(json!({"": "1"}), "@triggerBody().d", json!(["Op"]))
            .unwrap_err()
            .contains("empty query parameter name")
    );
    assert!(
        inst(json!({"a": 1}), "@triggerBody().d", json!(["Op"]))
            .unwrap_err()
            .contains("must be a string")
    );
    assert!(
        inst(json!({}), "@body().d", json!(["Op"])).unwrap_err().contains("@triggerBody() path")
    );
    assert!(
        inst(json!({}), "@triggerBody().d", json!([]))
            .unwrap_err()
            .contains("must name the trigger")
    );
    let typed = json!({"templateId": "pollingtrigger", "type": "Webhook", "parameters": {}});
    assert!(inline(&typed).unwrap_err().to_string().contains("must be 'PollingTrigger'"));
}
