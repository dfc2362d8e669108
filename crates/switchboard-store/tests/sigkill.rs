//! A SQLite store written by a process that is then killed with SIGKILL keeps every write it
//! acknowledged: the test binary runs itself as the writer, kills it, and reopens the data.

#![cfg(unix)]
#![allow(clippy::unwrap_used, missing_docs)]

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};

use switchboard_store::fixture::tiny_archive;
use switchboard_store::{
    ConnectionId, ConnectionStatus, ConnectorId, NewConnection, NewConnector, Role, SecretKey,
    Store as _, TokenHash, UserId, Viewer, open_sqlite,
};

const DIR_ENV: &str = "SWITCHBOARD_TEST_KILL_DIR";
const KEY_ENV: &str = "SWITCHBOARD_TEST_KILL_KEY";

/// The writer: only does something when the parent test started it.
#[tokio::test]
#[ignore = "run by sqlite_writes_survive_sigkill as a child process"]
async fn sigkill_child_writer() {
    let (Ok(dir), Ok(key)) = (std::env::var(DIR_ENV), std::env::var(KEY_ENV)) else { return };
    let key = SecretKey::from_base64(&key, KEY_ENV).unwrap();
    let store = open_sqlite(dir.as_ref(), &key).await.unwrap();
    let t = store.create_tenant("t").await.unwrap();
    let env = store.create_environment(&t.id, "dev", "europe").await.unwrap();
    let owner = store.create_user(&t.id, "owner", Role::Maker).await.unwrap();
    store.create_api_token(&owner.id, "k", &TokenHash::of("sbt_killed"), None).await.unwrap();
    let (c, _) = store
        .create_connector(NewConnector {
            environment_id: env.id.clone(),
            owner_id: owner.id.clone(),
            name: "c".into(),
            title: "C".into(),
            archive: tiny_archive("C").unwrap(),
            warnings: serde_json::json!([]),
        })
        .await
        .unwrap();
    let conn = store
        .create_connection(NewConnection {
            connector_id: c.id.clone(),
            environment_id: env.id.clone(),
            owner_id: owner.id.clone(),
            display_name: "conn".into(),
            parameters: [("api_key".to_owned(), "s3cret".into())].into_iter().collect(),
            status: ConnectionStatus::Connected,
        })
        .await
        .unwrap();
    // Everything above is acknowledged; the parent kills us as soon as it reads this line.
    println!("READY {} {} {}", owner.id, c.id, conn.id);
    std::future::pending::<()>().await;
}

#[tokio::test]
async fn sqlite_writes_survive_sigkill() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("data");
    let key = SecretKey::generate();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "sigkill_child_writer", "--ignored", "--nocapture", "--test-threads=1"])
        .env(DIR_ENV, &dir)
        .env(KEY_ENV, key.to_base64())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let ready = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        // libtest prints `test name ... ` before the test's own output, on the same line.
        .find_map(|line| line.split_once("READY ").map(|(_, ids)| ids.to_owned()))
        .expect("the writer reports READY");
    child.kill().unwrap(); // SIGKILL on Unix: no destructor, no checkpoint, no clean close
    child.wait().unwrap();
    let ids: Vec<&str> = ready.split(' ').collect();
    let (owner, connector, connection) =
        (UserId::from(ids[0]), ConnectorId::from(ids[1]), ConnectionId::from(ids[2]));

    let store = open_sqlite(&dir, &key).await.unwrap();
    let who = store.authenticate(&TokenHash::of("sbt_killed")).await.unwrap().unwrap();
    assert_eq!(who.user.id, owner);
    let seen = store.get_visible_connector(&Viewer::from(&who.user), &connector).await.unwrap();
    assert_eq!(seen.unwrap().connector.current_version, 1);
    assert!(store.get_version(&connector, 1).await.unwrap().is_some());
    let secrets = store.get_connection_secrets(&connection).await.unwrap().unwrap();
    assert_eq!(secrets.parameters["api_key"].expose(), "s3cret");
}
