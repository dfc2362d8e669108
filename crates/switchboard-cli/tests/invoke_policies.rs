//! `switchboard invoke` on corpus connectors whose policy templates run: the trace after each
//! policy, policy effects in the output, polling triggers, custom code, `--redirect-origin`.
//! Backends are loopback servers started here; connectors are read in place from the corpus.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

/// What a loopback backend saw: `METHOD path?query` and the request headers.
type Seen = Arc<Mutex<Vec<(String, Vec<(String, String)>)>>>;

/// A loopback backend in its own thread answering `reply(path?query)` with a
/// JSON body. Returns its base URL and what it saw.
fn backend(reply: fn(&str) -> (u16, String)) -> (String, Seen) {
    let seen: Seen = Arc::default();
    let log = seen.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async move {
            let app = axum::Router::new().fallback(move |req: axum::extract::Request| {
                let log = log.clone();
                async move {
                    let target =
                        req.uri().path_and_query().map(ToString::to_string).unwrap_or_default();
                    let headers: Vec<(String, String)> = req
                        .headers()
                        .iter()
                        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string()))
                        .collect();
                    let (status, body) = reply(&target);
                    log.lock().unwrap().push((format!("{} {target}", req.method()), headers));
                    axum::http::Response::builder()
                        .status(status)
                        .header("Content-Type", "application/json")
                        .body(axum::body::Body::from(body))
                        .unwrap()
                }
            });
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    (format!("http://{}", rx.recv().unwrap()), seen)
}

fn corpus(relative: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/powerplatform")
        .join(relative)
        .to_str()
        .unwrap()
        .to_string()
}

fn connection_file(name: &str, json: &str) -> PathBuf {
    let path =
        std::env::temp_dir().join(format!("sb-invoke-conn-{name}-{}.json", std::process::id()));
    std::fs::write(&path, json).unwrap();
    path
}

fn invoke(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .arg("invoke")
        .args(args)
        .output()
        .expect("run switchboard")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

#[test]
fn trace_shows_the_request_after_each_policy() {
    // Planner's ListGroups: a route to the real Graph path, then two query parameters.
    let (url, seen) = backend(|_| (200, r#"{"value":[{"id":"g1"}]}"#.into()));
    let planner = corpus("certified-connectors/Planner");
    let o = invoke(&[&planner, "ListGroups", "--base-url", &url, "--trace"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    let route = format!("→ GET {url}/v1.0/me/memberOf/$/microsoft.graph.group\n");
    let filter = format!(
        "→ GET {url}/v1.0/me/memberOf/$/microsoft.graph.group?%24filter=groupTypes%2Fany%28c%3Ac%20eq%20%27Unified%27%29\n"
    );
    let select = "%24select=id%2CdisplayName\n";
    let steps = [
        "resolve-route     built request for 'ListGroups' (GET /v1.0/me/memberOf)",
        &format!("→ GET {url}/v1.0/me/memberOf\n"),
        "request-policies  policy 'Redirect to ListGroups API' (routerequesttoendpoint)",
        &route,
        "request-policies  policy 'Set $filter query parameter for groups' (setqueryparameter)",
        &filter,
        "request-policies  policy 'Set $select query parameter for groups' (setqueryparameter)",
        select,
        "send              attempt 1: HTTP 200",
        "HTTP 200 OK",
    ];
    let mut at = 0;
    for step in steps {
        let Some(i) = out[at..].find(step) else {
            panic!("{step:?} missing (in order) in\n{out}");
        };
        at += i + step.len();
    }
    assert_eq!(
        seen.lock().unwrap()[0].0,
        "GET /v1.0/me/memberOf/$/microsoft.graph.group?%24filter=groupTypes%2Fany%28c%3Ac%20eq%20%27Unified%27%29&%24select=id%2CdisplayName"
    );

    // The same in JSON: one event per policy, each with the request as it stood.
    let o = invoke(&[&planner, "ListGroups", "--base-url", &url, "--trace", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let events = v["trace"]["events"].as_array().unwrap();
    let policy_events: Vec<(&str, &str)> = events
        .iter()
        .filter(|e| e["phase"] == "request-policies")
        .map(|e| (e["step"].as_str().unwrap(), e["request"]["url"].as_str().unwrap()))
        .collect();
    assert_eq!(policy_events.len(), 3, "{policy_events:#?}");
    assert!(policy_events[0].1.ends_with("/microsoft.graph.group"));
    assert!(policy_events[2].1.ends_with("%24select=id%2CdisplayName"));
}

#[test]
fn an_unauthenticated_connection_is_reported() {
    // DeskDirector: `https://@connectionParameters('siteHost')` is reached with
    // --redirect-origin; its setconnectionstatustounauthenticated fires on the 401.
    let (url, seen) = backend(|_| (401, r#"{"message":"invalid key"}"#.into()));
    let conn = connection_file("dd", r#"{"siteHost": "acme.deskdirector.com", "apiKey": "k1"}"#);
    let dd = corpus("certified-connectors/DeskDirector");
    let redirect = format!("https://acme.deskdirector.com={url}");
    let base = [
        dd.as_str(),
        "TestConnection",
        "--connection",
        conn.to_str().unwrap(),
        "--redirect-origin",
        &redirect,
    ];
    let o = invoke(&base);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("HTTP 401 Unauthorized"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains(
            "note: the backend's answer means the connection's credentials are invalid (setconnectionstatustounauthenticated)"
        ),
        "{}",
        stderr(&o)
    );
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen[0].0, "GET /api/v2/automate/connector/connections/test");
        assert_eq!(header(&seen[0].1, "authorization"), Some("DdApi k1"));
    }

    let o = invoke(&[&base[..], &["--format", "json"]].concat());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["status"], 401);
    assert_eq!(v["effects"], serde_json::json!({"connectionUnauthenticated": true}));

    let bad = invoke(&[&dd, "TestConnection", "--redirect-origin", "acme"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("--redirect-origin 'acme': expected FROM=TO"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn a_polling_trigger_is_driven_with_the_state_it_prints() {
    // Facebook's TriggerNewPost: baseline (202, nothing fires), then new posts (200).
    let (url, seen) = backend(|target| {
        let body = if target.contains("since=") {
            r#"{"data":[{"id":"p2","created_time":"2024-01-02T08:00:00+0000"}]}"#
        } else {
            r#"{"data":[{"id":"p1","created_time":"2024-01-01T10:00:00+0000"}]}"#
        };
        (200, body.into())
    });
    let conn = connection_file("fb", r#"{"token": {"access_token": "fb-token"}}"#);
    let fb = corpus("custom-connectors/Facebook");
    let base =
        [fb.as_str(), "TriggerNewPost", "--connection", conn.to_str().unwrap(), "--base-url", &url];
    let o = invoke(&base);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("HTTP 202 Accepted\n"), "{out}");
    assert!(out.contains("\nLocation: /trigger/me/feed?x-ms-trigger-state="), "{out}");
    let err = stderr(&o);
    let prefix =
        "note: polling trigger: baseline poll: existing items never fire; next poll: --query ";
    let next = err.lines().find_map(|l| l.strip_prefix(prefix)).unwrap_or_else(|| panic!("{err}"));

    let o = invoke(&[&base[..], &["--query", next, "--format", "json"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["status"], 200);
    assert_eq!(v["body"]["data"][0]["id"], "p2");
    assert_eq!(v["effects"]["triggerPoll"]["fired"], true);
    assert_eq!(v["effects"]["triggerPoll"]["initial"], false);
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].0, "GET /me/feed");
    assert_eq!(seen[1].0, "GET /me/feed?since=2024-01-01T10%3A00%3A00%2B0000");
}

#[test]
fn custom_code_operations_fail_with_the_issue_sentence_naming_the_operation() {
    let seal = corpus("certified-connectors/CB Blockchain Seal");
    let conn = connection_file("seal", r#"{"api_key": "k"}"#);
    let base = [
        seal.as_str(),
        "HashFile",
        "--connection",
        conn.to_str().unwrap(),
        "--base-url",
        "http://127.0.0.1:9",
    ];
    let o = invoke(&base);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "error[CustomCodeNotSupported]: custom code (script.csx) is not supported: operation 'HashFile' of connector 'CB Blockchain Seal' "
        ),
        "{err}"
    );
    assert!(err.contains("gateway status: 501"), "{err}");

    let o = invoke(&[&base[..], &["--format", "json"]].concat());
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["error"]["code"], "CustomCodeNotSupported");
    assert_eq!(v["error"]["status"], 501);
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("custom code (script.csx) is not supported: operation 'HashFile'"),
        "{v}"
    );
}
