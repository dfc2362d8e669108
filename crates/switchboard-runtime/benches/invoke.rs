//! Runtime overhead: N calls through the runtime (three request policies applied) and the same
//! N calls sent directly, interleaved, against a loopback backend; prints throughput and the
//! added latency (p50, p99).
//!
//!     cargo bench -p switchboard-runtime --bench invoke -- [N]      (default N = 3000)
//!
//! The three policies are the connector's own `policyTemplateInstances` (setheader,
//! setqueryparameter, setproperty) when `policies::build` can build them; until the policy
//! templates land, test-only policies with the same effects stand in (the output says which).

#![allow(
    clippy::unwrap_used,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    missing_docs
)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use switchboard_runtime::policies::{Policy, PolicyContext, PolicyError, Scope, Stage};
use switchboard_runtime::{
    Call, CompileOptions, CompiledConnector, Connection, Runtime, RuntimeOptions,
};

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(3000);
    let backend = start_backend();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (connector, real) = connector(&backend);
    let runtime =
        Runtime::new(RuntimeOptions { rate_limit: u32::MAX, ..RuntimeOptions::default() }).unwrap();
    let connection: Connection = serde_json::from_value(json!({"api_key": "bench-key"})).unwrap();
    let direct = direct_client();
    let url = format!("{backend}/v1/items?api-version=1&top=10");
    let body = json!({"name": "item", "tags": ["a", "b"], "count": 3});

    rt.block_on(async {
        let call = || {
            Call::new("CreateItem").arg("api-version", "1").with_body(body.clone()).arg("top", 10)
        };
        let send_direct = || async {
            let mut b = body.clone();
            b["source"] = json!("switchboard");
            let r = direct
                .post(&url)
                .header("X-Key", "bench-key")
                .header("X-Client", "bench")
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .body(serde_json::to_vec(&b).unwrap())
                .send()
                .await
                .unwrap();
            let bytes = r.bytes().await.unwrap();
            serde_json::from_slice::<Value>(&bytes).unwrap()
        };
        for _ in 0..200 {
            runtime.invoke(&connector, &connection, call()).await.unwrap();
            send_direct().await;
        }
        let (mut through, mut straight) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let (mut t_through, mut t_straight) = (Duration::ZERO, Duration::ZERO);
        // Alternate which side goes first so neither always follows the other.
        for i in 0..n {
            for side in [i % 2, 1 - i % 2] {
                if side == 0 {
                    let c = call();
                    let t = Instant::now();
                    let out = runtime.invoke(&connector, &connection, c).await.unwrap();
                    let d = t.elapsed();
                    assert_eq!(out.response.status, 200);
                    through.push(d);
                    t_through += d;
                } else {
                    let t = Instant::now();
                    send_direct().await;
                    let d = t.elapsed();
                    straight.push(d);
                    t_straight += d;
                }
            }
        }
        through.sort();
        straight.sort();
        let pct = |v: &[Duration], p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
        let us = |d: Duration| d.as_secs_f64() * 1e6;
        println!("calls: {n} each side, interleaved, sequential, loopback HTTP/1.1");
        println!(
            "policies: {}",
            if real { "3 real templates (setheader, setqueryparameter, setproperty)" } else { "3 test-only stand-ins (set header, set query parameter, set body property): real templates not built yet" }
        );
        println!("                    p50 µs    p99 µs   calls/s");
        for (name, v, total) in [("runtime", &through, t_through), ("direct", &straight, t_straight)] {
            println!(
                "{name:<16} {:>9.1} {:>9.1} {:>9.0}",
                us(pct(v, 0.5)),
                us(pct(v, 0.99)),
                n as f64 / total.as_secs_f64()
            );
        }
        println!(
            "added latency     p50 {:.1} µs   p99 {:.1} µs   (target: p50 <= 50, p99 <= 300)",
            us(pct(&through, 0.5)) - us(pct(&straight, 0.5)),
            us(pct(&through, 0.99)) - us(pct(&straight, 0.99))
        );
    });
}

/// A loopback backend on its own thread answering a small JSON body.
fn start_backend() -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async move {
            let app = axum::Router::new().fallback(|body: axum::body::Bytes| async move {
                let n = body.len();
                axum::http::Response::builder()
                    .header("Content-Type", "application/json")
                    .body(axum::body::Body::from(format!("{{\"ok\":true,\"received\":{n}}}")))
                    .unwrap()
            });
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    format!("http://{}", rx.recv().unwrap())
}

fn connector(backend: &str) -> (CompiledConnector, bool) {
    let swagger = json!({
        "swagger": "2.0", "info": {"title": "Bench", "version": "1"},
        "host": "api.example.com", "basePath": "/v1", "schemes": ["https"],
        "consumes": ["application/json"], "produces": ["application/json"],
        "securityDefinitions": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
        "paths": {"/items": {"post": {
            "operationId": "CreateItem",
            "parameters": [
                {"name": "api-version", "in": "query", "type": "string", "required": true, "x-ms-visibility": "internal", "default": "1"},
                {"name": "body", "in": "body", "required": true, "schema": {"type": "object"}}
            ],
            "responses": {"200": {"description": "ok"}}
        }}}
    });
    let param = |k: &str, v: &str| (format!("x-ms-apimTemplateParameter.{k}"), json!(v));
    let instance = |id: &str, title: &str, params: Vec<(String, Value)>| {
        let mut p: serde_json::Map<String, Value> = params.into_iter().collect();
        p.insert("x-ms-apimTemplate-policySection".into(), json!("Request"));
        json!({"templateId": id, "title": title, "parameters": p})
    };
    let instances = json!([
        instance(
            "setheader",
            "Client header",
            vec![
                param("name", "X-Client"),
                param("value", "bench"),
                param("existsAction", "override")
            ]
        ),
        instance(
            "setqueryparameter",
            "Top",
            vec![param("name", "top"), param("value", "10"), param("existsAction", "skip")]
        ),
        instance(
            "setproperty",
            "Source",
            vec![
                param("propertyParentPath", "@body()"),
                param("newPropertyName", "source"),
                param("propertyValue", "switchboard")
            ]
        ),
    ]);
    let with_policies = json!({"properties": {"connectionParameters": {"api_key": {"type": "securestring"}}, "policyTemplateInstances": instances}});
    let without =
        json!({"properties": {"connectionParameters": {"api_key": {"type": "securestring"}}}});
    let compile = |props: &Value| {
        let dir = std::env::temp_dir().join(format!("sb-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("apiDefinition.swagger.json"), swagger.to_string()).unwrap();
        std::fs::write(dir.join("apiProperties.json"), props.to_string()).unwrap();
        let loaded = switchboard_model::Connector::load(&dir).unwrap();
        let (mut c, _) = CompiledConnector::build(&loaded, CompileOptions::default()).unwrap();
        c.override_origin(backend).unwrap();
        c
    };
    let real = compile(&with_policies);
    if real.policy_counts() == (3, 0) {
        return (real, true);
    }
    let mut c = compile(&without);
    c.push_policy(Box::new(Stand::Header));
    c.push_policy(Box::new(Stand::Query));
    c.push_policy(Box::new(Stand::Property));
    (c, false)
}

/// Test-only stand-ins with the effects (and roughly the work) of the three templates.
#[derive(Debug)]
enum Stand {
    Header,
    Query,
    Property,
}

static ALL: std::sync::LazyLock<Scope> = std::sync::LazyLock::new(Scope::default);

#[async_trait::async_trait]
impl Policy for Stand {
    fn template_id(&self) -> &'static str {
        match self {
            Stand::Header => "setheader",
            Stand::Query => "setqueryparameter",
            Stand::Property => "setproperty",
        }
    }
    fn title(&self) -> &str {
        self.template_id()
    }
    fn stage(&self) -> Stage {
        Stage::Request
    }
    fn scope(&self) -> &Scope {
        &ALL
    }
    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        match self {
            Stand::Header => cx.request.headers.set("X-Client", "bench"),
            Stand::Query => {
                if cx.request.query_param("top").is_none() {
                    cx.request.query.push(("top".into(), "10".into()));
                }
            }
            Stand::Property => {
                if let Some(obj) = cx.request.body.as_json_mut().and_then(Value::as_object_mut) {
                    obj.insert("source".into(), Value::String("switchboard".into()));
                }
            }
        }
        Ok(())
    }
}

fn direct_client() -> reqwest::Client {
    use rustls_platform_verifier::BuilderVerifierExt as _;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_platform_verifier()
        .unwrap()
        .with_no_client_auth();
    reqwest::Client::builder().tls_backend_preconfigured(tls).no_proxy().build().unwrap()
}
