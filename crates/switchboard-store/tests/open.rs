//! `open`: the data directory and its key file are created on first use, and reopening (which
//! runs the migrations again) keeps the data.

#![allow(clippy::unwrap_used, missing_docs)]

use switchboard_store::{Backend, Location, key_file_path, open};

#[test]
fn locations() {
    assert_eq!(
        Location::parse("postgres://u@h/db"),
        Location::Postgres("postgres://u@h/db".into())
    );
    assert!(matches!(Location::parse("postgresql://h/db"), Location::Postgres(_)));
    assert_eq!(Location::parse("./data"), Location::Sqlite("./data".into()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_creates_the_data_directory_and_reopens() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("switchboard-data");
    let path = dir.to_str().unwrap();
    let store = open(path).await.unwrap();
    assert_eq!(store.backend(), Backend::Sqlite);
    assert!(switchboard_store::database_path(&dir).exists());
    // The key file exists unless the environment supplied the key.
    if std::env::var_os(switchboard_store::crypto::SECRET_KEY_ENV).is_none() {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let meta = std::fs::metadata(key_file_path(&dir)).unwrap();
            assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        }
    }
    let tenant = store.create_tenant("t").await.unwrap();
    drop(store);
    let again = open(path).await.unwrap();
    assert_eq!(again.get_tenant(&tenant.id).await.unwrap(), Some(tenant));
}
