//! Pipeline phases with policies (test-only policies through the `Policy` trait), custom code
//! (issue item 5; checklist 53) and dynamic values (issue item 6; checklist 51–52).

#![allow(clippy::unwrap_used)]

mod common;

use common::{Backend, Reply, connection, corpus_connector, fixture, runtime};
use serde_json::json;
use switchboard_runtime::policies::{Policy, PolicyContext, PolicyError, Scope, Stage};
use switchboard_runtime::{Body, Call, Fault, Phase};

/// A test-only policy: sets a header on the request (request stage) or the response
/// (response stage), or fails.
#[derive(Debug)]
struct TestHeader {
    title: String,
    stage: Stage,
    scope: Scope,
    name: &'static str,
    value: &'static str,
}

#[async_trait::async_trait]
impl Policy for TestHeader {
    fn template_id(&self) -> &'static str {
        "test-header"
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn stage(&self) -> Stage {
        self.stage
    }
    fn scope(&self) -> &Scope {
        &self.scope
    }
    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        if self.value == "FAIL" {
            return Err(PolicyError::Evaluation {
                title: self.title.clone(),
                expression: "@fail()".into(),
                reason: "navigates through null".into(),
            });
        }
        if let (Stage::Response, Some(r)) = (self.stage, cx.response.as_deref_mut()) {
            r.headers.set(self.name, self.value);
            if let Some(body) = r.body.as_json_mut() {
                body["seenBy"] = json!(self.title);
            }
        } else {
            {
                // Sees the previous policy's change: appends to it.
                let prev = cx.request.headers.get(self.name).map(str::to_string);
                let value = match prev {
                    Some(p) => format!("{p}+{}", self.value),
                    None => format!("{}:{}", self.value, cx.arguments.len()),
                };
                cx.request.headers.set(self.name, value);
            }
        }
        Ok(())
    }
}

fn policy(title: &str, stage: Stage, scope: &[&str], value: &'static str) -> Box<dyn Policy> {
    Box::new(TestHeader {
        title: title.into(),
        stage,
        scope: Scope(scope.iter().map(ToString::to_string).collect()),
        name: "X-Policy",
        value,
    })
}

fn two_ops(url: &str, properties: serde_json::Value) -> switchboard_runtime::CompiledConnector {
    fixture(
        "pipeline",
        json!({"paths": {
            "/a": {"get": {"operationId": "A", "parameters": [{"name": "q", "in": "query", "type": "string", "default": "d", "required": true}], "responses": {}}},
            "/b": {"get": {"operationId": "B", "responses": {}}}
        }}),
        properties,
        url,
    )
}

#[tokio::test]
async fn policies_run_in_order_per_stage_and_scope_with_a_trace_of_each_phase() {
    let backend = Backend::start(|_, _| Reply::json(200, json!({"x": 1}))).await;
    let mut c = two_ops(&backend.url(), json!(null));
    c.push_policy(policy("first", Stage::Request, &[], "one"));
    c.push_policy(policy("second", Stage::Request, &["A"], "two"));
    c.push_policy(policy("only-b", Stage::Request, &["B"], "never"));
    c.push_policy(policy("resp", Stage::Response, &[], "r"));
    let (result, trace) =
        runtime().invoke_traced(&c, &connection(json!({})), Call::new("A").traced()).await;
    let out = result.unwrap();
    assert_eq!(backend.requests()[0].header("x-policy"), Some("one:1+two"));
    assert_eq!(out.response.headers.get("X-Policy"), Some("r"));
    assert_eq!(out.response.body, Body::Json(json!({"x": 1, "seenBy": "resp"})));
    let steps: Vec<(Phase, &str)> =
        trace.events.iter().map(|e| (e.phase, e.step.as_str())).collect();
    let phases: Vec<Phase> = steps.iter().map(|s| s.0).collect();
    assert_eq!(
        phases,
        [
            Phase::ResolveRoute,
            Phase::Authenticate,
            Phase::RequestPolicies,
            Phase::RequestPolicies,
            Phase::Send,
            Phase::ResponsePolicies,
            Phase::ResponsePolicies,
            Phase::ResponsePolicies,
        ],
        "{steps:?}"
    );
    assert_eq!(steps[2].1, "policy 'first' (test-header)");
    assert_eq!(steps[3].1, "policy 'second' (test-header)");
    // The request as it stands after each policy.
    let header = |i: usize| {
        trace.events[i]
            .request
            .as_ref()
            .unwrap()
            .headers
            .iter()
            .find(|(n, _)| n == "X-Policy")
            .map(|(_, v)| v.clone())
    };
    assert_eq!(header(2).as_deref(), Some("one:1"));
    assert_eq!(header(3).as_deref(), Some("one:1+two"));
    // The response before and after response policies.
    assert_eq!(trace.events[5].response.as_ref().unwrap().body, json!({"x": 1}));
    assert_eq!(trace.events[7].response.as_ref().unwrap().body["seenBy"], "resp");
}

#[tokio::test]
async fn a_failing_policy_fails_the_call_naming_it_before_the_backend() {
    let backend = Backend::ok().await;
    let mut c = two_ops(&backend.url(), json!(null));
    c.push_policy(policy("Broken expression", Stage::Request, &[], "FAIL"));
    let e = runtime().invoke(&c, &connection(json!({})), Call::new("B")).await.unwrap_err();
    assert_eq!(
        (e.status, e.code, e.fault, e.phase),
        (500, "PolicyFailed", Fault::Internal, Phase::RequestPolicies)
    );
    assert!(
        e.message.contains("'Broken expression'") && e.message.contains("@fail()"),
        "{}",
        e.message
    );
    assert_eq!(backend.count(), 0);
}

#[tokio::test]
async fn a_policy_that_does_not_build_fails_its_operations_naming_the_template() {
    let backend = Backend::ok().await;
    let c = two_ops(
        &backend.url(),
        json!({"properties": {"policyTemplateInstances": [{
            "templateId": "nosuchtemplate",
            "title": "Mystery step",
            "parameters": {"x-ms-apimTemplate-operationName": ["A"]}
        }]}}),
    );
    assert_eq!(c.policy_counts(), (0, 1));
    let e = runtime().invoke(&c, &connection(json!({})), Call::new("A")).await.unwrap_err();
    assert_eq!((e.status, e.code, e.fault), (500, "PolicyNotBuilt", Fault::Internal));
    assert!(
        e.message.contains("'Mystery step'") && e.message.contains("nosuchtemplate"),
        "{}",
        e.message
    );
    assert_eq!(backend.count(), 0);
    // Operations outside its scope still run.
    runtime().invoke(&c, &connection(json!({})), Call::new("B")).await.unwrap();
    assert_eq!(backend.count(), 1);
}

#[tokio::test]
async fn custom_code_operations_fail_with_501_and_the_others_work() {
    // CB Blockchain Seal lists HashFile in scriptOperations.
    let backend = Backend::ok().await;
    let c = corpus_connector("certified-connectors/CB Blockchain Seal", &backend.url());
    let conn = connection(json!({"api_key": "k"}));
    let e = runtime().invoke(&c, &conn, Call::new("HashFile")).await.unwrap_err();
    assert_eq!((e.status, e.code, e.fault), (501, "CustomCodeNotSupported", Fault::Internal));
    // The issue's sentence first, then the operation and connector, then the remedy.
    assert!(
        e.message.starts_with(
            "custom code (script.csx) is not supported: operation 'HashFile' of connector 'CB Blockchain Seal' "
        ),
        "{}",
        e.message
    );
    assert!(e.message.ends_with("take the operation out of scriptOperations"), "{}", e.message);
    assert_eq!(backend.count(), 0);
    runtime().invoke(&c, &conn, Call::new("CreateSeal").arg("hash", "abc")).await.unwrap();
    let r = &backend.requests()[0];
    assert_eq!(
        (r.path.as_str(), r.header("authorizationid")),
        ("/api/v2/CreateSeal/1/abc", Some("k"))
    );
}

#[tokio::test]
async fn a_script_without_script_operations_covers_every_operation() {
    let swagger = json!({"swagger": "2.0", "info": {"title": "s", "version": "1"}, "host": "h", "paths": {"/a": {"get": {"operationId": "A", "responses": {}}}}});
    let dir = common::fixture_dir("script-all", &swagger, &json!({"properties": {}}), true);
    let c = common::compile_dir(
        &dir,
        "http://127.0.0.1:9",
        switchboard_runtime::CompileOptions::default(),
    );
    let e = runtime().invoke(&c, &connection(json!({})), Call::new("A")).await.unwrap_err();
    assert_eq!(e.code, "CustomCodeNotSupported");
}

#[tokio::test]
async fn datascope_dynamic_values_call_the_referenced_operation() {
    // DataScope's Form-answer trigger takes formId from Form-list: value-path `key`,
    // value-title `label`, the body itself is the array.
    let backend = Backend::start(|_, _| {
        Reply::json(
            200,
            json!([{"key": "f1", "label": "Intake"}, {"key": "f2", "label": "Audit", "type": "x"}]),
        )
    })
    .await;
    let c = corpus_connector("certified-connectors/DataScope", &backend.url());
    let values = runtime()
        .dynamic_values(
            &c,
            &connection(json!({"api_key": "k"})),
            &Call::new("Form-answer"),
            "formId",
        )
        .await
        .unwrap();
    assert_eq!(values.operation_id, "Form-list");
    let pairs: Vec<(serde_json::Value, serde_json::Value)> =
        values.values.into_iter().map(|v| (v.value, v.title)).collect();
    assert_eq!(pairs, [(json!("f1"), json!("Intake")), (json!("f2"), json!("Audit"))]);
    let r = &backend.requests()[0];
    assert_eq!(
        (r.path.as_str(), r.header("authorization")),
        ("/api/external/tasks_forms_flow", Some("k"))
    );
}

fn dynamic_fixture(url: &str) -> switchboard_runtime::CompiledConnector {
    fixture(
        "dynamic",
        json!({"paths": {
            "/workspaces": {"get": {"operationId": "ListWorkspaces", "x-ms-visibility": "internal", "parameters": [
                {"name": "org", "in": "query", "type": "string", "required": true},
                {"name": "env", "in": "query", "type": "string"},
                {"name": "kind", "in": "query", "type": "string"},
                {"name": "limit", "in": "query", "type": "integer"}
            ], "responses": {}}},
            "/items": {"post": {"operationId": "CreateItem", "parameters": [
                {"name": "org", "in": "query", "type": "string"},
                {"name": "workspace", "in": "query", "type": "string", "x-ms-dynamic-values": {
                    "operationId": "ListWorkspaces",
                    "parameters": {"org": {"parameter": "org"}, "kind": "team", "limit": 5},
                    "value-collection": "data/workspaces", "value-path": "id", "value-title": "attributes/Name"
                }},
                {"name": "body", "in": "body", "schema": {"type": "object", "properties": {
                    "Environment": {"type": "string"},
                    "board": {"type": "string", "x-ms-dynamic-list": {
                        "operationId": "ListWorkspaces",
                        "parameters": {"org": {"value": "fixed"}, "env": {"parameterReference": "body/Environment"}},
                        "itemsPath": "data/workspaces", "itemValuePath": "id"
                    }},
                    "user": {"type": "string", "x-ms-dynamic-values": {"builtInOperation": "AadGraph.GetUsers", "value-path": "id"}}
                }}}
            ], "responses": {}}}
        }}),
        json!(null),
        url,
    )
}

#[tokio::test]
async fn dynamic_argument_forms_and_slash_paths() {
    // Checklist 51: {"parameter"}, literal, {"value"}, {"parameterReference": "body/x"} and
    // slash paths (`data/workspaces`, `attributes/Name`).
    let backend = Backend::start(|_, _| {
        Reply::json(
            200,
            json!({"data": {"workspaces": [{"id": 1, "attributes": {"Name": "One"}}, {"id": 2}]}}),
        )
    })
    .await;
    let c = dynamic_fixture(&backend.url());
    let rt = runtime();
    let conn = connection(json!({}));
    let edited =
        Call::new("CreateItem").arg("org", "acme").with_body(json!({"Environment": "prod"}));
    let v = rt.dynamic_values(&c, &conn, &edited, "workspace").await.unwrap();
    assert_eq!(v.values[0].value, json!(1));
    assert_eq!(v.values[0].title, json!("One"));
    assert_eq!(v.values[1].title, json!(2), "no title: the value stands in");
    let q = backend.requests()[0].query_pairs();
    assert_eq!(
        q,
        [("org", "acme"), ("kind", "team"), ("limit", "5")]
            .map(|(a, b)| (a.to_string(), b.to_string()))
    );

    let v = rt.dynamic_values(&c, &conn, &edited, "body/board").await.unwrap();
    assert_eq!(v.values.len(), 2);
    let q = backend.requests()[1].query_pairs();
    assert_eq!(q, [("org", "fixed"), ("env", "prod")].map(|(a, b)| (a.to_string(), b.to_string())));
}

#[tokio::test]
async fn dynamic_values_need_input_and_built_ins_are_refused_without_a_backend_call() {
    // Checklist 52.
    let backend = Backend::ok().await;
    let c = dynamic_fixture(&backend.url());
    let rt = runtime();
    let conn = connection(json!({}));
    let e = rt.dynamic_values(&c, &conn, &Call::new("CreateItem"), "workspace").await.unwrap_err();
    assert_eq!((e.status, e.code), (400, "NeedsInput"));
    assert!(e.message.starts_with("needs input: 'org'"), "{}", e.message);
    let e = rt
        .dynamic_values(&c, &conn, &Call::new("CreateItem").with_body(json!({})), "body/board")
        .await
        .unwrap_err();
    assert!(e.message.starts_with("needs input: 'body/Environment'"), "{}", e.message);
    let e = rt.dynamic_values(&c, &conn, &Call::new("CreateItem"), "body/user").await.unwrap_err();
    assert_eq!((e.status, e.code), (501, "UnsupportedBuiltIn"));
    let e = rt.dynamic_values(&c, &conn, &Call::new("CreateItem"), "org").await.unwrap_err();
    assert_eq!(e.code, "NoDynamicValues");
    assert!(e.message.contains("workspace, body/board, body/user"), "{}", e.message);
    assert_eq!(backend.count(), 0);
}
