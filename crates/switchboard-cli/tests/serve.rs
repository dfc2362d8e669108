//! `switchboard serve` as a process: first start with no flags creates ./switchboard-data and
//! its key file; data written over HTTP survives SIGKILL and a restart on the same data
//! (SQLite, and PostgreSQL when configured); SIGTERM stops it gracefully.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]
#![cfg(unix)]

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use switchboard_test::{TestDb, client, taskforge_zip, unzip};

const ADMIN: &str = "sbt_serve_test_admin";

struct Served {
    child: Child,
    base: String,
}

/// Starts `switchboard serve --listen 127.0.0.1:0 ARGS` in `cwd`; waits for its startup line.
fn start(cwd: &Path, args: &[String], secret_key: Option<&str>) -> Served {
    let mut command = Command::new(env!("CARGO_BIN_EXE_switchboard"));
    command
        .arg("serve")
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .current_dir(cwd)
        .env("SWITCHBOARD_ADMIN_TOKEN", ADMIN)
        .env("RUST_LOG", "warn")
        .env_remove("SWITCHBOARD_SECRET_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if let Some(key) = secret_key {
        command.env("SWITCHBOARD_SECRET_KEY", key);
    }
    let mut child = command.spawn().expect("spawn switchboard serve");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let line = rx.recv_timeout(Duration::from_secs(120)).expect("the startup line");
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    Served { child, base }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn call(
    base: &str,
    method: Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = client().request(method, format!("{base}{path}")).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// What the first run writes, to be found again after the restart.
struct Written {
    tenant: String,
    env: String,
    maker_token: String,
    maker_id: String,
    connector: String,
}

async fn write(base: &str) -> Written {
    let (s, tenant) =
        call(base, Method::POST, "/api/v1/tenants", ADMIN, Some(json!({"name": "contoso"}))).await;
    assert_eq!(s, 201, "{tenant}");
    let tenant = tenant["id"].as_str().unwrap().to_owned();
    let (s, env) = call(
        base,
        Method::POST,
        &format!("/api/v1/tenants/{tenant}/environments"),
        ADMIN,
        Some(json!({"name": "prod", "region": "europe"})),
    )
    .await;
    assert_eq!(s, 201);
    let env = env["id"].as_str().unwrap().to_owned();
    let (s, maker) = call(
        base,
        Method::POST,
        &format!("/api/v1/tenants/{tenant}/users"),
        ADMIN,
        Some(json!({"name": "bob"})),
    )
    .await;
    assert_eq!(s, 201);
    let maker_id = maker["id"].as_str().unwrap().to_owned();
    let maker_token = maker["token"].as_str().unwrap().to_owned();
    let (s, _) = call(
        base,
        Method::PUT,
        &format!("/api/v1/environments/{env}/members/{maker_id}"),
        ADMIN,
        None,
    )
    .await;
    assert_eq!(s, 204);
    let upload = |method: Method, path: String| {
        client()
            .request(method, format!("{base}{path}"))
            .bearer_auth(&maker_token)
            .header("content-type", "application/zip")
            .body(taskforge_zip())
            .send()
    };
    let response =
        upload(Method::POST, format!("/api/v1/environments/{env}/connectors")).await.unwrap();
    assert_eq!(response.status(), 201);
    let connector: Value = response.json().await.unwrap();
    let connector = connector["id"].as_str().unwrap().to_owned();
    let response = upload(Method::PUT, format!("/api/v1/connectors/{connector}")).await.unwrap();
    assert_eq!(response.status(), 200);
    Written { tenant, env, maker_token, maker_id, connector }
}

async fn check(base: &str, w: &Written) {
    let (s, tenants) = call(base, Method::GET, "/api/v1/tenants", ADMIN, None).await;
    assert_eq!(s, 200);
    assert_eq!(tenants["items"][0]["id"], w.tenant.as_str());
    // The maker's token still authenticates.
    let (s, me) = call(base, Method::GET, "/api/v1/me", &w.maker_token, None).await;
    assert_eq!(s, 200, "{me}");
    assert_eq!(me["user"]["id"], w.maker_id.as_str());
    let (s, members) =
        call(base, Method::GET, &format!("/api/v1/environments/{}/members", w.env), ADMIN, None)
            .await;
    assert_eq!((s, members["items"][0]["id"].as_str()), (200, Some(w.maker_id.as_str())));
    let (s, page) = call(
        base,
        Method::GET,
        &format!("/api/v1/environments/{}/connectors", w.env),
        &w.maker_token,
        None,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(page["items"][0]["id"], w.connector.as_str());
    assert_eq!(page["items"][0]["current_version"], 2);
    let (s, versions) = call(
        base,
        Method::GET,
        &format!("/api/v1/connectors/{}/versions", w.connector),
        &w.maker_token,
        None,
    )
    .await;
    assert_eq!((s, versions["items"].as_array().map(Vec::len)), (200, Some(2)));
    let response = client()
        .get(format!("{base}/api/v1/connectors/{}/download?version=1", w.connector))
        .bearer_auth(&w.maker_token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let files = unzip(&response.bytes().await.unwrap());
    assert!(files.iter().any(|(n, _)| n == "apiDefinition.swagger.json"));
}

async fn restart_survives_sigkill(cwd: &Path, args: &[String], key: Option<&str>) {
    let first = start(cwd, args, key);
    let written = write(&first.base).await;
    check(&first.base, &written).await;
    let mut first = first;
    first.child.kill().unwrap(); // SIGKILL: no shutdown, no checkpoint
    first.child.wait().unwrap();
    let second = start(cwd, args, key);
    check(&second.base, &written).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_first_start_defaults_and_restart_after_sigkill() {
    use std::os::unix::fs::PermissionsExt as _;
    let cwd = tempfile::tempdir().unwrap();
    // No --data-dir: ./switchboard-data in the working directory, created with its key file.
    restart_survives_sigkill(cwd.path(), &[], None).await;
    let data = cwd.path().join("switchboard-data");
    assert!(data.join("switchboard.db").is_file());
    let key = data.join("secret.key");
    assert_eq!(std::fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_restart_after_sigkill() {
    let Some(db) = TestDb::postgres("serve_restart_after_sigkill").await else { return };
    let cwd = tempfile::tempdir().unwrap();
    let key = db.key.to_base64();
    restart_survives_sigkill(cwd.path(), &db.serve_args(), Some(&key)).await;
    // With the key in the environment, nothing is written to the working directory.
    assert!(!cwd.path().join("switchboard-data").exists());
    db.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_gracefully() {
    let cwd = tempfile::tempdir().unwrap();
    let mut served = start(cwd.path(), &["--data-dir".into(), "data".into()], None);
    let (s, health) = call(&served.base, Method::GET, "/healthz", ADMIN, None).await;
    assert_eq!((s, health["status"].as_str()), (200, Some("ok")));
    let status =
        Command::new("kill").args(["-TERM", &served.child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let mut exited = None;
    for _ in 0..200 {
        if let Some(status) = served.child.try_wait().unwrap() {
            exited = Some(status);
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(exited.expect("exits within 10 s of SIGTERM").code(), Some(0));
}

#[test]
fn serve_help_teaches() {
    let out =
        Command::new(env!("CARGO_BIN_EXE_switchboard")).args(["serve", "--help"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "--listen",
        "--data-dir",
        "--database-url",
        "--allow-private-network",
        "SWITCHBOARD_ADMIN_TOKEN",
        "SWITCHBOARD_SECRET_KEY",
        "Examples:",
    ] {
        assert!(text.contains(needle), "serve --help lacks {needle}:\n{text}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(["serve", "--data-dir", "x", "--database-url", "postgres://h/db"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "the two locations are exclusive");
}
