//! Per-connection throttling (spec §7): a token bucket per connection id. Over the limit the
//! call fails at once with 429 and the wait until a token frees up; nothing queues.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Admits or refuses backend-bound requests. The default is [`TokenBucket`] (one process);
/// a multi-node registry supplies a shared implementation.
#[async_trait::async_trait]
pub trait RateLimiter: Send + Sync + std::fmt::Debug {
    /// Takes one request's worth of budget for `key` (a connection id), or says how long until
    /// one is available.
    async fn acquire(&self, key: &str) -> Result<(), Duration>;
}

/// An in-memory token bucket per key: `capacity` requests, refilled continuously over `per`.
#[derive(Debug)]
pub struct TokenBucket {
    capacity: f64,
    per_token: Duration,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

impl TokenBucket {
    /// `capacity` requests per `per` (the platform's default is 500 per 60 s).
    pub fn new(capacity: u32, per: Duration) -> Self {
        let capacity = f64::from(capacity.max(1));
        Self { capacity, per_token: per.div_f64(capacity), buckets: Mutex::new(HashMap::new()) }
    }
}

impl Default for TokenBucket {
    fn default() -> Self {
        Self::new(500, Duration::from_secs(60))
    }
}

#[async_trait::async_trait]
impl RateLimiter for TokenBucket {
    async fn acquire(&self, key: &str) -> Result<(), Duration> {
        let now = Instant::now();
        // A poisoned lock only means another caller panicked mid-update; the counts are
        // still usable.
        let mut buckets = self.buckets.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let bucket = match buckets.get_mut(key) {
            Some(b) => b,
            None => buckets
                .entry(key.to_string())
                .or_insert(Bucket { tokens: self.capacity, updated: now }),
        };
        let refill =
            now.duration_since(bucket.updated).as_secs_f64() / self.per_token.as_secs_f64();
        bucket.tokens = (bucket.tokens + refill).min(self.capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(self.per_token.mul_f64(1.0 - bucket.tokens))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_501st_request_in_a_minute_is_refused_with_a_wait() {
        let bucket = TokenBucket::default();
        for i in 0..500 {
            assert!(bucket.acquire("conn").await.is_ok(), "request {i}");
        }
        let wait = bucket.acquire("conn").await.expect_err("501st refused");
        assert!(wait > Duration::ZERO && wait <= Duration::from_millis(120), "{wait:?}");
        // Another connection has its own bucket.
        assert!(bucket.acquire("other").await.is_ok());
    }
}
