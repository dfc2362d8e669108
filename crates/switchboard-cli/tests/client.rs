//! `switchboard login/logout/create/update/download` against the real server: the server's app
//! on 127.0.0.1:0 over a temporary SQLite (and PostgreSQL when configured), the real binary,
//! credentials in a temporary `SWITCHBOARD_CONFIG_DIR`. No traffic leaves 127.0.0.1.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use serde_json::Value;
use switchboard_store::Store;
use switchboard_test::{Principals, TestDb, TestServer, Who, taskforge_files};

/// A server with tenant A's principals, a credentials folder and a work folder.
struct Setup {
    server: TestServer,
    principals: Principals,
    db: Option<TestDb>,
    config: tempfile::TempDir,
    work: tempfile::TempDir,
    // Last: the server's task runs on it until the end.
    runtime: tokio::runtime::Runtime,
}

impl Setup {
    fn sqlite() -> Setup {
        Self::with(Some(TestDb::sqlite()))
    }

    /// `None` (after saying so) when no PostgreSQL is configured.
    fn postgres(test: &str) -> Option<Setup> {
        let runtime = runtime();
        let db = runtime.block_on(TestDb::postgres(test))?;
        drop(runtime);
        Some(Self::with(Some(db)))
    }

    fn with(db: Option<TestDb>) -> Setup {
        let runtime = runtime();
        let db = db.unwrap();
        let store: Arc<dyn Store> = runtime.block_on(db.open());
        let server = runtime.block_on(TestServer::start(store.clone()));
        let principals = runtime.block_on(Principals::create(&*store, &server.admin_token));
        Setup {
            server,
            principals,
            db: Some(db),
            config: tempfile::tempdir().unwrap(),
            work: tempfile::tempdir().unwrap(),
            runtime,
        }
    }

    fn work(&self) -> &Path {
        self.work.path()
    }

    fn credentials(&self) -> PathBuf {
        self.config.path().join("credentials.json")
    }

    /// The binary in the work folder, with only this test's configuration.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_switchboard"));
        command
            .args(args)
            .current_dir(self.work())
            .env("SWITCHBOARD_CONFIG_DIR", self.config.path())
            .env("NO_COLOR", "1");
        for name in [
            "SWITCHBOARD_SERVER",
            "SWITCHBOARD_TOKEN",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
            "http_proxy",
            "https_proxy",
            "all_proxy",
        ] {
            command.env_remove(name);
        }
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run switchboard")
    }

    fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }

    fn token(&self, who: Who) -> &str {
        self.principals.token(who).unwrap()
    }

    fn login(&self, who: Who) {
        let o = self.run(&["login", "--server", &self.server.base, "--token", self.token(who)]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }

    /// `examples/taskforge` copied to `work/name`, plus `settings` when given.
    fn taskforge(&self, name: &str, settings: Option<&str>) -> PathBuf {
        let dir = self.work().join(name);
        fs_err::create_dir_all(&dir).unwrap();
        for (file, bytes) in taskforge_files() {
            fs_err::write(dir.join(file), bytes).unwrap();
        }
        if let Some(settings) = settings {
            fs_err::write(dir.join("settings.json"), settings).unwrap();
        }
        dir
    }

    fn get(&self, path: &str) -> (u16, Value) {
        self.runtime.block_on(self.server.get_json(path, Some(self.token(Who::Owner))))
    }

    fn catalog_names(&self) -> Vec<String> {
        let (status, page) =
            self.get(&format!("/api/v1/environments/{}/connectors", self.principals.env.id));
        assert_eq!(status, 200, "{page}");
        page["items"].as_array().unwrap().iter().map(|c| c["name"].to_string()).collect()
    }

    fn cleanup(mut self) {
        if let Some(db) = self.db.take() {
            self.runtime.block_on(db.cleanup());
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(o), stderr(o)))
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&fs_err::read(path).unwrap()).unwrap()
}

/// The members of a JSON object, in file order.
fn keys(value: &Value) -> Vec<&str> {
    value.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn login_checks_the_token_and_saves_it_for_the_owner_only() {
    let s = Setup::sqlite();
    let o = s.run_with_stdin(
        &["login", "--server", &format!("{}/", s.server.base), "--token-stdin"],
        &format!("{}\n", s.token(Who::Owner)),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "Logged in to {} as owner (maker) in tenant tenant-a\nSaved the token in {}\n",
            s.server.base,
            s.credentials().display()
        )
    );
    let saved = read_json(&s.credentials());
    assert_eq!(saved["server"], s.server.base.as_str());
    assert_eq!(saved["token"], s.token(Who::Owner));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = fs_err::metadata(s.credentials()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }

    // Logging in again as someone else replaces the file, still private.
    let o = s.run(&[
        "login",
        "--server",
        &s.server.base,
        "--token",
        s.token(Who::TenantAdmin),
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let answer = json(&o);
    assert_eq!(
        (answer["user"].as_str(), answer["role"].as_str()),
        (Some("admin"), Some("tenant-admin"))
    );
    assert_eq!(read_json(&s.credentials())["token"], s.token(Who::TenantAdmin));

    let o = s.run(&["logout"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).starts_with(&format!("Logged out of {}", s.server.base)), "{}", stdout(&o));
    assert!(!s.credentials().exists());
    s.cleanup();
}

#[test]
fn login_with_a_rejected_token_saves_nothing() {
    let s = Setup::sqlite();
    let o = s.run(&["login", "--server", &s.server.base, "--token", "sbt_not_a_token"]);
    assert_eq!(code(&o), 2, "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.starts_with("error[invalid_token]: The bearer token is not valid.\n"), "{err}");
    assert!(err.contains(&format!("GET {}/api/v1/me answered 401", s.server.base)), "{err}");
    assert!(err.contains("nothing was saved"), "{err}");
    assert!(err.contains("API-ERRORS.md#invalid_token"), "{err}");
    assert!(!s.credentials().exists());
    s.cleanup();
}

#[test]
fn login_to_an_unreachable_server_names_it() {
    let s = Setup::sqlite();
    // A port that was free a moment ago and has no listener now.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}");
    let o = s.run(&["login", "--server", &url, "--token", "sbt_whatever"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!("error: the Switchboard server at {url} cannot be reached")),
        "{err}"
    );
    assert!(!s.credentials().exists());

    let o = s.run(&["login", "--server", "127.0.0.1:8080", "--token", "x"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("give it with its scheme"), "{}", stderr(&o));
    s.cleanup();
}

#[test]
fn commands_need_a_login_or_the_environment_variables() {
    let s = Setup::sqlite();
    let dir = s.taskforge("TaskForge", None);
    let o = s.run(&["create", "TaskForge", "-e", "prod"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with("error: not logged in: run `switchboard login"),
        "{}",
        stderr(&o)
    );

    // SWITCHBOARD_SERVER and SWITCHBOARD_TOKEN stand in for a login (CI).
    let o = s
        .command(&["create", "TaskForge", "-e", "prod", "--format", "json"])
        .env("SWITCHBOARD_SERVER", &s.server.base)
        .env("SWITCHBOARD_TOKEN", s.token(Who::Owner))
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)["version"], 1);
    assert!(dir.join("settings.json").exists());

    // A token saved for one server is not sent to another.
    s.login(Who::Owner);
    let o = s
        .command(&["update", "TaskForge"])
        .env("SWITCHBOARD_SERVER", "http://127.0.0.1:9")
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("set SWITCHBOARD_TOKEN too"), "{}", stderr(&o));
    s.cleanup();
}

/// create → settings.json gets connectorId and environment (other keys and order kept) →
/// update → version 2 → download: the files uploaded, with settings.json.
fn publish_round_trip(s: &Setup) {
    s.login(Who::Owner);
    let settings = r#"{
  "powerAppsUrl": "https://preview.api.powerapps.com",
  "apiDefinition": "apiDefinition.swagger.json",
  "x-team": {"owner": "integrations"},
  "powerAppsApiVersion": "2016-11-01"
}
"#;
    let dir = s.taskforge("TaskForge", Some(settings));
    let o = s.run(&["create", "TaskForge", "--environment", "prod"]);
    assert_eq!(code(&o), 0, "{}\n{}", stdout(&o), stderr(&o));
    let written = read_json(&dir.join("settings.json"));
    let id = written["connectorId"].as_str().unwrap().to_owned();
    assert_eq!(written["environment"], s.principals.env.id.0.as_str());
    assert_eq!(
        keys(&written),
        [
            "connectorId",
            "environment",
            "powerAppsUrl",
            "apiDefinition",
            "x-team",
            "powerAppsApiVersion"
        ]
    );
    assert_eq!(written["x-team"]["owner"], "integrations");
    assert_eq!(
        stdout(&o),
        format!(
            "Created connector taskforge (Taskforge), version 1, on {}\n  connector id: {id}\n  \
             environment:  {}\nSaved connectorId and environment in TaskForge/settings.json\n",
            s.server.base, s.principals.env.id.0
        )
    );
    // The file is the user's: two-space indentation kept.
    assert!(
        fs_err::read_to_string(dir.join("settings.json"))
            .unwrap()
            .contains("\n  \"x-team\": {\n    \"owner\"")
    );

    // `create` again would make a second connector and lose the first id.
    let o = s.run(&["create", "TaskForge", "-e", "prod"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("publish a new version with `switchboard update`"),
        "{}",
        stderr(&o)
    );

    let uploaded_v1 = fs_err::read(dir.join("apiDefinition.swagger.json")).unwrap();
    let v2 = String::from_utf8(uploaded_v1.clone()).unwrap().replacen(
        "\"description\": \"",
        "\"description\": \"Version two. ",
        1,
    );
    fs_err::write(dir.join("apiDefinition.swagger.json"), &v2).unwrap();
    let o = s.run(&["update", "--settings", "TaskForge/settings.json", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}\n{}", stdout(&o), stderr(&o));
    let answer = json(&o);
    assert_eq!((answer["id"].as_str(), answer["version"].as_i64()), (Some(id.as_str()), Some(2)));
    assert_eq!(answer["warnings"], serde_json::json!([]));
    let (status, versions) = s.get(&format!("/api/v1/connectors/{id}/versions"));
    assert_eq!(status, 200);
    assert_eq!(versions["items"].as_array().unwrap().len(), 2);

    let o = s.run(&["download", &id, "-d", "Downloaded"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o)
            .starts_with(&format!("Downloaded version 2 of connector {id} into Downloaded\n")),
        "{}",
        stdout(&o)
    );
    let down = s.work().join("Downloaded");
    for (name, bytes) in taskforge_files() {
        let expected =
            if name == "apiDefinition.swagger.json" { v2.as_bytes().to_vec() } else { bytes };
        assert_eq!(fs_err::read(down.join(&name)).unwrap(), expected, "{name}");
    }
    let settings = read_json(&down.join("settings.json"));
    assert_eq!(settings["connectorId"], id.as_str());
    assert_eq!(settings["environment"], s.principals.env.id.0.as_str());

    // Any version stays downloadable; the default folder is the connector id.
    let o = s.run(&["download", &id, "--version", "1", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)["version"], 1);
    assert_eq!(
        fs_err::read(s.work().join(&id).join("apiDefinition.swagger.json")).unwrap(),
        uploaded_v1
    );

    // The downloaded folder publishes the next version as it is.
    let o = s.run(&["update", "Downloaded"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Published version 3 of connector taskforge (Taskforge)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn publish_update_download_sqlite() {
    let s = Setup::sqlite();
    publish_round_trip(&s);
    s.cleanup();
}

#[test]
fn publish_update_download_postgres() {
    let Some(s) = Setup::postgres("cli_publish_round_trip") else { return };
    publish_round_trip(&s);
    s.cleanup();
}

#[test]
fn create_from_flags_writes_a_new_settings_file_and_shows_stored_warnings() {
    let s = Setup::sqlite();
    s.login(Who::Owner);
    let dir = s.taskforge("TaskForge", None);
    // apiProperties under another name, outside the folder's conventions; a member the
    // platform ignores at its root is a warning (AP011), stored with the version.
    let mut properties = read_json(&dir.join("apiProperties.json"));
    properties["x-extra"] = Value::from(1);
    fs_err::remove_file(dir.join("apiProperties.json")).unwrap();
    fs_err::write(dir.join("props.json"), serde_json::to_string_pretty(&properties).unwrap())
        .unwrap();
    let o = s.run(&[
        "create",
        "TaskForge",
        "--api-prop",
        "TaskForge/props.json",
        "-e",
        &s.principals.env.id.0,
    ]);
    assert_eq!(code(&o), 0, "{}\n{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("warning[AP011]: 'x-extra' is not allowed at the root of apiProperties.json\n  --> TaskForge/props.json:"), "{out}");
    assert!(out.contains("\"x-extra\": 1"), "the excerpt from the local file: {out}");
    assert!(out.contains("  1 warning stored with the version (above)\n"), "{out}");
    let settings = read_json(&dir.join("settings.json"));
    assert_eq!(
        keys(&settings),
        ["connectorId", "environment", "apiDefinition", "apiProperties", "icon"]
    );
    assert_eq!(settings["apiProperties"], "props.json");

    // `update` finds the renamed file through settings.json.
    let o = s.run(&["update", "TaskForge", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let answer = json(&o);
    assert_eq!(answer["version"], 2);
    assert_eq!(answer["warnings"][0]["code"], "AP011");
    assert_eq!(answer["warnings"][0]["file"], "TaskForge/props.json");
    s.cleanup();
}

#[test]
fn create_refused_by_local_validation_sends_nothing() {
    let s = Setup::sqlite();
    s.login(Who::Owner);
    let dir = s.taskforge("Broken", None);
    fs_err::write(dir.join("apiDefinition.swagger.json"), "{\"swagger\": \"2.0\",\n").unwrap();
    let o = s.run(&["create", "Broken", "-e", "prod"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("error[JS001]: unexpected end of file"), "{out}");
    assert!(out.contains("--> Broken/apiDefinition.swagger.json:2:1"), "{out}");
    assert!(out.ends_with("1 connector: 1 error, 0 warnings, 0 infos\n"), "{out}");
    assert!(stderr(&o).contains("nothing was sent to the server"), "{}", stderr(&o));
    assert!(!dir.join("settings.json").exists());
    assert!(s.catalog_names().is_empty());
    s.cleanup();
}

#[test]
fn server_refusals_are_shown_like_the_validator() {
    let s = Setup::sqlite();
    s.login(Who::Owner);
    let dir = s.taskforge("Broken", None);
    fs_err::write(dir.join("apiDefinition.swagger.json"), "{\"swagger\": \"2.0\",\n").unwrap();
    let o = s.run(&["create", "Broken", "-e", "prod", "--skip-local-validation"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    // The server's diagnostic, on the local file, with its excerpt.
    assert!(out.starts_with("error[JS001]: unexpected end of file"), "{out}");
    assert!(out.contains("--> Broken/apiDefinition.swagger.json:2:1"), "{out}");
    let err = stderr(&o);
    assert!(err.contains("error[validation_failed]: The connector has 1 error-level finding(s) under the default profile; nothing was stored."), "{err}");
    assert!(err.contains("API-ERRORS.md#validation_failed"), "{err}");

    let o =
        s.run(&["create", "Broken", "-e", "prod", "--skip-local-validation", "--format", "json"]);
    assert_eq!(code(&o), 1);
    let refusal = json(&o);
    assert_eq!(refusal["refused_by"], "server");
    assert_eq!(refusal["summary"]["errors"], 1);
    assert_eq!(refusal["diagnostics"][0]["file"], "Broken/apiDefinition.swagger.json");
    assert!(!dir.join("settings.json").exists());
    assert!(s.catalog_names().is_empty());
    s.cleanup();
}

#[test]
fn update_needs_a_connector_id() {
    let s = Setup::sqlite();
    s.login(Who::Owner);
    s.taskforge("TaskForge", Some("{\"environment\": \"prod\"}\n"));
    let o = s.run(&["update", "TaskForge"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "error: which connector? TaskForge/settings.json has no connectorId: publish the folder \
         with `switchboard create` first (it records the id), or pass --connector-id ID\n"
    );

    // An id this user cannot see answers as if it did not exist.
    let other = s.runtime.block_on(s.principals.connector(&**s.server.store(), "hidden"));
    s.login(Who::OtherEnv);
    let o = s.run(&["update", "TaskForge", "--connector-id", &other.0]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.starts_with("error[connector_not_found]"), "{err}");
    assert!(err.contains("`switchboard create` publishes the folder here"), "{err}");
    s.cleanup();
}

#[test]
fn download_refuses_a_folder_that_is_not_empty() {
    let s = Setup::sqlite();
    let id = s.runtime.block_on(s.principals.connector(&**s.server.store(), "taskforge"));
    s.login(Who::SharedUse);
    let dest = s.work().join("Mine");
    fs_err::create_dir_all(&dest).unwrap();
    fs_err::write(dest.join("apiDefinition.swagger.json"), "my work").unwrap();
    fs_err::write(dest.join("notes.txt"), "keep").unwrap();
    let o = s.run(&["download", &id.0, "-d", "Mine"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("Mine is not empty: pass --overwrite"), "{}", stderr(&o));
    assert_eq!(fs_err::read_to_string(dest.join("apiDefinition.swagger.json")).unwrap(), "my work");

    let o = s.run(&["download", &id.0, "-d", "Mine", "--overwrite"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_ne!(fs_err::read_to_string(dest.join("apiDefinition.swagger.json")).unwrap(), "my work");
    assert_eq!(fs_err::read_to_string(dest.join("notes.txt")).unwrap(), "keep");

    // Someone who cannot see it gets the same answer as for a connector that does not exist.
    s.login(Who::OtherTenant);
    let o = s.run(&["download", &id.0, "-d", "Theirs"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).starts_with("error[connector_not_found]"), "{}", stderr(&o));
    assert!(!s.work().join("Theirs").exists());
    s.cleanup();
}
