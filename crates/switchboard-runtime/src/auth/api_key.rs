//! `apiKey` security definitions: the raw connection value in a header or a query parameter.

use crate::{Connection, InvokeError, Phase, Request};

/// Where the key goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
}

/// Configuration of an `apiKey` scheme.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ApiKeyConfig {
    /// Header or query.
    pub location: KeyLocation,
    /// The header or query parameter name (`securityDefinitions.*.name`).
    pub name: String,
    /// The connection parameter holding the key (conventionally `api_key`).
    pub parameter: String,
}

/// A built `apiKey` scheme.
#[derive(Clone, Debug)]
pub struct ApiKeyAuth {
    config: ApiKeyConfig,
}

impl ApiKeyConfig {
    /// Builds the scheme.
    pub fn build(&self) -> ApiKeyAuth {
        ApiKeyAuth { config: self.clone() }
    }
}

impl ApiKeyAuth {
    /// The connection parameter it reads.
    pub fn parameter(&self) -> &str {
        &self.config.parameter
    }

    /// Adds the key verbatim (no prefix: spec §2.4). A connection without the parameter is a
    /// caller error naming it.
    pub fn inject(
        &self,
        connection: &Connection,
        request: &mut Request,
    ) -> Result<(), InvokeError> {
        let Some(value) = connection.text(&self.config.parameter) else {
            return Err(InvokeError::client(
                Phase::Authenticate,
                "MissingConnectionParameter",
                400,
                format!(
                    "the connection has no value for '{}', which the API key {} '{}' needs",
                    self.config.parameter,
                    match self.config.location {
                        KeyLocation::Header => "header",
                        KeyLocation::Query => "query parameter",
                    },
                    self.config.name
                ),
            ));
        };
        match self.config.location {
            KeyLocation::Header => request.headers.set(&self.config.name, value),
            KeyLocation::Query => {
                request.query.retain(|(k, _)| k != &self.config.name);
                request.query.push((self.config.name.clone(), value));
            }
        }
        Ok(())
    }
}
