//! Shared test support for the registry server: a database per test ([`TestDb`]: a temporary
//! SQLite directory, or a fresh schema in the PostgreSQL database named by
//! `SWITCHBOARD_TEST_DATABASE_URL`), the server's `app` on `127.0.0.1:0` ([`TestServer`]), an
//! HTTP client, a tenant full of principals ([`Principals`]), and a loopback backend with its
//! OAuth provider ([`Upstream`]) for the "Loopback Echo" fixture connector.
//!
//! Test code: failures panic with the reason.

#![allow(clippy::missing_panics_doc, clippy::unwrap_used)]

mod db;
mod principals;
mod redact;
mod server;
mod upstream;

pub use db::{DATABASE_URL_ENV, REQUIRE_ENV, TestDb};
pub use principals::{
    Principals, Who, connector_zip, taskforge_files, taskforge_zip, unzip, zip_files,
};
pub use redact::{is_id_or_time, redact};
pub use server::{TestServer, client};
pub use upstream::{
    CLIENT_ID, CLIENT_SECRET, EchoAuth, Recorded, Seen, Upstream, echo_connector_files,
};
