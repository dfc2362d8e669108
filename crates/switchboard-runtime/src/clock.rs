//! Wall-clock time and cheap randomness (jitter, request ids) without extra dependencies.

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// Seconds since the Unix epoch.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// A random 64-bit value: SipHash with the process's random keys over a counter. Good for
/// jitter and request ids; not for secrets.
pub fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    thread_local! {
        static STATE: std::hash::RandomState = std::hash::RandomState::new();
    }
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    STATE.with(|s| {
        let mut h = s.build_hasher();
        h.write_u64(n);
        h.finish()
    })
}

/// A uniform random fraction in `[0, 1)`.
pub fn random_fraction() -> f64 {
    // 53 random bits make an exactly representable fraction.
    #[allow(clippy::cast_precision_loss)]
    let f = (random_u64() >> 11) as f64 / (1u64 << 53) as f64;
    f
}
