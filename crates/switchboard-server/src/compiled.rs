//! Compiled connectors, built once per (connector, version) and shared by every request.
//!
//! A version is immutable, so an entry never goes stale: a new version is a new key, and every
//! server sharing a database may hold its own copy without any coordination. Loading unpacks
//! the stored archive and compiles it on a blocking thread; two requests missing the same key
//! at once may both compile it (the second result replaces the first, identical one).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};
use switchboard_model::api_properties::ApiProperties;
use switchboard_runtime::{CompileOptions, CompiledConnector};
use switchboard_store::{Connector, ConnectorId};

use crate::AppState;
use crate::connection_params::ParameterSpecs;
use crate::errors::ApiError;

/// How many compiled versions a server keeps (an arbitrary one is dropped beyond).
const CAPACITY: usize = 512;

/// A connector version ready to invoke.
#[derive(Debug)]
pub struct Compiled {
    /// The runtime's form: operations, auth schemes, policies.
    pub connector: CompiledConnector,
    /// Its connection parameters.
    pub parameters: ParameterSpecs,
    /// `x-ms-capabilities.testConnection`, if declared.
    pub test_connection: Option<TestConnection>,
}

/// The operation that tests a connection (spec §2.9), with its literal arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct TestConnection {
    /// The `operationId`.
    pub operation_id: String,
    /// `parameters`: literal values by parameter name.
    pub arguments: Map<String, Value>,
}

/// The cache.
#[derive(Debug, Default)]
pub struct CompiledCache {
    entries: Mutex<HashMap<(ConnectorId, i64), Arc<Compiled>>>,
}

impl CompiledCache {
    /// The current version of `connector`, compiled.
    pub async fn current(
        &self,
        state: &AppState,
        connector: &Connector,
    ) -> Result<Arc<Compiled>, ApiError> {
        let key = (connector.id.clone(), connector.current_version);
        if let Some(hit) = self.lock().get(&key) {
            return Ok(hit.clone());
        }
        let Some(version) =
            state.store.get_version(&connector.id, connector.current_version).await?
        else {
            tracing::error!(connector = %connector.id, version = connector.current_version, "current version missing");
            return Err(ApiError::new(crate::errors::ErrorCode::Internal));
        };
        let name = connector.name.clone();
        let redirect = state.config.oauth_redirect_url();
        let bytes = version.archive.into_bytes();
        let compiled = tokio::task::spawn_blocking(move || compile(&name, bytes, &redirect))
            .await
            .map_err(|e| ApiError::internal(&e))??;
        let compiled = Arc::new(compiled);
        let mut entries = self.lock();
        if entries.len() >= CAPACITY
            && let Some(evicted) = entries.keys().next().cloned()
        {
            entries.remove(&evicted);
        }
        entries.insert(key, compiled.clone());
        Ok(compiled)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(ConnectorId, i64), Arc<Compiled>>> {
        // A poisoned lock only means a panic elsewhere mid-insert; the map is still usable.
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Loads and compiles stored archive bytes. A stored version passed validation, so failing
/// here is the server's problem (logged), not the caller's.
fn compile(name: &str, bytes: Vec<u8>, redirect_url: &str) -> Result<Compiled, ApiError> {
    let loaded = switchboard_model::Connector::load_zip_bytes(name, bytes)
        .map_err(|e| ApiError::internal(&e))?;
    let (mut connector, _diagnostics) =
        CompiledConnector::build(&loaded, CompileOptions::default())
            .map_err(|e| ApiError::internal(&e))?;
    connector.set_oauth_redirect_url(redirect_url);
    // A host taken from the caller's input (a dynamichosturl reading a header) may only be
    // the definition's own: otherwise any caller could send the connection's credentials to a
    // host of their choosing.
    let own_host = url::Url::parse(&connector.base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .into_iter();
    connector.restrict_caller_hosts(own_host);
    let properties = loaded.properties_root().map(ApiProperties::new);
    let parameters = ParameterSpecs::of(properties.as_ref());
    let test_connection = loaded
        .swagger_root()
        .and_then(|root| root.get("x-ms-capabilities"))
        .and_then(|c| c.get("testConnection"))
        .and_then(|t| {
            let operation_id = t.get_str("operationId")?.to_owned();
            // `{name: literal}`, or `{name: {"value": literal}}` as dynamic-values calls
            // write them.
            let arguments = match t.get("parameters").map(Value::from) {
                Some(Value::Object(map)) => map
                    .into_iter()
                    .map(|(k, v)| match v {
                        Value::Object(mut o) if o.contains_key("value") => {
                            (k, o.remove("value").unwrap_or(Value::Null))
                        }
                        other => (k, other),
                    })
                    .collect(),
                _ => Map::new(),
            };
            Some(TestConnection { operation_id, arguments })
        });
    Ok(Compiled { connector, parameters, test_connection })
}
