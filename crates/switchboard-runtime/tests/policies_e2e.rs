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
    let backend = Backend::start(|r, _| {
        if r.method == "GET" {
            return Reply::json(200, json!({"id": "t1", "@odata.etag": "W/\"etag-1\""}));
        }
        // Graph answers with the updated details: what it received, as maps.
        let mut body = r.json();
        body["@odata.etag"] = json!("W/\"etag-2\"");
        Reply::json(200, body)
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

// ---- Cradl AI: the whole request-stage chain --------------------------------------------

const CRADL: &str = "certified-connectors/Cradl AI";

/// Cradl AI with its two hard-coded hosts rerouted to two loopback servers.
fn cradl(auth: &Backend, api: &Backend) -> CompiledConnector {
    let mut c = load(CRADL);
    c.redirect_origin("https://auth.lucidtech.ai", &auth.url()).unwrap();
    c.redirect_origin("https://api.lucidtech.ai", &api.url()).unwrap();
    c
}

#[tokio::test]
async fn cradl_ai_fetches_a_token_from_the_auth_host_and_calls_the_api_with_it() {
    // Checklist 27: Basic auth → host switched to the auth server → form content type →
    // setvaluefromurl POSTs for a token into Authorization → `Bearer …` → host switched back →
    // JSON content type. Each instance sees the previous ones' changes. (GetModels,
    // CreateDocument and CreateRun are listed in scriptOperations, so GetWorkflows it is.)
    let auth = Backend::start(|_, _| {
        Reply::json(200, json!({"access_token": "tok-123", "expires_in": 3600}))
    })
    .await;
    let api = Backend::start(|_, _| Reply::json(200, json!({"models": [{"modelId": "m1"}]}))).await;
    let c = cradl(&auth, &api);
    let conn = connection(json!({"api_key": "Y2xpZW50OnNlY3JldA=="}));
    let (result, trace) =
        runtime().invoke_traced(&c, &conn, Call::new("GetWorkflows").traced()).await;
    let out = result.unwrap();
    assert_eq!(*json_of(&out.response.body), json!({"models": [{"modelId": "m1"}]}));

    let token = auth.requests();
    assert_eq!(token.len(), 1);
    let t = &token[0];
    assert_eq!((t.method.as_str(), t.path.as_str()), ("POST", "/oauth2/token"));
    assert_eq!(t.query_pairs(), [("grant_type".to_string(), "client_credentials".to_string())]);
    assert_eq!(t.header("authorization"), Some("Basic Y2xpZW50OnNlY3JldA=="));
    assert_eq!(t.header("content-type"), Some("application/x-www-form-urlencoded"));

    let calls = api.requests();
    assert_eq!(calls.len(), 1);
    let r = &calls[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/v1/workflows"));
    assert_eq!(r.header("authorization"), Some("Bearer tok-123"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    // The swagger's apiKey scheme still put the key where the definition says.
    assert_eq!(r.header("clientcredentials"), Some("Y2xpZW50OnNlY3JldA=="));

    // The trace shows the real hosts: rerouting happens only at the wire.
    let send = trace.events.iter().find(|e| e.phase == Phase::Send).unwrap();
    assert_eq!(send.request.as_ref().unwrap().url, "https://api.lucidtech.ai/v1/workflows");
    let after = |title: &str| {
        let e =
            trace.events.iter().find(|e| e.step.starts_with(&format!("policy '{title}'"))).unwrap();
        e.request.as_ref().unwrap().url.clone()
    };
    assert_eq!(after("Change host to auth"), "https://auth.lucidtech.ai/workflows");
    assert_eq!(after("Change host back"), "https://api.lucidtech.ai/v1/workflows");
}

#[tokio::test]
async fn cradl_ai_token_answer_without_an_object_fails_naming_the_policy_before_the_api() {
    // Checklist 39: `@body().access_token` navigates through a `null` body: the call fails with
    // 500, naming the policy title and the expression, and the API is never called.
    let auth = Backend::start(|_, _| Reply::raw(200, "application/json", "null")).await;
    let api = Backend::ok().await;
    let c = cradl(&auth, &api);
    let conn = connection(json!({"api_key": "k"}));
    let e = runtime().invoke(&c, &conn, Call::new("GetWorkflows")).await.unwrap_err();
    assert_eq!(
        (e.status, e.code, e.fault, e.phase),
        (500, "PolicyFailed", Fault::Internal, Phase::RequestPolicies)
    );
    assert!(
        e.message.contains("policy 'Authorize'") && e.message.contains("@body().access_token"),
        "{}",
        e.message
    );
    assert_eq!(auth.count(), 1);
    assert_eq!(api.count(), 0);
}

#[tokio::test]
async fn cradl_ai_token_endpoint_refusal_fails_the_call_with_its_status() {
    let auth = Backend::start(|_, _| Reply::json(401, json!({"error": "invalid_client"}))).await;
    let api = Backend::ok().await;
    let c = cradl(&auth, &api);
    let e = runtime()
        .invoke(&c, &connection(json!({"api_key": "bad"})), Call::new("GetWorkflows"))
        .await
        .unwrap_err();
    assert_eq!((e.status, e.code), (401, "PolicyFailed"));
    assert!(
        e.message.contains("'Authorize'") && e.message.contains("answered 401"),
        "{}",
        e.message
    );
    assert_eq!(api.count(), 0);
}

// ---- Hosts and paths: dynamichosturl, dynamicsubdomain, routerequesttoendpoint ------------

#[tokio::test]
async fn resco_cloud_takes_host_and_base_path_from_the_connection() {
    // Checklist 31: `@connectionParameters('server')/odata/v4/@connectionParameters('organization')/`
    // replaces scheme, host and basePath for scoped operations; the questionnaire operations use
    // the second template and a `/` route.
    let backend = Backend::start(|_, _| Reply::json(200, json!({"value": []}))).await;
    let c = load(RESCO);
    let conn = connection(json!({
        "server": backend.url(), "organization": "contoso", "username": "u", "password": "p",
    }));
    let rt = runtime();
    rt.invoke(&c, &conn, Call::new("Record-List").arg("entity", "account").arg("$top", 5))
        .await
        .unwrap();
    rt.invoke(&c, &conn, Call::new("Schema-Questionnaires")).await.unwrap();
    let reqs = backend.requests();
    assert_eq!(reqs[0].path, "/odata/v4/contoso/account");
    assert_eq!(reqs[0].query_param("$top").as_deref(), Some("5"));
    assert_eq!(reqs[0].header("authorization"), Some("Basic dTpw"));
    assert_eq!(
        reqs[0].header("prefer"),
        Some("odata.include-annotations=*,resco.strictlookup=true")
    );
    assert_eq!(reqs[1].path, "/odata/questionnaires/v4/contoso/");
    assert_eq!(reqs[1].query_param("$kind").as_deref(), Some("QuestionnaireSet"));
}

const RESCO: &str = "certified-connectors/RescoCloud";

#[tokio::test]
async fn alisqi_puts_the_connection_subdomain_into_the_host() {
    // Checklist 36 (dynamicsubdomain): `https://@connectionParameters('subdomain').alisqi.com/api/`.
    let backend = Backend::start(|_, _| Reply::json(200, json!([{"id": 16}]))).await;
    let mut c = load("certified-connectors/AlisQI");
    c.redirect_origin("https://acme.alisqi.com", &backend.url()).unwrap();
    let conn = connection(json!({"subdomain": "acme", "api_key": "alisqi-key"}));
    let (result, trace) = runtime()
        .invoke_traced(&c, &conn, Call::new("GetAllAnalysisSetsOrSelectionLists").traced())
        .await;
    result.unwrap();
    let r = &backend.requests()[0];
    assert_eq!(r.path, "/api/getAllSets");
    assert_eq!(r.header("authorization"), Some("alisqi-key"));
    let send = trace.events.iter().find(|e| e.phase == Phase::Send).unwrap();
    assert_eq!(send.request.as_ref().unwrap().url, "https://acme.alisqi.com/api/getAllSets");
}

#[tokio::test]
async fn outlook_tasks_routes_below_the_base_path_and_defaults_top() {
    // Checklist 32 (basePath `/api/v2.0` kept) and 30 (`%24top` = 50 only when absent).
    let backend = Backend::start(|_, _| Reply::json(200, json!({"value": []}))).await;
    let c = load_at("certified-connectors/OutlookTasks", &backend.url());
    let rt = runtime();
    let conn = connection(json!({}));
    rt.invoke(&c, &conn, Call::new("GetTasksInFolder_V2").arg("folder_id", "AQMk=="))
        .await
        .unwrap();
    rt.invoke(&c, &conn, Call::new("GetTasksInFolder_V2").arg("folder_id", "f").arg("$top", 5))
        .await
        .unwrap();
    let reqs = backend.requests();
    assert_eq!(reqs[0].path, "/api/v2.0/me/taskfolders('AQMk%3D%3D')/tasks");
    assert_eq!(reqs[0].query_pairs(), [("$top".to_string(), "50".to_string())]);
    assert_eq!(reqs[1].query_pairs(), [("$top".to_string(), "5".to_string())]);
}

#[tokio::test]
async fn hyas_insight_builds_the_query_from_query_values_and_appends_its_user_agent() {
    // Checklist 32 (a query string in newPath merged into the request's query) and 29
    // (setheader append); CurrentWhois goes to another literal host.
    let backend = Backend::start(|_, _| Reply::json(200, json!([]))).await;
    let mut c = load_at("certified-connectors/HYAS Insight", &backend.url());
    c.redirect_origin("https://api.hyas.com", &backend.url()).unwrap();
    let conn = connection(json!({"api_key": "hyas-key"}));
    let rt = runtime();
    let call = Call::new("Whois").arg("indicator_type", "domain").arg("indicator_value", "a&b.com");
    rt.invoke(&c, &conn, call).await.unwrap();
    rt.invoke(&c, &conn, Call::new("CurrentWhois").with_body(json!({"domain": "x.com"})))
        .await
        .unwrap();
    let reqs = backend.requests();
    let r = &reqs[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/api/ext/whois/search"));
    assert_eq!(
        r.query_pairs(),
        [("indicator_type", "domain"), ("indicator_value", "a&b.com"), ("domain", "a&b.com")]
            .map(|(k, v)| (k.to_string(), v.to_string()))
    );
    assert_eq!(r.header("x-api-key"), Some("hyas-key"));
    assert_eq!(r.header("user-agent"), Some("Microsoft Sentinel"));
    // `https://api.hyas.com/`: the template's (empty) path replaces the swagger's basePath.
    assert_eq!((reqs[1].method.as_str(), reqs[1].path.as_str()), ("POST", "/whois/v1"));
    assert_eq!(reqs[1].json(), json!({"domain": "x.com"}));
}

// ---- Response stage: connection status, webhook Location, polling triggers -----------------

#[tokio::test]
async fn deskdirector_flags_the_connection_on_a_401_and_still_returns_the_response() {
    // Checklist 37: the unscoped setconnectionstatustounauthenticated (401) fires on the
    // test-connection operation; the 401 itself goes back to the caller.
    let backend = Backend::start(|r, _| {
        if r.header("authorization") == Some("DdApi good-key") {
            Reply::json(200, json!({"ok": true}))
        } else {
            Reply::json(401, json!({"message": "invalid key"}))
        }
    })
    .await;
    let mut c = load("certified-connectors/DeskDirector");
    c.redirect_origin("https://acme.deskdirector.com", &backend.url()).unwrap();
    let rt = runtime();
    let conn = |key: &str| connection(json!({"siteHost": "acme.deskdirector.com", "apiKey": key}));

    let out = rt.invoke(&c, &conn("bad-key"), Call::new("TestConnection")).await.unwrap();
    assert_eq!(out.response.status, 401);
    assert_eq!(*json_of(&out.response.body), json!({"message": "invalid key"}));
    assert!(out.effects.connection_unauthenticated);
    let r = &backend.requests()[0];
    assert_eq!(r.path, "/api/v2/automate/connector/connections/test");
    // The setheader instance replaced the apiKey scheme's raw value with `DdApi <key>`.
    assert_eq!(r.header("authorization"), Some("DdApi bad-key"));

    let out = rt.invoke(&c, &conn("good-key"), Call::new("TestConnection")).await.unwrap();
    assert_eq!(out.response.status, 200);
    assert!(!out.effects.connection_unauthenticated);
}

#[tokio::test]
async fn airmeet_webhook_registration_gets_a_location_from_a_response_stage_setheader() {
    // Checklist 29 (a Response-stage setheader modifies the response): the backend's 201 has no
    // Location; the connector adds the deregistration URL built from the connection's region.
    let backend = Backend::start(|_, _| Reply::json(201, json!({"id": "hook-1"}))).await;
    let mut c = load("certified-connectors/Airmeet");
    c.redirect_origin("https://api-gateway.airmeet.com", &backend.url()).unwrap();
    let conn = connection(
        json!({"username": "access", "password": "secret", "region": "api-gateway.airmeet.com"}),
    );
    let call = Call::new("AirmeetTriggers").arg("airmeetId", "am-1").with_body(
        json!({"triggerMetaInfoId": "registration.created", "url": "https://engine/cb"}),
    );
    let out = runtime().invoke(&c, &conn, call).await.unwrap();
    assert_eq!(out.response.status, 201);
    assert_eq!(
        out.response.headers.get("Location"),
        Some("https://api-gateway.airmeet.com/prod/platform-integration/v1/webhook-deregister")
    );
    let r = &backend.requests()[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", "/prod/platform-integration/v1/webhook-register")
    );
    assert_eq!(r.query_param("airmeetId").as_deref(), Some("am-1"));
    assert_eq!(
        (r.header("x-access-key"), r.header("x-secret-key"), r.header("region")),
        (Some("access"), Some("secret"), Some("api-gateway.airmeet.com"))
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
}

const FACEBOOK: &str = "custom-connectors/Facebook";
const INBOUND: &str = "https://sb.example.com/apim/facebook/c1/trigger/me/feed?a=1";

/// The trigger state in a `Location`.
fn state_of(location: &str) -> String {
    let url = url::Url::parse(location).unwrap();
    url.query_pairs().find(|(k, _)| k == "x-ms-trigger-state").unwrap().1.into_owned()
}

fn poll(state: Option<&str>) -> Call {
    let mut call = Call::new("TriggerNewPost");
    call.inbound_url = Some(match state {
        Some(s) => format!("{INBOUND}&x-ms-trigger-state={s}"),
        None => INBOUND.to_string(),
    });
    // The engine calls the Location: its query reaches the operation.
    call.extra_query.push(("a".into(), "1".into()));
    if let Some(s) = state {
        call.extra_query.push(("x-ms-trigger-state".into(), s.into()));
    }
    call
}

#[tokio::test]
async fn facebook_polling_trigger_baselines_then_fires_on_new_posts_only() {
    // Checklist 41–44 on the `since` shape: the first poll answers 202 with a runtime Location
    // and does not fire; a poll with new posts answers 200 with the body and an updated
    // Location; a poll without answers 202 with the state unchanged. The `/trigger` prefix is
    // stripped; the Location keeps the engine's other query parameters.
    let backend = Backend::start(|r, _| match r.query_param("since").as_deref() {
        None => Reply::json(
            200,
            json!({"data": [{"id": "p1", "created_time": "2024-01-01T10:00:00+0000"}]}),
        ),
        Some("2024-01-01T10:00:00+0000") => Reply::json(
            200,
            json!({"data": [
                {"id": "p3", "created_time": "2024-01-02T09:00:00+0000"},
                {"id": "p2", "created_time": "2024-01-02T08:00:00+0000"},
            ]}),
        ),
        Some(_) => Reply::json(200, json!({"data": []})),
    })
    .await;
    let c = load_at(FACEBOOK, &backend.url());
    let rt = runtime();
    let conn = connection(json!({"token": {"access_token": "fb-token"}}));

    // 1. Baseline.
    let first = rt.invoke(&c, &conn, poll(None)).await.unwrap();
    assert_eq!(first.response.status, 202);
    assert_eq!(first.response.body, Body::Empty);
    let location = first.response.headers.get("Location").unwrap().to_string();
    assert!(location.starts_with(&format!("{INBOUND}&x-ms-trigger-state=")), "{location}");
    let poll1 = first.effects.trigger_poll.as_ref().unwrap();
    assert!(!poll1.fired && poll1.previous.is_none());
    assert_eq!(poll1.next.as_ref().unwrap().params["since"], "2024-01-01T10:00:00+0000");

    // 2. New posts.
    let state = state_of(&location);
    let second = rt.invoke(&c, &conn, poll(Some(&state))).await.unwrap();
    assert_eq!(second.response.status, 200);
    assert_eq!(json_of(&second.response.body)["data"].as_array().unwrap().len(), 2);
    let location2 = second.response.headers.get("Location").unwrap().to_string();
    assert_ne!(location2, location);
    assert!(location2.starts_with(&format!("{INBOUND}&x-ms-trigger-state=")), "{location2}");
    assert!(second.effects.trigger_poll.as_ref().unwrap().fired);

    // 3. Nothing new.
    let state2 = state_of(&location2);
    let third = rt.invoke(&c, &conn, poll(Some(&state2))).await.unwrap();
    assert_eq!(third.response.status, 202);
    assert_eq!(state_of(third.response.headers.get("Location").unwrap()), state2);

    let reqs = backend.requests();
    assert_eq!(reqs.len(), 3);
    for r in &reqs {
        assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/me/feed"));
        assert_eq!(r.header("authorization"), Some("Bearer fb-token"));
        assert_eq!(r.header("accept"), Some("application/json"));
        assert_eq!(r.query_param("a").as_deref(), Some("1"), "extra query round-trips");
        assert_eq!(r.query_param("x-ms-trigger-state"), None, "the state stays in the runtime");
    }
    assert_eq!(reqs[0].query_param("since"), None);
    assert_eq!(reqs[1].query_param("since").as_deref(), Some("2024-01-01T10:00:00+0000"));
    assert_eq!(reqs[2].query_param("since").as_deref(), Some("2024-01-02T09:00:00+0000"));
}

#[tokio::test]
async fn facebook_polling_trigger_state_through_null_fails_naming_the_policy() {
    // Checklist 39 in the Response stage: `@{triggerBody().data[0].created_time}` navigates
    // through a null first item.
    let backend = Backend::start(|_, _| Reply::json(200, json!({"data": [null]}))).await;
    let c = load_at(FACEBOOK, &backend.url());
    let conn = connection(json!({"token": {"access_token": "t"}}));
    let rt = runtime();
    let first = rt.invoke(&c, &conn, poll(None)).await.unwrap();
    let state = state_of(first.response.headers.get("Location").unwrap());
    let e = rt.invoke(&c, &conn, poll(Some(&state))).await.unwrap_err();
    assert_eq!((e.status, e.code, e.phase), (500, "PolicyFailed", Phase::ResponsePolicies));
    assert!(
        e.message.contains("'Polling trigger for new posts'")
            && e.message.contains("triggerBody().data[0].created_time"),
        "{}",
        e.message
    );
}

// ---- Follow-up requests (next links, status polls) and request policies ----------------

/// A connector shaped like iObeya's (`dynamichosturl` whose template carries a base path, on
/// pageable operations) with a header policy and a route on a pageable POST.
fn paged_fixture(url: &str) -> CompiledConnector {
    let param = |k: &str, v: &str| (format!("x-ms-apimTemplateParameter.{k}"), json!(v));
    let instance = |id: &str, title: &str, params: Vec<(String, Value)>| json!({"templateId": id, "title": title, "parameters": params.into_iter().collect::<serde_json::Map<_, _>>()});
    common::fixture(
        "paged",
        json!({"paths": {
            "/items": {"get": {"operationId": "ListItems", "x-ms-pageable": {"nextLinkName": "nextLink"}, "responses": {}}},
            "/search": {"post": {"operationId": "SearchItems", "x-ms-pageable": {"nextLinkName": "nextLink"},
                "parameters": [{"name": "body", "in": "body", "schema": {"type": "object"}}], "responses": {}}}
        }}),
        json!({"properties": {
            "connectionParameters": {"server": {"type": "string"}, "key": {"type": "securestring"}},
            "policyTemplateInstances": [
                instance("dynamichosturl", "Server", vec![param("urlTemplate", "@connectionParameters('server')/api/v2/")]),
                instance("setheader", "Key", vec![param("name", "X-Key"), param("value", "@connectionParameters('key')")]),
                instance("routerequesttoendpoint", "Search route", vec![
                    param("newPath", "/items/search"),
                    param("httpMethod", "@Request.OriginalHTTPMethod"),
                    ("x-ms-apimTemplate-operationName".into(), json!(["SearchItems"])),
                ]),
            ],
        }}),
        url,
    )
}

#[tokio::test]
async fn next_links_keep_their_url_and_method_but_get_the_request_policies() {
    // Regression: page fetches ran every request policy again, so a dynamichosturl whose
    // template carries a base path prefixed it to the link's path a second time
    // (`/api/v2/api/v2/items`), and a route replaced the link's path and turned the GET into
    // the operation's POST. Follow-ups now keep the backend's URL and GET, and still get what
    // the policies add (here the key header).
    let backend = self_aware(|me, r, _| match (r.path.as_str(), r.query_param("page")) {
        ("/api/v2/items", None) => {
            Reply::json(200, json!({"value": [1], "nextLink": format!("{me}/api/v2/items?page=2")}))
        }
        ("/api/v2/items/search", None) => Reply::json(
            200,
            json!({"value": ["a"], "nextLink": format!("{me}/api/v2/items/search/next?page=2")}),
        ),
        (_, Some(_)) => Reply::json(200, json!({"value": [2]})),
        _ => Reply::json(404, json!({"error": r.path})),
    })
    .await;
    let c = paged_fixture(&backend.url());
    let conn = connection(json!({"server": backend.url(), "key": "k1"}));
    let rt = runtime();
    let out = rt.invoke(&c, &conn, Call::new("ListItems")).await.unwrap();
    assert_eq!(*json_of(&out.response.body), json!({"value": [1, 2]}));
    let out =
        rt.invoke(&c, &conn, Call::new("SearchItems").with_body(json!({"q": "x"}))).await.unwrap();
    assert_eq!(*json_of(&out.response.body), json!({"value": ["a", 2]}));

    let seen: Vec<(String, String, Option<String>)> = backend
        .requests()
        .iter()
        .map(|r| (r.method.clone(), r.path.clone(), r.header("x-key").map(str::to_string)))
        .collect();
    let k = || Some("k1".to_string());
    assert_eq!(
        seen,
        [
            ("GET".into(), "/api/v2/items".into(), k()),
            ("GET".into(), "/api/v2/items".into(), k()),
            ("POST".into(), "/api/v2/items/search".into(), k()),
            ("GET".into(), "/api/v2/items/search/next".into(), k()),
        ]
    );
}

#[tokio::test]
async fn status_polls_of_long_running_operations_get_the_request_policies() {
    // Regression: status polls ran no request policies, so a connector that authenticates with
    // a setheader (DeskDirector's `Authorization: DdApi …`, Airmeet's keys) polled without
    // credentials. Polls now get them, at the `Location` the backend gave.
    let backend = self_aware(|me, r, _| match r.path.as_str() {
        "/api/v2/jobs" => Reply::empty(202)
            .header("Location", &format!("{me}/status/1"))
            .header("Retry-After", "0"),
        _ => Reply::json(200, json!({"done": true})),
    })
    .await;
    let c = common::fixture(
        "lro",
        json!({"paths": {"/jobs": {"post": {"operationId": "StartJob", "x-ms-long-running-operation": true, "responses": {}}}}}),
        json!({"properties": {
            "connectionParameters": {"server": {"type": "string"}, "key": {"type": "securestring"}},
            "policyTemplateInstances": [
                {"templateId": "dynamichosturl", "title": "Server", "parameters": {
                    "x-ms-apimTemplateParameter.urlTemplate": "@connectionParameters('server')/api/v2"}},
                {"templateId": "setheader", "title": "Key", "parameters": {
                    "x-ms-apimTemplateParameter.name": "Authorization",
                    "x-ms-apimTemplateParameter.value": "DdApi @connectionParameters('key')"}},
            ],
        }}),
        &backend.url(),
    );
    let conn = connection(json!({"server": backend.url(), "key": "k1"}));
    let out = runtime().invoke(&c, &conn, Call::new("StartJob")).await.unwrap();
    assert_eq!(*json_of(&out.response.body), json!({"done": true}));
    let reqs = backend.requests();
    assert_eq!(
        reqs.iter()
            .map(|r| (r.method.as_str(), r.path.as_str(), r.header("authorization")))
            .collect::<Vec<_>>(),
        [("POST", "/api/v2/jobs", Some("DdApi k1")), ("GET", "/status/1", Some("DdApi k1"))]
    );
}

#[tokio::test]
async fn cradl_ai_unreachable_token_host_fails_naming_the_policy_and_the_cause() {
    // Regression: a side call that could not be sent failed with "the side call to <base> failed",
    // without the path or the reason.
    let api = Backend::ok().await;
    let mut c = load(CRADL);
    c.redirect_origin("https://auth.lucidtech.ai", &common::closed_port_url()).unwrap();
    c.redirect_origin("https://api.lucidtech.ai", &api.url()).unwrap();
    let e = runtime()
        .invoke(&c, &connection(json!({"api_key": "k"})), Call::new("GetWorkflows"))
        .await
        .unwrap_err();
    assert_eq!((e.status, e.code, e.phase), (502, "PolicyFailed", Phase::RequestPolicies));
    assert!(
        e.message.starts_with(
            "operation 'GetWorkflows': policy 'Authorize': side call failed: POST https://auth.lucidtech.ai/oauth2/token: could not connect"
        ),
        "{}",
        e.message
    );
    assert_eq!(api.count(), 0);
}

#[tokio::test]
async fn facebook_polling_trigger_reads_every_page_of_new_posts_within_one_poll() {
    // §4.4 step 5: next links (`@odata.nextLink`, the default) are followed within the poll,
    // with the request's headers, and the pages' items replace the data array.
    let backend = self_aware(|me, r, _| match (r.query_param("since"), r.query_param("after")) {
        (None, _) => Reply::json(200, json!({"data": [{"id": "p1", "created_time": "t1"}]})),
        (Some(_), None) => Reply::json(
            200,
            json!({"data": [{"id": "p3", "created_time": "t3"}], "@odata.nextLink": format!("{me}/me/feed?since=t1&after=c2")}),
        ),
        (Some(_), Some(_)) => Reply::json(200, json!({"data": [{"id": "p2", "created_time": "t2"}]})),
    })
    .await;
    let c = load_at(FACEBOOK, &backend.url());
    let rt = runtime();
    let conn = connection(json!({"token": {"access_token": "fb-token"}}));
    let first = rt.invoke(&c, &conn, poll(None)).await.unwrap();
    let state = state_of(first.response.headers.get("Location").unwrap());
    let second = rt.invoke(&c, &conn, poll(Some(&state))).await.unwrap();
    assert_eq!(second.response.status, 200);
    assert_eq!(
        *json_of(&second.response.body),
        json!({"data": [{"id": "p3", "created_time": "t3"}, {"id": "p2", "created_time": "t2"}]})
    );
    let next = second.effects.trigger_poll.as_ref().unwrap().next.clone().unwrap();
    assert_eq!(next.params["since"], "t3", "the state comes from the first page");
    let reqs = backend.requests();
    assert_eq!(reqs.len(), 3);
    assert_eq!(reqs[2].query_param("after").as_deref(), Some("c2"));
    assert_eq!(reqs[2].header("authorization"), Some("Bearer fb-token"));
}

#[tokio::test]
async fn azure_iot_central_pages_carry_the_bearer_token_and_keep_their_query() {
    // Checklist 38/48 with OAuth: the page fetch is an authenticated GET of the link the
    // backend gave (its own query, not the operation's `application` parameter), and
    // updatenextlink on the merged body finds no link left.
    let backend = self_aware(|me, r, _| match r.query_param("page").as_deref() {
        None => Reply::json(
            200,
            json!({"value": [{"id": "d1"}], "nextLink": format!("{me}/api/v1/devices?page=2&application=app-1")}),
        ),
        Some(_) => Reply::json(200, json!({"value": [{"id": "d2"}]})),
    })
    .await;
    let c = load_at("certified-connectors/AzureIoTCentral", &backend.url());
    let conn = connection(json!({"token": {"access_token": "aad-token"}}));
    let out = runtime()
        .invoke(&c, &conn, Call::new("Devices_List_V1").arg("application", "app-1"))
        .await
        .unwrap();
    assert_eq!(*json_of(&out.response.body), json!({"value": [{"id": "d1"}, {"id": "d2"}]}));
    let reqs = backend.requests();
    assert_eq!(reqs.len(), 2);
    for r in &reqs {
        assert_eq!(
            (r.path.as_str(), r.header("authorization")),
            ("/api/v1/devices", Some("Bearer aad-token"))
        );
    }
    assert_eq!(reqs[0].query.as_deref(), Some("application=app-1"));
    assert_eq!(reqs[1].query.as_deref(), Some("page=2&application=app-1"));
}

#[tokio::test]
async fn failure_stage_setheader_marks_5xx_answers_and_leaves_transport_errors_alone() {
    // A Failure-stage setheader (documented for setheader only; none in the corpus) sets its
    // header on a 5xx answer. Regression: when the backend could not be reached there is no
    // response to set it on, and the policy's "no response" error replaced the real one
    // (BackendUnreachable 502 became PolicyFailed 500).
    let props = |_: &str| {
        json!({"properties": {"policyTemplateInstances": [{"templateId": "setheader", "title": "Mark failures", "parameters": {
            "x-ms-apimTemplateParameter.name": "X-Failed",
            "x-ms-apimTemplateParameter.value": "yes",
            "x-ms-apimTemplate-policySection": "Failure"}}]}})
    };
    let paths = json!({"paths": {"/a": {"get": {"operationId": "A", "responses": {}}}}});
    let backend = Backend::start(|r, _| {
        if r.query_param("fail").is_some() {
            Reply::json(503, json!({"error": "down"}))
        } else {
            Reply::json(200, json!({}))
        }
    })
    .await;
    let c = common::fixture("failure-stage", paths.clone(), props(""), &backend.url());
    let rt = common::runtime_with(|o| o.retry = switchboard_runtime::RetryPolicy::None);
    let conn = connection(json!({}));
    let ok = rt.invoke(&c, &conn, Call::new("A")).await.unwrap();
    assert_eq!(ok.response.headers.get("X-Failed"), None);
    let mut failing = Call::new("A");
    failing.extra_query.push(("fail".into(), "1".into()));
    let out = rt.invoke(&c, &conn, failing).await.unwrap();
    assert_eq!((out.response.status, out.response.headers.get("X-Failed")), (503, Some("yes")));

    let down = common::fixture("failure-stage-down", paths, props(""), &common::closed_port_url());
    let (result, trace) = rt.invoke_traced(&down, &conn, Call::new("A").traced()).await;
    let e = result.unwrap_err();
    assert_eq!((e.status, e.code, e.phase), (502, "BackendUnreachable", Phase::Send));
    assert!(
        trace.events.iter().any(|ev| ev.phase == Phase::OnFailure
            && ev.step == "policy 'Mark failures' (setheader) skipped: the backend gave no response to act on"),
        "{:#?}",
        trace.events.iter().map(|e| &e.step).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn pipeliner_host_from_a_header_is_checked_against_the_allowed_hosts() {
    // §3.4.3: Pipeliner CRM's `@headers('service_url')` lets the caller choose the host. The
    // policy flags it; with an allow-list the runtime refuses other hosts before sending
    // (regression: the flag was raised but nothing checked it).
    let backend = Backend::start(|_, _| Reply::json(200, json!({"id": "a1"}))).await;
    let mut c = load("certified-connectors/Pipeliner CRM");
    c.redirect_origin("https://eu-central.api.pipelinersales.com", &backend.url()).unwrap();
    let conn = connection(json!({"username": "u", "password": "p"}));
    let get = |service_url: &str| {
        Call::new("AccountsGet")
            .arg("service_url", service_url)
            .arg("space_id", "s1")
            .arg("id", "a1")
    };
    let rt = runtime();
    // Without an allow-list the caller is trusted (the CLI): any host goes.
    let out = rt.invoke(&c, &conn, get(&backend.url())).await.unwrap();
    assert!(out.effects.host_from_caller_input);

    c.restrict_caller_hosts(["*.pipelinersales.com"]);
    let e = rt.invoke(&c, &conn, get("http://169.254.169.254")).await.unwrap_err();
    assert_eq!((e.status, e.code, e.phase), (403, "EgressNotAllowed", Phase::RequestPolicies));
    assert!(e.message.contains("'169.254.169.254'"), "{}", e.message);
    assert_eq!(backend.count(), 1);

    rt.invoke(&c, &conn, get("https://eu-central.api.pipelinersales.com")).await.unwrap();
    let r = &backend.requests()[1];
    assert_eq!(r.path, "/api/v100/rest/spaces/s1/entities/Accounts/a1");
    assert_eq!(r.header("authorization"), Some("Basic dTpw"));
}

#[tokio::test]
async fn side_calls_after_a_caller_chosen_host_are_checked_too() {
    let backend = Backend::ok().await;
    let mut c = common::fixture(
        "caller-host-side-call",
        json!({"paths": {"/a": {"get": {"operationId": "A", "parameters": [
            {"name": "service_url", "in": "header", "type": "string", "required": true}], "responses": {}}}}}),
        json!({"properties": {"policyTemplateInstances": [
            {"templateId": "dynamichosturl", "title": "Host", "parameters": {
                "x-ms-apimTemplateParameter.urlTemplate": "@headers('service_url')"}},
            {"templateId": "setvaluefromurl", "title": "Token", "parameters": {
                "x-ms-apimTemplateParameter.parameterTemplate": "@headers('X-Token')",
                "x-ms-apimTemplateParameter.parameterValueUrl": "/token",
                "x-ms-apimTemplateParameter.parameterValuePathTemplate": "@body().token"}},
        ]}}),
        &backend.url(),
    );
    c.restrict_caller_hosts(["api.example.com"]);
    let e = runtime()
        .invoke(&c, &connection(json!({})), Call::new("A").arg("service_url", backend.url()))
        .await
        .unwrap_err();
    assert_eq!((e.status, e.code), (403, "PolicyFailed"));
    assert!(
        e.message.contains("policy 'Token': side call failed:")
            && e.message.contains("not one of the hosts allowed"),
        "{}",
        e.message
    );
    assert_eq!(backend.count(), 0);
}

#[tokio::test]
async fn cradl_ai_side_calls_count_toward_the_connection_rate_limit() {
    // Checklist 55 with policies: the token side call takes one unit of the connection's
    // budget like the call itself; the third request of a 3-per-minute connection is refused
    // with 429 and a Retry-After, without reaching the API.
    let auth = Backend::start(|_, _| Reply::json(200, json!({"access_token": "t"}))).await;
    let api = Backend::ok().await;
    let c = cradl(&auth, &api);
    let rt = common::runtime_with(|o| o.rate_limit = 3);
    let conn = connection(json!({"api_key": "k"}));
    rt.invoke(&c, &conn, Call::new("GetWorkflows")).await.unwrap();
    let e = rt.invoke(&c, &conn, Call::new("GetWorkflows")).await.unwrap_err();
    assert_eq!((e.status, e.code), (429, "RateLimited"));
    assert!(e.retry_after.is_some_and(|s| s >= 1));
    assert_eq!((auth.count(), api.count()), (2, 1));
}

#[tokio::test]
async fn unauthenticated_status_always_applies_to_the_test_connection_operation() {
    // Spec §3.4.12 / open question 17: a setconnectionstatustounauthenticated scoped to other
    // operations still runs on the test-connection call (the policy alone applied its scope).
    let backend = Backend::start(|_, _| Reply::json(401, json!({}))).await;
    let c = common::fixture(
        "test-connection",
        json!({
            "x-ms-capabilities": {"testConnection": {"operationId": "Ping"}},
            "paths": {
                "/ping": {"get": {"operationId": "Ping", "responses": {}}},
                "/things": {"get": {"operationId": "ListThings", "responses": {}}},
                "/other": {"get": {"operationId": "Other", "responses": {}}},
            },
        }),
        json!({"properties": {"policyTemplateInstances": [
            {"templateId": "setconnectionstatustounauthenticated", "title": "Unauthorized", "parameters": {
                "x-ms-apimTemplateParameter.statusCode": 401,
                "x-ms-apimTemplate-operationName": ["ListThings"]}},
        ]}}),
        &backend.url(),
    );
    assert_eq!(c.test_connection.as_deref(), Some("Ping"));
    let rt = runtime();
    let conn = connection(json!({}));
    for (op, flagged) in [("Ping", true), ("ListThings", true), ("Other", false)] {
        let out = rt.invoke(&c, &conn, Call::new(op)).await.unwrap();
        assert_eq!((op, out.effects.connection_unauthenticated), (op, flagged));
    }
}

#[tokio::test]
async fn azure_ad_update_user_flattens_its_custom_properties_into_the_body() {
    // Checklist 36 (moveproperties): every property of `@body().customProperties` moves to the
    // body root; the container goes.
    let backend = Backend::start(|_, _| Reply::empty(204)).await;
    let c = load_at("certified-connectors/AzureAD", &backend.url());
    let body = json!({"displayName": "Ann", "customProperties": {"employeeId": "42", "department": "R&D"}});
    let out = runtime()
        .invoke(&c, &connection(json!({})), Call::new("UpdateUser").arg("id", "u1").with_body(body))
        .await
        .unwrap();
    assert_eq!(out.response.status, 204);
    let r = &backend.requests()[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("PATCH", "/v1.0/users/u1"));
    assert_eq!(r.json(), json!({"displayName": "Ann", "employeeId": "42", "department": "R&D"}));
}

#[tokio::test]
async fn lawvu_webhook_subscription_gets_its_topic_array() {
    // Checklist 34: setproperty's `["matter.created"]` is an array, not a string; the host
    // comes from the connection's `token:customHost`, the route is shared by the triggers.
    let backend = Backend::start(|_, _| Reply::json(201, json!({"id": "sub-1"}))).await;
    let mut c = load("certified-connectors/LawVu");
    c.redirect_origin("https://eu.public-api.lawvu.com", &backend.url()).unwrap();
    let conn = connection(
        json!({"token:customHost": "eu.public-api.lawvu.com", "token": {"access_token": "t"}}),
    );
    let call = Call::new("Triggers_CreateSubscriptionMatterCreated")
        .with_body(json!({"url": "https://engine/cb"}));
    runtime().invoke(&c, &conn, call).await.unwrap();
    let r = &backend.requests()[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", "/account-apis/v1/webhooks/subscriptions")
    );
    assert_eq!(r.json(), json!({"url": "https://engine/cb", "topics": ["matter.created"]}));
}
