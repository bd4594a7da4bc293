//! When to poll next: pure, driven by a caller-supplied clock (milliseconds).

use crate::model::Snapshot;
use crate::Error;

/// Tuning for [`PollPolicy`]. The defaults aim at a quarter of the requests of Canvas's
/// fixed 1 s poller while showing a job's end within about a second (see BENCHMARKS.md).
#[derive(Clone, Debug, PartialEq)]
pub struct PollOptions {
    /// Shortest gap between two requests. Defaults to `500`.
    pub min_interval_ms: u64,
    /// Longest gap while a job runs normally. Defaults to `8000`.
    pub max_interval_ms: u64,
    /// The gap grows by this fraction of the job's age (0.3 = a 20 s old job is polled
    /// every ~6.5 s), so short jobs finish fast and long ones cost little. Defaults to `0.3`.
    pub ramp: f64,
    /// First retry delay after a transient fault. Defaults to `2000`.
    pub backoff_initial_ms: u64,
    /// Longest retry delay. Defaults to `30000`.
    pub backoff_max_ms: u64,
    /// Consecutive transient faults after which polling gives up. Defaults to `10`.
    pub max_consecutive_errors: u32,
    /// A running job whose progress has not moved for this long is flagged as stalled
    /// (polling goes on). Defaults to `120000`.
    pub stall_after_ms: u64,
    /// Below this `X-Rate-Limit-Remaining`, gaps double. Defaults to `100.0`.
    pub low_rate_limit: f64,
}

impl Default for PollOptions {
    fn default() -> Self {
        PollOptions {
            min_interval_ms: 500,
            max_interval_ms: 8000,
            ramp: 0.3,
            backoff_initial_ms: 2000,
            backoff_max_ms: 30_000,
            max_consecutive_errors: 10,
            stall_after_ms: 120_000,
            low_rate_limit: 100.0,
        }
    }
}

/// What to do after an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Next {
    /// Poll again after this many milliseconds.
    PollIn(u64),
    /// The job is over (terminal state).
    Done,
    /// Stop polling because of this fault (not retryable, or too many in a row).
    GiveUp(Error),
}

/// The polling state machine of one job.
///
/// ## Usage
/// ```
/// use lms_widgets::poll::{PollPolicy, PollOptions, Next};
/// use lms_widgets::model::{Snapshot, ProgressState};
/// let mut p = PollPolicy::new(PollOptions::default(), 0);
/// let snap = Snapshot { state: ProgressState::Running, percent: Some(10.0), message: None,
///     main: None, secondary: vec![], updated_at: None, user_id: None };
/// assert_eq!(p.on_snapshot(0, &snap, None), Next::PollIn(500));
/// ```
#[derive(Clone, Debug)]
pub struct PollPolicy {
    opts: PollOptions,
    started_at: u64,
    errors: u32,
    first_sample: Option<(u64, f64)>,
    last_sample: Option<(u64, f64)>,
    last_key: Option<String>,
    last_move_at: u64,
    eta_misses: u32,
    pending_eta_poll: bool,
}

impl PollPolicy {
    /// A policy for a job first polled at `now`.
    pub fn new(opts: PollOptions, now: u64) -> Self {
        PollPolicy {
            opts,
            started_at: now,
            errors: 0,
            first_sample: None,
            last_sample: None,
            last_key: None,
            last_move_at: now,
            eta_misses: 0,
            pending_eta_poll: false,
        }
    }

    /// The options in force.
    pub fn options(&self) -> &PollOptions {
        &self.opts
    }

    /// Feeds a successful answer; `rate_limit_remaining` is Canvas's header, if sent.
    pub fn on_snapshot(&mut self, now: u64, snap: &Snapshot, rate_limit_remaining: Option<f64>) -> Next {
        self.errors = 0;
        let key = snap.movement_key();
        if self.last_key.as_ref() != Some(&key) {
            self.last_key = Some(key);
            self.last_move_at = now;
        }
        if snap.is_terminal() {
            return Next::Done;
        }
        if self.pending_eta_poll {
            // We polled at the predicted end and the job was not done: trust ETAs less.
            self.eta_misses = self.eta_misses.saturating_add(1);
            self.pending_eta_poll = false;
        }
        match snap.percent {
            Some(p) if p < 100.0 => {
                if self.first_sample.is_none_or(|(_, p0)| p < p0) {
                    self.first_sample = Some((now, p));
                }
                self.last_sample = Some((now, p));
            }
            _ => self.last_sample = None,
        }
        let mut delay = self.base_interval(now);
        if rate_limit_remaining.is_some_and(|r| r < self.opts.low_rate_limit) {
            delay = delay.saturating_mul(2);
        }
        if let Some(eta) = self.eta_ms(now) {
            let margin = 200u64.saturating_mul(1 << self.eta_misses.min(10));
            let at_end = eta.saturating_add(margin).max(self.opts.min_interval_ms);
            if at_end < delay {
                delay = at_end;
                self.pending_eta_poll = true;
            }
        }
        Next::PollIn(delay)
    }

    /// Feeds a fault; `jitter` is a random number in `0.0..1.0` supplied by the caller.
    pub fn on_error(&mut self, err: &Error, jitter: f64) -> Next {
        if !err.is_retryable() {
            return Next::GiveUp(err.clone());
        }
        self.errors = self.errors.saturating_add(1);
        if self.errors > self.opts.max_consecutive_errors {
            return Next::GiveUp(err.clone());
        }
        let exp = self
            .opts
            .backoff_initial_ms
            .saturating_mul(1u64 << (self.errors - 1).min(20))
            .min(self.opts.backoff_max_ms);
        // "Equal jitter": half fixed, half random, so clients spread out but never hammer.
        let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.5 };
        let mut delay = exp / 2 + (exp as f64 / 2.0 * jitter) as u64;
        if let Error::Throttled { retry_after_ms: Some(ra) } = err {
            delay = delay.max(*ra);
        }
        Next::PollIn(delay.max(self.opts.min_interval_ms))
    }

    /// Consecutive transient faults so far.
    pub fn consecutive_errors(&self) -> u32 {
        self.errors
    }

    /// Milliseconds until the job should end, from its completion rate, once known.
    pub fn eta_ms(&self, now: u64) -> Option<u64> {
        let (t0, p0) = self.first_sample?;
        let (t1, p1) = self.last_sample?;
        if t1 <= t0 || p1 <= p0 {
            return None;
        }
        let rate = (p1 - p0) / (t1 - t0) as f64; // percent per ms
        let remaining = (100.0 - p1) / rate - now.saturating_sub(t1) as f64;
        Some(if remaining.is_finite() && remaining > 0.0 { remaining.min(8.64e7) as u64 } else { 0 })
    }

    /// Whether the job has not moved for `stall_after_ms`.
    pub fn is_stalled(&self, now: u64) -> bool {
        now.saturating_sub(self.last_move_at) >= self.opts.stall_after_ms
    }

    fn base_interval(&self, now: u64) -> u64 {
        let age = now.saturating_sub(self.started_at) as f64;
        let grown = self.opts.min_interval_ms as f64 + age * self.opts.ramp;
        (grown as u64).clamp(self.opts.min_interval_ms, self.opts.max_interval_ms.max(self.opts.min_interval_ms))
    }
}
