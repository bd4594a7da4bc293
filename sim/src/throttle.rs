//! Canvas's request throttle (`request_throttle.rb`): a leaky bucket per client with an
//! up-front cost held while a request is in flight, so parallel requests are punished.
//! The bucket always drives `X-Rate-Limit-Remaining`; it rejects requests only when
//! enforcement is switched on (`POST /sim/throttle {"enforce": true}`), so a demo never
//! throttles by surprise. Time is the simulator's clock (pausable).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThrottleConfig {
    /// Reject (403 "Rate Limit Exceeded") when a bucket is at the high-water mark.
    pub enforce: bool,
    /// The "full" mark. Defaults to 600.
    pub hwm: f64,
    /// Units leaked per second. Defaults to 10.
    pub outflow: f64,
    /// Held while a request runs. Defaults to 50.
    pub up_front_cost: f64,
    /// What a request finally costs (Canvas: CPU + DB seconds). Defaults to 0.02.
    pub cost: f64,
}

impl Default for ThrottleConfig {
    fn default() -> Self {
        ThrottleConfig { enforce: false, hwm: 600.0, outflow: 10.0, up_front_cost: 50.0, cost: 0.02 }
    }
}

#[derive(Default)]
pub struct Throttle {
    pub config: ThrottleConfig,
    buckets: HashMap<String, (f64, u64)>,
}

impl Throttle {
    fn leak(&mut self, client: &str, now: u64) -> &mut f64 {
        let outflow = self.config.outflow;
        let (count, at) = self.buckets.entry(client.to_owned()).or_insert((0.0, now));
        let secs = now.saturating_sub(*at) as f64 / 1000.0;
        *count = (*count - secs * outflow).max(0.0);
        *at = now;
        count
    }

    /// Starts a request: `false` when it must be rejected; otherwise the up-front cost is held.
    pub fn begin(&mut self, client: &str, now: u64) -> bool {
        let (enforce, hwm, up_front) = (self.config.enforce, self.config.hwm, self.config.up_front_cost);
        let count = self.leak(client, now);
        if enforce && *count >= hwm {
            return false;
        }
        *count += up_front;
        true
    }

    /// Ends a request: returns `(cost, remaining)` for the response headers.
    pub fn end(&mut self, client: &str, now: u64) -> (f64, f64) {
        let (hwm, up_front, cost) = (self.config.hwm, self.config.up_front_cost, self.config.cost);
        let count = self.leak(client, now);
        *count = (*count - up_front + cost).max(0.0);
        (cost, hwm - *count)
    }
}

/// Canvas's throttled answer: 403, text/plain, no `X-Request-Cost`, no `Retry-After`.
pub fn rate_limited() -> crate::http::Resp {
    crate::http::text(403, "text/plain; charset=utf-8", "403 Forbidden (Rate Limit Exceeded)\n")
        .header("X-Rate-Limit-Remaining", "0.0")
}

/// A float the way Ruby prints it (`587.6`, `0.0`).
pub fn ruby_float(v: f64) -> String {
    let s = format!("{:.4}", v);
    let s = s.trim_end_matches('0');
    if s.ends_with('.') {
        format!("{s}0")
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_requests_hold_the_up_front_cost_until_they_end() {
        let mut t = Throttle {
            config: ThrottleConfig { enforce: true, hwm: 100.0, outflow: 0.0, ..Default::default() },
            ..Default::default()
        };
        assert!(t.begin("token:a", 0));
        assert!(t.begin("token:a", 0));
        assert!(!t.begin("token:a", 0), "two in flight fill a 100 bucket");
        assert!(t.begin("token:b", 0), "buckets are per client");
        let (_, remaining) = t.end("token:a", 0);
        assert!((remaining - (100.0 - 50.02)).abs() < 1e-9, "{remaining}");
    }

    #[test]
    fn floats_print_like_ruby() {
        for (v, want) in [(0.0, "0.0"), (587.6, "587.6"), (0.02, "0.02"), (600.0, "600.0")] {
            assert_eq!(ruby_float(v), want);
        }
    }
}
