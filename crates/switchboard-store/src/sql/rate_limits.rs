//! Token buckets in the database, so every server sharing it draws on one budget.
//!
//! A request costs one statement: an upsert that refills the bucket for the time elapsed
//! (capped at the capacity), takes a token if one is there, and returns what it did. The row
//! lock of the upsert (PostgreSQL) or the database write lock (SQLite) serialises concurrent
//! requests, from any process, so the budget holds however the requests are spread. Only the
//! portable subset is used: `CASE` rather than `min`/`LEAST`, which the dialects spell
//! differently. The statements run on the store's counter pool, whose commits are not flushed
//! to disk one by one.

use std::time::Duration;

use sqlx::Row as _;

use super::SqlStore;
use crate::error::Result;
use crate::types::Admission;

/// `tokens + elapsed × rate`, capped at the capacity; elapsed never negative (a node whose
/// clock is behind the last writer's adds nothing).
const REFILL: &str = "(CASE WHEN rate_limits.tokens + \
       (CASE WHEN $3 > rate_limits.updated_ms THEN $3 - rate_limits.updated_ms ELSE 0 END) * $4 > $2 \
     THEN $2 \
     ELSE rate_limits.tokens + \
       (CASE WHEN $3 > rate_limits.updated_ms THEN $3 - rate_limits.updated_ms ELSE 0 END) * $4 END)";

pub(super) async fn acquire(
    store: &SqlStore,
    bucket: &str,
    capacity: u32,
    period: Duration,
) -> Result<Admission> {
    let capacity = f64::from(capacity.max(1));
    let period_ms = period.as_secs_f64() * 1e3;
    let per_ms = capacity / period_ms.max(1.0);
    let sql = format!(
        "INSERT INTO rate_limits (bucket, tokens, updated_ms, granted) VALUES ($1, $2 - 1.0, $3, 1) \
         ON CONFLICT (bucket) DO UPDATE SET \
           tokens = CASE WHEN {REFILL} >= 1.0 THEN {REFILL} - 1.0 ELSE {REFILL} END, \
           granted = CASE WHEN {REFILL} >= 1.0 THEN 1 ELSE 0 END, \
           updated_ms = CASE WHEN $3 > rate_limits.updated_ms THEN $3 ELSE rate_limits.updated_ms END \
         RETURNING tokens, granted"
    );
    let row = sqlx::query(&sql)
        .bind(bucket)
        .bind(capacity)
        .bind(now_ms())
        .bind(per_ms)
        .fetch_one(&store.counters)
        .await?;
    let granted: i64 = row.try_get("granted")?;
    if granted == 1 {
        return Ok(Admission::Granted);
    }
    let tokens: f64 = row.try_get("tokens")?;
    let wait_ms = ((1.0 - tokens) / per_ms).max(0.0);
    Ok(Admission::Refused { retry_after: Duration::from_secs_f64(wait_ms / 1e3) })
}

pub(super) async fn delete(store: &SqlStore, bucket: &str) -> Result<()> {
    sqlx::query("DELETE FROM rate_limits WHERE bucket = $1")
        .bind(bucket)
        .execute(&store.pool)
        .await?;
    Ok(())
}

/// Now, in UTC milliseconds.
fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}
