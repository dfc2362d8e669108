//! Shared test support: a recording backend on 127.0.0.1:0 with scripted answers, connector
//! fixtures, and corpus connectors loaded in place.

#![allow(dead_code, clippy::unwrap_used)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use switchboard_runtime::{
    CompileOptions, CompiledConnector, Connection, RetryPolicy, Runtime, RuntimeOptions,
};

/// One request the backend received.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// The path as received (still percent-encoded).
    pub path: String,
    /// The raw query string.
    pub query: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Decoded query pairs.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(self.query.as_deref().unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    pub fn query_param(&self, name: &str) -> Option<String> {
        self.query_pairs().into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A scripted answer.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub delay: Option<Duration>,
}

impl Reply {
    #[allow(clippy::needless_pass_by_value)]
    pub fn json(status: u16, body: Value) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: serde_json::to_vec(&body).unwrap(),
            delay: None,
        }
    }

    pub fn raw(status: u16, content_type: &str, body: &str) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.as_bytes().to_vec(),
            delay: None,
        }
    }

    pub fn empty(status: u16) -> Self {
        Self { status, headers: Vec::new(), body: Vec::new(), delay: None }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }
}

type Handler = dyn Fn(&Recorded, usize) -> Reply + Send + Sync;

/// A backend on 127.0.0.1:0 that records every request and answers with `handler(request,
/// index)`.
pub struct Backend {
    pub addr: SocketAddr,
    log: Arc<Mutex<Vec<Recorded>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Backend {
    pub async fn start(
        handler: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static,
    ) -> Self {
        let log: Arc<Mutex<Vec<Recorded>>> = Arc::default();
        let handler: Arc<Handler> = Arc::new(handler);
        let state = (log.clone(), handler);
        let app = axum::Router::new().fallback(move |req: axum::extract::Request| {
            let (log, handler) = state.clone();
            async move {
                let (parts, body) = req.into_parts();
                let body = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
                let recorded = Recorded {
                    method: parts.method.to_string(),
                    path: parts.uri.path().to_string(),
                    query: parts.uri.query().map(str::to_string),
                    headers: parts
                        .headers
                        .iter()
                        .map(|(n, v)| {
                            (n.to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned())
                        })
                        .collect(),
                    body: body.to_vec(),
                };
                let index = {
                    let mut log = log.lock().unwrap();
                    log.push(recorded.clone());
                    log.len() - 1
                };
                let reply = handler(&recorded, index);
                if let Some(d) = reply.delay {
                    tokio::time::sleep(d).await;
                }
                let mut builder = axum::http::Response::builder().status(reply.status);
                for (n, v) in &reply.headers {
                    builder = builder.header(n, v);
                }
                builder.body(axum::body::Body::from(reply.body)).unwrap()
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Self { addr, log, task }
    }

    /// A backend answering `200 {}` to everything.
    pub async fn ok() -> Self {
        Self::start(|_, _| Reply::json(200, json!({}))).await
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.log.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.log.lock().unwrap().len()
    }
}

impl Drop for Backend {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A loopback address nothing listens on (bound, then released).
pub fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

/// `../shared/corpus/powerplatform` (read in place, never copied), or `SWITCHBOARD_CORPUS`.
pub fn corpus() -> PathBuf {
    let dir = std::env::var_os("SWITCHBOARD_CORPUS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/powerplatform"),
        PathBuf::from,
    );
    assert!(dir.is_dir(), "corpus not found at {} (set SWITCHBOARD_CORPUS)", dir.display());
    dir
}

/// Compiles a corpus connector in place (never copied) and points it at `base_url`.
pub fn corpus_connector(relative: &str, base_url: &str) -> CompiledConnector {
    compile_dir(&corpus().join(relative), base_url, CompileOptions::default())
}

pub fn compile_dir(dir: &Path, base_url: &str, options: CompileOptions) -> CompiledConnector {
    let loaded = switchboard_model::Connector::load(dir).unwrap();
    let (mut c, _) = CompiledConnector::build(&loaded, options).unwrap();
    c.override_origin(base_url).unwrap();
    c
}

/// Writes a fixture connector into a fresh temp folder.
pub fn fixture_dir(name: &str, swagger: &Value, properties: &Value, script: bool) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "sb-runtime-{name}-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("apiDefinition.swagger.json"),
        serde_json::to_vec_pretty(swagger).unwrap(),
    )
    .unwrap();
    std::fs::write(dir.join("apiProperties.json"), serde_json::to_vec_pretty(properties).unwrap())
        .unwrap();
    if script {
        std::fs::write(dir.join("script.csx"), "public class Script : ScriptBase {}").unwrap();
    }
    dir
}

/// Compiles a fixture swagger (`paths` merged into a minimal document) with `properties`.
#[allow(clippy::needless_pass_by_value)]
pub fn fixture(name: &str, doc: Value, properties: Value, base_url: &str) -> CompiledConnector {
    let mut swagger = json!({
        "swagger": "2.0",
        "info": {"title": name, "version": "1.0"},
        "host": "api.example.com",
        "basePath": "/v1",
        "schemes": ["https"],
        "paths": {}
    });
    for (k, v) in doc.as_object().unwrap() {
        swagger[k] = v.clone();
    }
    let properties = if properties.is_null() { json!({"properties": {}}) } else { properties };
    let dir = fixture_dir(name, &swagger, &properties, false);
    compile_dir(&dir, base_url, CompileOptions::default())
}

/// A runtime with fast retries (1 ms fixed, 2 retries) and short timeouts, for tests.
pub fn runtime() -> Runtime {
    runtime_with(|_| {})
}

pub fn runtime_with(f: impl FnOnce(&mut RuntimeOptions)) -> Runtime {
    let mut options = RuntimeOptions {
        retry: RetryPolicy::Fixed { interval: Duration::from_millis(1), count: 2 },
        timeout: Duration::from_secs(10),
        lro_default_interval: Duration::from_millis(5),
        ..RuntimeOptions::default()
    };
    f(&mut options);
    Runtime::new(options).unwrap()
}

pub fn connection(v: Value) -> Connection {
    serde_json::from_value(v).unwrap()
}
