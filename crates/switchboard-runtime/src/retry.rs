//! Retry policies (spec §7): which outcomes are retried and how long to wait in between.

use std::time::Duration;

/// How failed backend calls are retried. Retried outcomes: 408, 429, 5xx and connection
/// failures (the request never reached the backend). A `Retry-After` on the response takes
/// precedence over the computed interval.
#[derive(Clone, Debug, PartialEq)]
pub enum RetryPolicy {
    /// Never retry.
    None,
    /// `count` retries, `interval` apart.
    Fixed {
        /// Time between attempts.
        interval: Duration,
        /// Number of retries.
        count: u32,
    },
    /// `count` retries with exponentially growing random intervals: retry *n* waits a uniform
    /// random time in `[max(2^(n-2)·interval, min), min(2^(n-1)·interval, max)]` (retry 1 in
    /// `[min, min(interval, max)]`).
    Exponential {
        /// The scale.
        interval: Duration,
        /// Number of retries.
        count: u32,
        /// Lower bound of any interval.
        min: Duration,
        /// Upper bound of any interval.
        max: Duration,
    },
}

impl Default for RetryPolicy {
    /// The platform's default: exponential, 4 retries, 7.5 s scale, between 5 s and 45 s.
    fn default() -> Self {
        RetryPolicy::Exponential {
            interval: Duration::from_millis(7_500),
            count: 4,
            min: Duration::from_secs(5),
            max: Duration::from_secs(45),
        }
    }
}

impl RetryPolicy {
    /// The number of retries (attempts minus one).
    pub fn count(&self) -> u32 {
        match self {
            RetryPolicy::None => 0,
            RetryPolicy::Fixed { count, .. } | RetryPolicy::Exponential { count, .. } => *count,
        }
    }

    /// The wait before retry `n` (1-based), with `fraction` in `[0, 1)` picking the point in
    /// the exponential range.
    pub fn delay(&self, n: u32, fraction: f64) -> Duration {
        match self {
            RetryPolicy::None => Duration::ZERO,
            RetryPolicy::Fixed { interval, .. } => *interval,
            RetryPolicy::Exponential { interval, min, max, .. } => {
                let scale = |exp: i32| interval.mul_f64(2f64.powi(exp));
                let exp = i32::try_from(n.min(40)).unwrap_or(40);
                // Past the cap both ends are the maximum.
                let low = if n <= 1 { *min } else { scale(exp - 2).max(*min) }.min(*max);
                let high = scale(exp - 1).min(*max).max(low);
                low + high.saturating_sub(low).mul_f64(fraction.clamp(0.0, 1.0))
            }
        }
    }

    /// Whether a response status is retried.
    pub fn retries_status(status: u16) -> bool {
        status == 408 || status == 429 || (500..600).contains(&status)
    }
}

/// Parses `Retry-After`: delta seconds, or an HTTP date (relative to now).
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = parse_http_date(value)?;
    let now = crate::clock::unix_now();
    Some(Duration::from_secs(u64::try_from(when - now).unwrap_or(0)))
}

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) to Unix seconds.
fn parse_http_date(s: &str) -> Option<i64> {
    let mut parts = s.split_whitespace();
    let _weekday = parts.next()?;
    let day: i64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, sec) = (hms.next()??, hms.next()??, hms.next()??);
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + m * 60 + sec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_the_platform_exponential_policy() {
        let p = RetryPolicy::default();
        assert_eq!(p.count(), 4);
        // Retry 1 lies in [5 s, 7.5 s]; retry 4 in [30 s, 45 s].
        assert_eq!(p.delay(1, 0.0), Duration::from_secs(5));
        assert_eq!(p.delay(1, 1.0), Duration::from_millis(7_500));
        assert_eq!(p.delay(2, 0.0), Duration::from_millis(7_500));
        assert_eq!(p.delay(2, 1.0), Duration::from_secs(15));
        assert_eq!(p.delay(4, 0.0), Duration::from_secs(30));
        assert_eq!(p.delay(4, 1.0), Duration::from_secs(45));
        assert_eq!(p.delay(9, 0.5), Duration::from_secs(45));
    }

    #[test]
    fn retried_statuses() {
        for s in [408, 429, 500, 502, 503, 504, 599] {
            assert!(RetryPolicy::retries_status(s), "{s}");
        }
        for s in [200, 202, 400, 401, 404, 409] {
            assert!(!RetryPolicy::retries_status(s), "{s}");
        }
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        assert_eq!(parse_retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon"), None);
    }
}
