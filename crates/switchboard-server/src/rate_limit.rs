//! The runtime's rate limiter, counted in the store: the per-connection budget holds across
//! every server sharing the database, not per process.

use std::sync::Arc;
use std::time::Duration;

use switchboard_runtime::RateLimiter;
use switchboard_store::{Admission, Store};

/// A token bucket per connection, one atomic statement per backend request
/// ([`Store::acquire_rate_limit`]).
#[derive(Debug)]
pub struct StoreRateLimiter {
    store: Arc<dyn Store>,
    capacity: u32,
    period: Duration,
}

impl StoreRateLimiter {
    /// `capacity` requests per `period` for each connection.
    pub fn new(store: Arc<dyn Store>, capacity: u32, period: Duration) -> Self {
        Self { store, capacity, period }
    }
}

#[async_trait::async_trait]
impl RateLimiter for StoreRateLimiter {
    async fn acquire(&self, key: &str) -> Result<(), Duration> {
        match self.store.acquire_rate_limit(key, self.capacity, self.period).await {
            Ok(Admission::Granted) => Ok(()),
            Ok(Admission::Refused { retry_after }) => Err(retry_after),
            // The limit protects backends from bursts; an unreachable database fails the
            // request elsewhere anyway, so a counting failure lets this one through.
            Err(e) => {
                tracing::error!(error = %e, connection = key, "rate limit not counted: the store failed");
                Ok(())
            }
        }
    }
}
