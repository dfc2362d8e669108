//! Request metrics in the Prometheus text format: a counter and a latency histogram per
//! method, route template and status.
//!
//! Hand-written rather than the `prometheus` or `metrics` crates: two metric families whose
//! label sets are bounded by the route table (route templates, never ids) need a map and a
//! formatter, not a registry, a global recorder and their dependencies. The counts are per
//! process, which is what Prometheus expects: it scrapes each node and sums.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 13] =
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

#[derive(Clone, Debug, Default)]
struct Series {
    /// Observations per bucket (not cumulative; summed when rendered).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum_seconds: f64,
}

/// The metrics of one server process.
#[derive(Debug, Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<(&'static str, &'static str, u16), Series>>,
}

impl Metrics {
    /// Empty metrics.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one request. `route` is a template (`/api/v1/connectors/{connector}`) or
    /// `unmatched`; methods outside the standard ones are recorded as `OTHER`.
    pub fn record(&self, method: &str, route: &'static str, status: u16, elapsed: Duration) {
        let method = match method {
            "GET" => "GET",
            "POST" => "POST",
            "PUT" => "PUT",
            "DELETE" => "DELETE",
            "PATCH" => "PATCH",
            "HEAD" => "HEAD",
            "OPTIONS" => "OPTIONS",
            _ => "OTHER",
        };
        let seconds = elapsed.as_secs_f64();
        // A poisoned lock only means another request panicked mid-update; the counts are
        // still usable.
        let mut series = self.series.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let s = series.entry((route, method, status)).or_default();
        if let Some(i) = BUCKETS.iter().position(|&le| seconds <= le) {
            s.buckets[i] += 1;
        }
        s.count += 1;
        s.sum_seconds += seconds;
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let series = self.series.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        let mut out = String::new();
        out.push_str(
            "# HELP switchboard_http_requests_total HTTP requests answered, by method, route template and status.\n\
             # TYPE switchboard_http_requests_total counter\n",
        );
        for ((route, method, status), s) in &series {
            let _ = writeln!(
                out,
                "switchboard_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {}",
                escape(route),
                s.count
            );
        }
        out.push_str(
            "# HELP switchboard_http_request_duration_seconds Time to answer, from the request's arrival at its route to the response, by method, route template and status.\n\
             # TYPE switchboard_http_request_duration_seconds histogram\n",
        );
        for ((route, method, status), s) in &series {
            let labels =
                format!("method=\"{method}\",route=\"{}\",status=\"{status}\"", escape(route));
            let mut cumulative = 0;
            for (le, n) in BUCKETS.iter().zip(s.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "switchboard_http_request_duration_seconds_bucket{{{labels},le=\"{le}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "switchboard_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "switchboard_http_request_duration_seconds_sum{{{labels}}} {}",
                s.sum_seconds
            );
            let _ = writeln!(
                out,
                "switchboard_http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
        out
    }
}

/// Escapes a label value (backslash, quote, newline), as the exposition format requires.
fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_cumulative_buckets() {
        let m = Metrics::new();
        m.record("GET", "/healthz", 200, Duration::from_micros(500));
        m.record("GET", "/healthz", 200, Duration::from_millis(30));
        m.record("BREW", "unmatched", 404, Duration::ZERO);
        let text = m.render();
        assert!(text.contains(
            "switchboard_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2"
        ));
        assert!(text.contains("route=\"/healthz\",status=\"200\",le=\"0.001\"} 1"));
        assert!(text.contains("route=\"/healthz\",status=\"200\",le=\"0.05\"} 2"));
        assert!(text.contains("route=\"/healthz\",status=\"200\",le=\"+Inf\"} 2"));
        assert!(text.contains("method=\"OTHER\",route=\"unmatched\",status=\"404\"} 1"));
    }
}
