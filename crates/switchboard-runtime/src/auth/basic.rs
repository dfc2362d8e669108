//! `basic` security definitions: `Authorization: Basic base64(username:password)`.

use base64::Engine as _;

use crate::{Connection, InvokeError, Phase, Request};

/// Configuration of a `basic` scheme.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct BasicConfig {
    /// Connection parameter holding the user name (conventionally `username`).
    pub username: String,
    /// Connection parameter holding the password (conventionally `password`).
    pub password: String,
}

/// A built `basic` scheme.
#[derive(Clone, Debug)]
pub struct BasicAuth {
    config: BasicConfig,
}

impl BasicConfig {
    /// Builds the scheme.
    pub fn build(&self) -> BasicAuth {
        BasicAuth { config: self.clone() }
    }
}

impl BasicAuth {
    /// Sets `Authorization`. A missing user name is a caller error; a missing password is
    /// sent empty (some APIs take the key as the user name alone).
    pub fn inject(
        &self,
        connection: &Connection,
        request: &mut Request,
    ) -> Result<(), InvokeError> {
        let Some(user) = connection.text(&self.config.username) else {
            return Err(InvokeError::client(
                Phase::Authenticate,
                "MissingConnectionParameter",
                400,
                format!(
                    "the connection has no value for '{}', which basic authentication needs",
                    self.config.username
                ),
            ));
        };
        let password = connection.text(&self.config.password).unwrap_or_default();
        let encoded =
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        request.headers.set("Authorization", format!("Basic {encoded}"));
        Ok(())
    }
}
