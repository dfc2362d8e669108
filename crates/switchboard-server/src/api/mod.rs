//! The handlers, one file per resource. Each receives a [`crate::Ctx`] holding the caller and
//! what the route's permission check already resolved.

pub mod connections;
pub mod connectors;
pub mod download;
pub mod environments;
pub mod groups;
pub mod members;
pub mod oauth;
pub mod operations;
pub mod shares;
pub mod system;
pub mod tenants;
pub mod users;
pub mod versions;

use serde::Serialize;

/// `{"items": [...]}`: every list that is not paginated.
#[derive(Debug, Serialize)]
pub struct List<T> {
    /// The items.
    pub items: Vec<T>,
}
