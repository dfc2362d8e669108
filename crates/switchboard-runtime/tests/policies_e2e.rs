//! The real policy templates through the whole pipeline, on corpus connectors loaded in place
//! from `../shared/corpus/powerplatform` and pointed at recording loopback servers: what the
//! backend received and what the caller got (spec §3, §4.4; checklist 27, 29–39, 41–44).
//!
//! Connectors whose policies write hosts themselves (`dynamichosturl` with a literal host, or a
//! connection value between `https://` and a domain) are reached through
//! [`CompiledConnector::redirect_origin`], which reroutes an origin at the wire after every
//! policy ran; policies, next-link checks and traces still see the original URL.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::{Arc, OnceLock};

use base64::Engine as _;
use common::{Backend, Recorded, Reply, connection, corpus, runtime};
use serde_json::{Value, json};
use switchboard_runtime::{Body, Call, CompileOptions, CompiledConnector, Fault, Phase};

/// A corpus connector compiled in place, with its definition's host (no override).
fn load(relative: &str) -> CompiledConnector {
    let loaded = switchboard_model::Connector::load(&corpus().join(relative)).unwrap();
    CompiledConnector::build(&loaded, CompileOptions::default()).unwrap().0
}

/// A corpus connector pointed at `base_url` (`switchboard invoke --base-url`).
fn load_at(relative: &str, base_url: &str) -> CompiledConnector {
    let mut c = load(relative);
    c.override_origin(base_url).unwrap();
    c
}

/// A backend whose handler knows its own URL (for absolute next links).
async fn self_aware(
    handler: impl Fn(&str, &Recorded, usize) -> Reply + Send + Sync + 'static,
) -> Backend {
    let me = Arc::new(OnceLock::<String>::new());
    let url = me.clone();
    let backend = Backend::start(move |r, i| handler(url.get().unwrap(), r, i)).await;
    me.set(backend.url()).unwrap();
    backend
}

fn json_of(body: &Body) -> &Value {
    body.as_json().unwrap_or_else(|| panic!("not a JSON body: {body:?}"))
}

const PLANNER: &str = "certified-connectors/Planner";

// ---- Planner: routing, query parameters, side calls, body transforms, paging ---------------

#[tokio::test]
async fn planner_list_tasks_is_rerouted_paged_and_its_assignments_become_arrays() {
    // Checklist 32 (`/v2/v1.0/planner/plans/{id}/tasks` → `/v1.0/planner/plans/<id>/tasks`),
    // 35 (response-stage convertobjecttoarray on every task, `@item()._assignments`) and 48
    // (x-ms-pageable next links followed; updatenextlink leaves them alone without a public URL).
    let backend = self_aware(|me, r, _| match r.query_param("$skiptoken").as_deref() {
        None => Reply::json(
            200,
            json!({
                "value": [{"id": "t1", "assignments": {"u1": {"orderHint": "a"}, "u2": {"orderHint": "b"}}}],
                "@odata.nextLink": format!("{me}/v1.0/planner/plans/plan%2F1/tasks?$skiptoken=p2"),
            }),
        ),
        Some(_) => Reply::json(200, json!({"value": [{"id": "t2", "assignments": {}}]})),
    })
    .await;
    let c = load_at(PLANNER, &backend.url());
    let call = Call::new("ListTasks_V3").arg("groupId", "g1").arg("id", "plan/1");
    let out = runtime().invoke(&c, &connection(json!({})), call).await.unwrap();

    let reqs = backend.requests();
    assert_eq!(reqs.len(), 2, "{reqs:#?}");
    assert_eq!(
        (reqs[0].method.as_str(), reqs[0].path.as_str()),
        ("GET", "/v1.0/planner/plans/plan%2F1/tasks")
    );
    assert_eq!(reqs[0].query_pairs(), [("groupId".to_string(), "g1".to_string())]);
    // The second page is the next link as the backend wrote it: same path, its own query.
    assert_eq!(reqs[1].path, "/v1.0/planner/plans/plan%2F1/tasks");
    assert_eq!(reqs[1].query_param("$skiptoken").as_deref(), Some("p2"));

    assert_eq!(out.response.status, 200);
    assert_eq!(
        *json_of(&out.response.body),
        json!({"value": [
            {"id": "t1", "assignments": {"u1": {"orderHint": "a"}, "u2": {"orderHint": "b"}},
             "_assignments": [{"userId": "u1", "value": {"orderHint": "a"}}, {"userId": "u2", "value": {"orderHint": "b"}}]},
            {"id": "t2", "assignments": {}, "_assignments": []},
        ]})
    );
}

#[tokio::test]
async fn planner_next_links_become_runtime_urls_and_foreign_hosts_are_refused() {
    // Checklist 38: with a public base URL and paging left to the caller, updatenextlink
    // rewrites the backend's link to `{public}/$nextlink/{operationId}?u=<base64url(link)>`; a
    // link to another host fails the call naming the policy.
    let backend = self_aware(|me, r, _| {
        let link = if r.query_param("groupId").as_deref() == Some("evil") {
            "https://evil.example.net/steal".to_string()
        } else {
            format!("{me}/v1.0/planner/plans/p1/tasks?$skiptoken=p2")
        };
        Reply::json(200, json!({"value": [], "@odata.nextLink": link}))
    })
    .await;
    let c = load_at(PLANNER, &backend.url());
    let mut call = Call::new("ListTasks_V3").arg("groupId", "g1").arg("id", "p1");
    call.max_pages = 1;
    call.public_base_url = Some("https://sb.example.com/apim/planner/c1".into());
    let out = runtime().invoke(&c, &connection(json!({})), call.clone()).await.unwrap();
    let u = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(format!("{}/v1.0/planner/plans/p1/tasks?$skiptoken=p2", backend.url()));
    assert_eq!(
        json_of(&out.response.body)["@odata.nextLink"],
        json!(format!("https://sb.example.com/apim/planner/c1/$nextlink/ListTasks_V3?u={u}"))
    );

    call.arguments.insert("groupId".into(), json!("evil"));
    let e = runtime().invoke(&c, &connection(json!({})), call).await.unwrap_err();
    assert_eq!((e.status, e.code, e.phase), (500, "PolicyFailed", Phase::ResponsePolicies));
    assert!(
        e.message.contains("'Updates next link to make paging work'")
            && e.message.contains("leaves the operation's host"),
        "{}",
        e.message
    );
}

#[tokio::test]
async fn planner_list_groups_gets_its_filter_and_select_on_the_real_graph_path() {
    // Checklist 30/32: setqueryparameter (override) and a literal `$` segment in newPath.
    let backend = Backend::start(|_, _| Reply::json(200, json!({"value": []}))).await;
    let c = load_at(PLANNER, &backend.url());
    runtime().invoke(&c, &connection(json!({})), Call::new("ListGroups")).await.unwrap();
    let r = &backend.requests()[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("GET", "/v1.0/me/memberOf/$/microsoft.graph.group")
    );
    assert_eq!(
        r.query_pairs(),
        [
            ("$filter".to_string(), "groupTypes/any(c:c eq 'Unified')".to_string()),
            ("$select".to_string(), "id,displayName".to_string())
        ]
    );
}

#[tokio::test]
async fn planner_update_task_details_takes_if_match_from_a_side_call_and_reshapes_both_bodies() {
    // Checklist 33 (setvaluefromurl: GET the details for their etag, send it as If-Match),
    // 34 (setproperty on every reference and checklist item), 35 (stringreplace in the declared
    // order, convertarraytoobject keyed by resourceLink / id; on the way back
    // convertobjecttoarray and the decoding stringreplaces).
    const LINK: &str = "https://contoso.com/a.b:c@d#e%f";
    const KEY: &str = "https%3A//contoso%2Ecom/a%2Eb%3Ac%40d%23e%25f";
    let backend = Backend::start(|r, _| match r.method.as_str() {
        "GET" => Reply::json(200, json!({"id": "t1", "@odata.etag": "W/\"etag-1\""})),
        _ => {
            // Graph answers with the updated details: what it received, as maps.
            let mut body = r.json();
            body["@odata.etag"] = json!("W/\"etag-2\"");
            Reply::json(200, body)
        }
    })
    .await;
    let c = load_at(PLANNER, &backend.url());
    let body = json!({
        "description": "Spec review",
        "references": [{"resourceLink": LINK, "alias": "Spec", "type": "Word"}],
        "checklist": [{"id": "c1", "title": "Read it", "isChecked": false}],
    });
    let call = Call::new("UpdateTaskDetails_V2").arg("id", "t1").with_body(body);
    let out = runtime().invoke(&c, &connection(json!({})), call).await.unwrap();

    let reqs = backend.requests();
    assert_eq!(reqs.len(), 2, "{reqs:#?}");
    // The side call: the details URL with the request's headers, no body.
    assert_eq!(
        (reqs[0].method.as_str(), reqs[0].path.as_str()),
        ("GET", "/v1.0/planner/tasks/t1/details")
    );
    assert_eq!(reqs[0].header("prefer").map(str::trim), Some("return=representation"));
    assert!(reqs[0].body.is_empty());
    // The update itself.
    let patch = &reqs[1];
    assert_eq!(
        (patch.method.as_str(), patch.path.as_str()),
        ("PATCH", "/v1.0/planner/tasks/t1/details")
    );
    assert_eq!(patch.header("if-match"), Some("W/\"etag-1\""));
    assert_eq!(patch.header("content-type"), Some("application/json"));
    assert_eq!(
        patch.json(),
        json!({
            "description": "Spec review",
            "references": {KEY: {
                "alias": "Spec", "type": "Word", "previewPriority": " !",
                "@odata.type": "microsoft.graph.plannerExternalReference",
            }},
            "checklist": {"c1": {
                "title": "Read it", "isChecked": false,
                "@odata.type": "microsoft.graph.plannerChecklistItem",
            }},
        })
    );
    // The caller gets arrays back, with the links decoded.
    assert_eq!(
        *json_of(&out.response.body),
        json!({
            "description": "Spec review",
            "references": [{"resourceLink": LINK, "value": {
                "alias": "Spec", "type": "Word", "previewPriority": " !",
                "@odata.type": "microsoft.graph.plannerExternalReference",
            }}],
            "checklist": [{"id": "c1", "value": {
                "title": "Read it", "isChecked": false,
                "@odata.type": "microsoft.graph.plannerChecklistItem",
            }}],
            "@odata.etag": "W/\"etag-2\"",
        })
    );
}

#[tokio::test]
async fn planner_create_task_splits_encodes_and_keys_the_assignees() {
    // Checklist 32 (`/v2/v1.0/planner/tasks` → `/v1.0/planner/tasks`), 35–36 (stringtoarray,
    // setproperty on each element, encodepropertyvalue, stringreplace `.` → `%2E`,
    // convertarraytoobject; convertobjecttoarray on the response).
    let backend = Backend::start(|r, _| {
        let sent = r.json();
        Reply::json(
            201,
            json!({"id": "t9", "title": sent["title"], "assignments": sent["assignments"]}),
        )
    })
    .await;
    let c = load_at(PLANNER, &backend.url());
    let body = json!({"groupId": "g1", "planId": "p1", "title": "Ship it", "assignments": "ann@contoso.com;bob.smith@contoso.com"});
    let out = runtime()
        .invoke(&c, &connection(json!({})), Call::new("CreateTask_V3").with_body(body))
        .await
        .unwrap();
    let r = &backend.requests()[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/v1.0/planner/tasks"));
    let assignee = json!({"orderHint": " !", "@odata.type": "microsoft.graph.plannerAssignment"});
    assert_eq!(
        r.json(),
        json!({"groupId": "g1", "planId": "p1", "title": "Ship it", "assignments": {
            "ann%40contoso%2Ecom": assignee,
            "bob%2Esmith%40contoso%2Ecom": assignee,
        }})
    );
    assert_eq!(out.response.status, 201);
    assert_eq!(
        json_of(&out.response.body)["_assignments"],
        json!([
            {"userId": "ann%40contoso%2Ecom", "value": assignee},
            {"userId": "bob%2Esmith%40contoso%2Ecom", "value": assignee},
        ])
    );
}
