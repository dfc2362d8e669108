//! End-to-end tests of the `switchboard` binary: exit codes, formats, inputs.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_switchboard"))
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/taskforge")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run switchboard")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A temp folder with a copy of the example connector, optionally with one file replaced.
fn connector_copy(name: &str, replace: Option<(&str, &[u8])>) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sb-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(example()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    if let Some((file, bytes)) = replace {
        std::fs::write(dir.join(file), bytes).unwrap();
    }
    dir
}

#[test]
fn clean_connector_exits_zero() {
    let o = run(&["validate", example().to_str().unwrap(), "--profile", "certification"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("1 connector: 0 errors, 0 warnings, 0 infos"), "{}", stdout(&o));
}

#[test]
fn timings_lists_the_slowest_rules_on_stderr() {
    let o = run(&["validate", example().to_str().unwrap(), "--format", "json", "--timings"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines.first().is_some_and(|l| l.starts_with("rule")), "{err}");
    // 20 rules, then the total; stdout stays the JSON report alone.
    assert_eq!(lines.len(), 22, "{err}");
    assert!(lines.last().is_some_and(|l| l.starts_with("all") && l.ends_with("100.0%")), "{err}");
    assert!(lines[1].split_whitespace().next().is_some_and(|c| c.len() == 5), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["connectors"], 1);
    // Without the flag, nothing is printed on stderr.
    let quiet = run(&["validate", example().to_str().unwrap(), "--format", "json"]);
    assert!(quiet.stderr.is_empty(), "{}", stderr(&quiet));
}

#[test]
fn broken_json_exits_one_with_a_located_error() {
    let bad = b"{\n    \"swagger\": \"2.0\",\n    \"info\": {\"title\": \"x\",}\n}\n";
    let dir = connector_copy("broken", Some(("apiDefinition.swagger.json", bad)));
    let o = run(&["validate", dir.to_str().unwrap(), "--color", "never"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("error[JS001]: trailing comma"), "{out}");
    assert!(out.contains("apiDefinition.swagger.json:3:26"), "{out}");
    assert!(out.contains('^'), "{out}");
}

#[test]
fn json_format_lists_every_connector_found() {
    let root = std::env::temp_dir().join(format!("sb-cli-tree-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let good = connector_copy("tree-good", None);
    let bad = connector_copy("tree-bad", Some(("apiProperties.json", b"{\"properties\": {")));
    // A distinct title, so that the two copies are not flagged as duplicates of each other (SW017).
    let swagger = std::fs::read_to_string(bad.join("apiDefinition.swagger.json")).unwrap();
    std::fs::write(
        bad.join("apiDefinition.swagger.json"),
        swagger.replace("\"Taskforge\"", "\"Taskforge Two\""),
    )
    .unwrap();
    std::fs::rename(&good, root.join("a-good")).unwrap();
    std::fs::rename(&bad, root.join("b-bad")).unwrap();
    let o = run(&["validate", root.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let connectors = v["connectors"].as_array().unwrap();
    assert_eq!(connectors.len(), 2);
    assert!(connectors[0]["path"].as_str().unwrap().ends_with("a-good"));
    assert_eq!(connectors[0]["diagnostics"], serde_json::json!([]));
    let d = &connectors[1]["diagnostics"][0];
    assert_eq!(d["code"], "JP001");
    assert_eq!(d["severity"], "error");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(1), Some(17)));
    assert_eq!(v["summary"]["connectors"], 2);
    assert!(v["summary"]["errors"].as_u64().unwrap() >= 1);
}

#[test]
fn duplicate_titles_across_connectors_are_reported() {
    let root = std::env::temp_dir().join(format!("sb-cli-dup-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    std::fs::rename(connector_copy("dup-a", None), root.join("a")).unwrap();
    std::fs::rename(connector_copy("dup-b", None), root.join("b")).unwrap();
    let o = run(&[
        "validate",
        root.to_str().unwrap(),
        "--format",
        "json",
        "--profile",
        "certification",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for c in v["connectors"].as_array().unwrap() {
        let codes: Vec<&str> = c["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["SW017"], "{c}");
    }
    // Warnings do not fail validation.
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn sarif_format_is_sarif() {
    let o = run(&["validate", example().to_str().unwrap(), "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["version"], "2.1.0");
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(
        rules.iter().any(|r| r["id"] == "SW011"
            && r["help"]["markdown"].as_str().unwrap().contains("What it does"))
    );
}

#[test]
fn zip_and_single_file_inputs() {
    // A zip made of the example's files.
    let zip_path = std::env::temp_dir().join(format!("sb-cli-{}.zip", std::process::id()));
    {
        let file = std::fs::File::create(&zip_path).unwrap();
        let mut w = zip::ZipWriter::new(file);
        for name in ["apiDefinition.swagger.json", "apiProperties.json", "icon.png"] {
            w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            std::io::Write::write_all(&mut w, &std::fs::read(example().join(name)).unwrap())
                .unwrap();
        }
        w.finish().unwrap();
    }
    let o = run(&["validate", zip_path.to_str().unwrap(), "--format", "json"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["summary"]["connectors"], 1);

    let single = example().join("apiDefinition.swagger.json");
    let o = run(&["validate", single.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn unreadable_path_exits_two() {
    let o = run(&["validate", "/nonexistent/connector"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/connector"), "{}", stderr(&o));
    // The OS error is said once, not repeated as a cause of itself.
    assert_eq!(stderr(&o).matches("No such file or directory").count(), 1, "{}", stderr(&o));
}

#[test]
fn folder_without_connectors_exits_two() {
    let empty = std::env::temp_dir().join(format!("sb-cli-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let o = run(&["validate", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no connector found"), "{}", stderr(&o));
}

#[test]
fn bad_flags_exit_two() {
    let o = run(&["validate", "--format", "xml", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("xml"));
}

#[test]
fn rule_prints_documentation_and_lists() {
    let o = run(&["rule", "SW011"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("# SW011 title-too-long"), "{out}");
    assert!(out.contains("## What it does"), "{out}");
    assert!(out.contains("Severity: info (default), error (certification)"), "{out}");
    let by_name = run(&["rule", "title-too-long"]);
    assert_eq!(stdout(&by_name), out);

    let list = run(&["rule", "--list"]);
    assert_eq!(list.status.code(), Some(0));
    assert!(stdout(&list).lines().any(|l| l.starts_with("SW011") && l.contains("title-too-long")));

    let unknown = run(&["rule", "XX999"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("rule --list"));
}

// ---- invoke ----------------------------------------------------------------------------

/// A loopback backend in its own thread: answers `reply(method, path+query, headers)` and
/// records what it saw. Returns its base URL.
fn backend(
    reply: fn(&str, &str) -> (u16, &'static str),
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let seen: std::sync::Arc<std::sync::Mutex<Vec<String>>> = std::sync::Arc::default();
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
                    let auth = req
                        .headers()
                        .get("authorization")
                        .map(|v| v.to_str().unwrap_or("").to_string())
                        .unwrap_or_default();
                    log.lock().unwrap().push(format!("{} {target} auth={auth}", req.method()));
                    let (status, body) = reply(req.method().as_str(), &target);
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
    let addr = rx.recv().unwrap();
    (format!("http://{addr}"), seen)
}

fn datelist() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/powerplatform/custom-connectors/Datelist")
}

fn connection_file(name: &str, json: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("sb-cli-conn-{name}-{}.json", std::process::id()));
    std::fs::write(&path, json).unwrap();
    path
}

#[test]
fn invoke_against_a_loopback_backend_prints_status_headers_and_body() {
    let (url, seen) = backend(|_, _| (200, r#"[{"id":7,"name":"Team"}]"#));
    let conn = connection_file("datelist", r#"{"api_key": "dl-key"}"#);
    let o = run(&[
        "invoke",
        datelist().to_str().unwrap(),
        "ListCalendars",
        "--connection",
        conn.to_str().unwrap(),
        "--base-url",
        &url,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["status"], 200);
    assert_eq!(v["headers"]["content-type"], "application/json");
    assert_eq!(v["body"], serde_json::json!([{"id": 7, "name": "Team"}]));
    assert_eq!(seen.lock().unwrap().as_slice(), ["GET /calendars auth=dl-key"]);

    // Human output with --trace: phases, then the response; the key is masked.
    let o = run(&[
        "invoke",
        datelist().to_str().unwrap(),
        "ListCalendars",
        "--connection",
        conn.to_str().unwrap(),
        "--base-url",
        &url,
        "--trace",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for needle in [
        "resolve-route",
        "authenticate",
        "credentials added: apiKey header 'Authorization'",
        "send",
        "HTTP 200 OK",
        "\"name\": \"Team\"",
    ] {
        assert!(out.contains(needle), "{needle} missing in\n{out}");
    }
    assert!(!out.contains("dl-key"), "{out}");
}

#[test]
fn invoke_exit_codes_non_2xx_and_tool_failures() {
    let (url, _) = backend(|_, _| (404, r#"{"error":"no such calendar"}"#));
    let conn = connection_file("exit", r#"{"api_key": "k"}"#);
    let dl = datelist();
    let base = ["invoke", dl.to_str().unwrap()];
    let o = run(&[
        &base[..],
        &["ListCalendars", "--connection", conn.to_str().unwrap(), "--base-url", &url],
    ]
    .concat());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("HTTP 404 Not Found"), "{}", stdout(&o));

    let o = run(&[
        &base[..],
        &["NoSuchOp", "--connection", conn.to_str().unwrap(), "--base-url", &url],
    ]
    .concat());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("error[UnknownOperation]: connector 'Datelist' has no operation 'NoSuchOp'"),
        "{}",
        stderr(&o)
    );

    let o = run(&[&base[..], &["ListCalendars", "--base-url", &url, "--format", "json"]].concat());
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["error"]["code"], "MissingConnectionParameter");
    assert_eq!(v["error"]["status"], 400);

    let o = run(&[&base[..], &["ListCalendars", "--param", "novalue"]].concat());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--param 'novalue': expected NAME=VALUE"), "{}", stderr(&o));
}

/// The example's swagger, and a copy with its first `count` `x-ms-summary` keys misspelled
/// (BX010: an error with a fix).
fn misspelled_swagger(count: usize) -> (String, String) {
    let swagger = std::fs::read_to_string(example().join("apiDefinition.swagger.json")).unwrap();
    let typo = swagger.replacen("\"x-ms-summary\"", "\"x-ms-summry\"", count);
    assert_eq!(typo.matches("x-ms-summry").count(), count);
    (swagger, typo)
}

#[test]
fn fix_applies_fixes_and_reports_what_is_left() {
    let (swagger, typo) = misspelled_swagger(2);
    let dir = connector_copy("fix", Some(("apiDefinition.swagger.json", typo.as_bytes())));
    let file = dir.join("apiDefinition.swagger.json");

    let before = run(&["validate", dir.to_str().unwrap(), "--color", "never"]);
    assert_eq!(before.status.code(), Some(1), "{}", stdout(&before));
    assert!(
        stdout(&before).contains("`switchboard validate --fix` does it"),
        "{}",
        stdout(&before)
    );

    let o = run(&["validate", dir.to_str().unwrap(), "--fix", "--color", "never"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains(&format!("fixed 2 findings in {}", file.display())),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), swagger);
    assert!(!stdout(&o).contains("BX010"), "{}", stdout(&o));
    // No temporary file is left behind.
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        std::fs::read_dir(example()).unwrap().count()
    );

    let again = run(&["validate", dir.to_str().unwrap(), "--fix"]);
    assert!(stderr(&again).contains("nothing to fix"), "{}", stderr(&again));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fix_leaves_archives_alone() {
    let (_, typo) = misspelled_swagger(1);
    let zip_path = std::env::temp_dir().join(format!("sb-cli-fix-{}.zip", std::process::id()));
    {
        let file = std::fs::File::create(&zip_path).unwrap();
        let mut w = zip::ZipWriter::new(file);
        for (name, bytes) in [
            ("apiDefinition.swagger.json", typo.into_bytes()),
            ("apiProperties.json", std::fs::read(example().join("apiProperties.json")).unwrap()),
            ("icon.png", std::fs::read(example().join("icon.png")).unwrap()),
        ] {
            w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            std::io::Write::write_all(&mut w, &bytes).unwrap();
        }
        w.finish().unwrap();
    }
    let original = std::fs::read(&zip_path).unwrap();
    let o = run(&["validate", zip_path.to_str().unwrap(), "--fix", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 fix inside archives not applied"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&zip_path).unwrap(), original);
    let _ = std::fs::remove_file(&zip_path);
}

#[test]
fn ignore_skips_rules_by_code_or_name() {
    let (_, typo) = misspelled_swagger(1);
    let dir = connector_copy("ignore", Some(("apiDefinition.swagger.json", typo.as_bytes())));
    let path = dir.to_str().unwrap();
    let o = run(&["validate", path, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("\"BX010\""));
    for ignore in [&["--ignore", "BX010"][..], &["--ignore", "SW001,misspelled-extension"]] {
        let o = run(&[&["validate", path, "--format", "json"][..], ignore].concat());
        assert_eq!(o.status.code(), Some(0), "{ignore:?}: {}", stdout(&o));
        assert!(!stdout(&o).contains("\"BX010\""), "{}", stdout(&o));
    }
    // A catalog rule that is listed but not checked can be named too.
    let o = run(&["validate", path, "--ignore", "BX010,PZ014"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["validate", path, "--ignore", "BX999"]);

    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--ignore BX999: no such rule"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `(path, [(code, severity)])` of each connector in `--format json` output.
type Findings = Vec<(String, Vec<(String, String)>)>;

/// `validate . --format json` run in `dir` with `extra` flags: exit code and, per connector
/// path (relative to `dir`), its `(code, severity)` findings.
fn validate_in(dir: &Path, extra: &[&str]) -> (Option<i32>, Findings) {
    let o = bin()
        .args([&["validate", ".", "--format", "json"][..], extra].concat())
        .current_dir(dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&o), stderr(&o)));
    let connectors = v["connectors"].as_array().unwrap().iter().map(|c| {
        let found = c["diagnostics"].as_array().unwrap().iter().map(|d| {
            (d["code"].as_str().unwrap().to_string(), d["severity"].as_str().unwrap().to_string())
        });
        (c["path"].as_str().unwrap().trim_start_matches("./").to_string(), found.collect())
    });
    (o.status.code(), connectors.collect())
}

/// A temp folder holding a copy of the example connector, with `swagger` as its definition,
/// in each of `folders`.
fn repository(name: &str, folders: &[&str], swagger: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("sb-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for folder in folders {
        let to = root.join(folder);
        std::fs::create_dir_all(&to).unwrap();
        for file in std::fs::read_dir(example()).unwrap() {
            let file = file.unwrap();
            std::fs::copy(file.path(), to.join(file.file_name())).unwrap();
        }
        std::fs::write(to.join("apiDefinition.swagger.json"), swagger).unwrap();
    }
    root
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(a, b)| ((*a).to_string(), (*b).to_string())).collect()
}

#[test]
fn switchboard_toml_sets_profile_severities_overrides_and_excludes() {
    let (_, typo) = misspelled_swagger(1);
    let root = repository("config", &["a", "legacy/b", "archive/c"], &typo);
    let toml = root.join("switchboard.toml");
    let sw101 = |s| ("SW101", s);
    // Without the file: the default profile, BX010 an error, every connector.
    let (code, found) = validate_in(&root, &[]);
    assert_eq!(code, Some(1));
    assert_eq!(found.len(), 3);
    // The copies share a title: SW017, a rule comparing connectors.
    assert_eq!(found[0].1, pairs(&[sw101("info"), ("BX010", "error"), ("SW017", "info")]));

    std::fs::write(
        &toml,
        r#"[validate]
profile = "certification"
exclude = ["archive"]
[validate.severity]
BX010 = "warning"
[[validate.overrides]]
paths = ["legacy/*"]
ignore = ["misspelled-extension"]
severity = { SW101 = "info", SW017 = "off" }
"#,
    )
    .unwrap();
    let (code, found) = validate_in(&root, &[]);
    assert_eq!(code, Some(1), "SW101 is an error under certification");
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["a", "legacy/b"]);
    let sw017 = ("SW017", "warning");
    assert_eq!(found[0].1, pairs(&[sw101("error"), ("BX010", "warning"), sw017]));
    assert_eq!(found[1].1, pairs(&[sw101("info")]));
    // Flags win over the file; a subfolder finds the file above it.
    let (_, found) = validate_in(&root.join("legacy"), &["--profile", "default"]);
    assert_eq!(found, [("b".to_string(), pairs(&[sw101("info")]))]);
    let (_, found) = validate_in(&root, &["--ignore", "SW101"]);
    assert_eq!(found[0].1, pairs(&[("BX010", "warning"), sw017]));
    // A connector named as such is validated even when excluded.
    let o = bin().args(["validate", "archive/c", "--format", "json"]).current_dir(&root).output();
    assert_eq!(o.unwrap().status.code(), Some(1));
    // --no-config and --config.
    let (code, found) = validate_in(&root, &["--no-config"]);
    assert_eq!((code, found.len()), (Some(1), 3));
    std::fs::write(root.join("other.toml"), "[validate.severity]\nSW101 = \"off\"\n").unwrap();
    let (_, found) = validate_in(&root, &["--config", "other.toml"]);
    assert_eq!(found[2].1, pairs(&[("BX010", "error"), ("SW017", "info")]));

    // Excluding everything found is a mistake, not a clean run.
    std::fs::write(&toml, "[validate]\nexclude = [\"*\"]\n").unwrap();
    let o = bin().args(["validate", "."]).current_dir(&root).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("every connector found is excluded by `exclude` in"),
        "{}",
        stderr(&o)
    );
    // A mistake stops the run (exit 2) and is located.
    std::fs::write(&toml, "[validate]\nignore = [\"BX999\"]\n").unwrap();
    let o = bin().args(["validate", "."]).current_dir(&root).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("switchboard.toml:2:11: BX999: no such rule"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn baseline_hides_known_findings_and_shows_new_ones() {
    let (_, one) = misspelled_swagger(1);
    let (_, two) = misspelled_swagger(2);
    let dir = repository("baseline", &["c"], &one);
    let known = dir.join("known.json");
    let known = known.to_str().unwrap();
    let o = bin()
        .args(["validate", ".", "--no-config", "--write-baseline", known])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("wrote 2 finding(s) to the baseline"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));

    let (code, found) = validate_in(&dir, &["--baseline", known]);
    assert_eq!((code, &found[0].1), (Some(0), &Vec::new()));
    // --fix fixes what is shown: the known misspelling stays.
    let o = bin().args(["validate", ".", "--baseline", known, "--fix"]).current_dir(&dir).output();
    assert!(stderr(&o.unwrap()).contains("nothing to fix"));
    let swagger = std::fs::read_to_string(dir.join("c/apiDefinition.swagger.json")).unwrap();
    assert_eq!(swagger, one);
    // A second misspelling is new: it is shown and fails the run; the known one stays hidden.
    std::fs::write(dir.join("c/apiDefinition.swagger.json"), two).unwrap();
    let (code, found) = validate_in(&dir, &["--baseline", known]);
    let new = pairs(&[("SW102", "info"), ("BX010", "error")]);
    assert_eq!((code, found[0].1.clone()), (Some(1), new));
    // The same from switchboard.toml.
    std::fs::write(dir.join("switchboard.toml"), "[validate]\nbaseline = \"known.json\"\n")
        .unwrap();
    let o = bin().args(["validate", "."]).current_dir(&dir).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("2 known finding(s) hidden by the baseline"), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 connector: 1 error, 0 warnings, 1 info"), "{}", stdout(&o));

    let o = run(&["validate", ".", "--write-baseline", known, "--fix"]);
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ci_formats_print_annotation_commands() {
    let (_, typo) = misspelled_swagger(1);
    let dir = connector_copy("ci-formats", Some(("apiDefinition.swagger.json", typo.as_bytes())));
    let file = dir.join("apiDefinition.swagger.json");
    // (format, the start of the BX010 error's line, how infos start)
    let github = format!("::error file={},line=", file.display());
    let azure = format!("##vso[task.logissue type=error;sourcepath={};linenumber=", file.display());
    for (format, error, info) in
        [("github", github, "::notice file="), ("azure", azure, "info[SW101]: ")]
    {
        let o = run(&["validate", dir.to_str().unwrap(), "--format", format]);
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        let out = stdout(&o);
        let line = out.lines().find(|l| l.contains("BX010")).unwrap_or_default();
        assert!(line.starts_with(&error), "{format}: {out}");
        assert!(out.lines().any(|l| l.starts_with(info)), "{format}: {out}");
        // Every line of the GitHub format is a workflow command.
        assert!(format != "github" || out.lines().all(|l| l.starts_with("::")), "{out}");
        assert!(
            out.trim_end().ends_with("1 connector(s): 1 error(s), 0 warning(s), 1 info(s)"),
            "{format}: {out}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn max_warnings_fails_a_run_with_too_many_warnings() {
    let (_, typo) = misspelled_swagger(1);
    let dir = repository("max-warnings", &["c"], &typo);
    // BX010 as a warning: one warning, no error.
    std::fs::write(dir.join("switchboard.toml"), "[validate.severity]\nBX010 = \"warning\"\n")
        .unwrap();
    let (code, _) = validate_in(&dir, &[]);
    assert_eq!(code, Some(0));
    let (code, _) = validate_in(&dir, &["--max-warnings", "1"]);
    assert_eq!(code, Some(0));
    let o = bin().args(["validate", ".", "--max-warnings", "0"]).current_dir(&dir).output();
    let o = o.unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("error: 1 warning(s), more than the 0 allowed (--max-warnings)"),
        "{}",
        stderr(&o)
    );
    // From the file too; the flag wins.
    std::fs::write(
        dir.join("switchboard.toml"),
        "[validate]\nmax-warnings = 0\n[validate.severity]\nBX010 = \"warning\"\n",
    )
    .unwrap();
    assert_eq!(validate_in(&dir, &[]).0, Some(1));
    assert_eq!(validate_in(&dir, &["--max-warnings", "5"]).0, Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}
