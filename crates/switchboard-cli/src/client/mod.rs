//! The client side of a Switchboard registry server, for `login`, `create`, `update` and
//! `download`: credentials, the HTTP client, connector folders as paconn lays them out, and
//! downloads unpacked safely.

pub mod credentials;
pub mod extract;
pub mod folder;
pub mod http;
pub mod publish;
pub mod report;
pub mod settings;
