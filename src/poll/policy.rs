//! When to poll next: pure, driven by a caller-supplied clock (milliseconds).

use crate::model::{ProgressState, Snapshot};
use crate::Error;

/// Two successive predictions of a job's end must agree within this many milliseconds
/// (or a tenth of the time left, if more) before the policy waits for it: a completion
/// that moves steadily predicts the same end at every answer, one that jumps does not.
const ETA_AGREEMENT_MS: u64 = 1000;

/// The completion rate is a least-squares line through at most this many of the latest
/// samples (bounded memory; on the benchmark, shorter windows cost more than they gave).
const FIT_SAMPLES: usize = 48;

/// A fit whose samples lie within this many percentage points (root mean square) of its
/// line is smooth: its prediction is trusted for long gaps. Stepwise completions are not.
const SMOOTH_FIT_POINTS: f64 = 0.5;

/// A lumpy completion (at least three samples, not smooth: a bar that jumps, such as one
/// step per section of a report) predicts its end only roughly, and may jump to it at any
/// step. While its prediction has not missed, the next poll goes after this fraction of the
/// time it predicts is left, no sooner than the blind cap and no later than the age-based
/// gap, and is never aimed at the predicted end. Following a lumpy prediction at the
/// age-based gap (up to 8 s) showed stepwise ends late; treating it as no prediction at all
/// (the blind cap) cost a third more requests on such jobs. On the benchmark an eighth
/// costs fewer requests than either at no worse p90 delay; a tenth to a sixth measure alike.
const LUMPY_CHECK_FRACTION: f64 = 0.125;

/// Tuning for [`PollPolicy`]. The defaults cost about a quarter of the requests of Canvas's
/// fixed 1 s poller and show nine in ten jobs' ends within 2 s on the benchmark's job mix
/// (see BENCHMARKS.md, which measures other settings too).
#[derive(Clone, Debug, PartialEq)]
pub struct PollOptions {
    /// Shortest gap between two requests. Defaults to `1000`: Canvas's own poller waits
    /// 1 s after each answer, and a job of a few seconds should not cost more than there.
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
    /// Longest gap while the job gives nothing to predict its end from: no completion, a
    /// prediction that changes from one answer to the next (a completion that jumps), or
    /// one that already missed (a job stuck at 99 %).
    /// Without information a gap of d shows the end about d/2 late, so this bounds the
    /// delay for most jobs. Defaults to `2000`.
    pub max_blind_interval_ms: u64,
    /// Age after which a job without information is polled like any other (gaps up to
    /// `max_interval_ms`): the few long jobs are where requests add up, and a few seconds
    /// matter less at the end of a ten-minute wait. The trade-off is measured in
    /// BENCHMARKS.md. Defaults to `150000`.
    pub blind_horizon_ms: u64,
    /// Below this `X-Rate-Limit-Remaining` (Canvas's bucket is full at 600), gaps grow as
    /// it falls: ×1 at this value up to ×4 at 0. Defaults to `300.0`.
    pub low_rate_limit: f64,
    /// Longest gap while a smooth, steady prediction is followed (see `eta_check_fraction`):
    /// how long a steadily moving bar may show no new value. Defaults to `60000`; longer
    /// saves a few requests (BENCHMARKS.md) but a bar still for minutes looks stuck.
    pub max_steady_interval_ms: u64,
    /// While a smooth completion (one whose samples lie on a line) steadily predicts an end
    /// further away than the normal gap, the next poll checks the prediction after this
    /// fraction of the time left (at most `max_steady_interval_ms`), instead of every
    /// `max_interval_ms`: a 10-minute job that keeps its pace costs a handful of requests.
    /// A job that speeds up is shown late by up to the rest of that time. Defaults to `0.8`.
    pub eta_check_fraction: f64,
    /// The poll aimed at a predicted end goes this long after it: arriving a little late
    /// costs a little delay, arriving early costs a request and the prediction.
    /// Defaults to `150`.
    pub eta_margin_ms: u64,
}

impl Default for PollOptions {
    fn default() -> Self {
        PollOptions {
            min_interval_ms: 1000,
            max_interval_ms: 8000,
            ramp: 0.3,
            backoff_initial_ms: 2000,
            backoff_max_ms: 30_000,
            max_consecutive_errors: 10,
            stall_after_ms: 120_000,
            max_blind_interval_ms: 2000,
            blind_horizon_ms: 150_000,
            low_rate_limit: 300.0,
            max_steady_interval_ms: 60_000,
            eta_check_fraction: 0.8,
            eta_margin_ms: 150,
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
/// The gap after an answer is `min_interval_ms` plus `ramp` × the job's age (at most
/// `max_interval_ms`), and then:
/// * when two answers in a row predict the same end (from a least-squares line through the
///   running job's completions, unless they are lumpy), the next poll goes `eta_margin_ms`
///   after it if that is sooner (even sooner than `min_interval_ms`: it replaces a later
///   poll), and a smooth completion far from its end is checked after `eta_check_fraction`
///   of the time left;
/// * the first completion of a job that had none at the previous answer bounds its end (it
///   started since then, so it moves at least that fast): the next poll goes just after it
///   if that is sooner;
/// * a lumpy completion (samples far from their line) is checked after an eighth of the time
///   its line predicts is left, within the blind cap and the age-based gap;
/// * while nothing predicts the end, the gap is capped at `max_blind_interval_ms` (for a
///   job younger than `blind_horizon_ms`).
///
/// A low `X-Rate-Limit-Remaining` stretches any gap.
///
/// ## Usage
/// ```
/// use lms_widgets::poll::{PollPolicy, PollOptions, Next};
/// use lms_widgets::model::{Snapshot, ProgressState};
/// let mut p = PollPolicy::new(PollOptions::default(), 0);
/// let snap = Snapshot { state: ProgressState::Running, percent: Some(10.0), message: None,
///     main: None, secondary: vec![], updated_at: None, user_id: None };
/// assert_eq!(p.on_snapshot(0, &snap, None), Next::PollIn(1000));
/// // Canvas says half of the low-rate-limit mark (300) is left: the gap grows ×2.5.
/// assert_eq!(p.on_snapshot(0, &snap, Some(150.0)), Next::PollIn(2500));
/// ```
#[derive(Clone, Debug)]
pub struct PollPolicy {
    opts: PollOptions,
    started_at: u64,
    errors: u32,
    first_sample: Option<(u64, f64)>,
    last_sample: Option<(u64, f64)>,
    /// The latest (time, completion) samples of the running job, oldest first.
    samples: Vec<(u64, f64)>,
    /// When the previous answer came, if it had no completion (queued, or none reported).
    empty_at: Option<u64>,
    /// When the answer before the first completion came, if it had none: the job started
    /// after that (see [`Self::first_completion_bound_ms`]).
    started_after: Option<u64>,
    last_key: Option<String>,
    last_move_at: u64,
    eta_misses: u32,
    pending_eta_poll: bool,
    /// The end (clock time) the previous answer predicted, if any.
    predicted_end: Option<u64>,
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
            samples: Vec::new(),
            empty_at: None,
            started_after: None,
            last_key: None,
            last_move_at: now,
            eta_misses: 0,
            pending_eta_poll: false,
            predicted_end: None,
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
            // We polled at the predicted end and the job was not done: stop following ETAs.
            self.eta_misses = self.eta_misses.saturating_add(1);
            self.pending_eta_poll = false;
        }
        match snap.percent {
            // Only a job that runs measures its rate: a queued one says 0 % and waits.
            Some(p) if p.is_finite() && p < 100.0 && snap.state != ProgressState::Queued => {
                if self.first_sample.is_none_or(|(_, p0)| p < p0) {
                    self.first_sample = Some((now, p));
                    self.samples.clear();
                }
                self.last_sample = Some((now, p));
                if self.samples.len() == FIT_SAMPLES {
                    self.samples.remove(0);
                }
                self.samples.push((now, p));
                self.started_after = if self.samples.len() == 1 { self.empty_at } else { None };
                self.empty_at = None;
            }
            _ => {
                self.last_sample = None;
                self.samples.clear();
                self.empty_at = Some(now);
                self.started_after = None;
            }
        }
        let mut delay = self.base_interval(now);
        let blind_delay = delay.min(self.opts.max_blind_interval_ms.max(self.opts.min_interval_ms));
        // An ETA-aimed poll may come sooner than `min_interval_ms` (it replaces a later
        // poll), but never sooner than a quarter of it.
        let floor = self.opts.min_interval_ms / 4;
        let eta = self.eta_ms(now);
        let end = eta.map(|eta| now.saturating_add(eta));
        let steady = match (end, self.predicted_end, eta) {
            (Some(end), Some(before), Some(eta)) => end.abs_diff(before) <= ETA_AGREEMENT_MS.max(eta / 10),
            _ => false,
        };
        self.predicted_end = end;
        let first_bound = self.first_completion_bound_ms(now).map(|b| b.saturating_add(self.opts.eta_margin_ms));
        let young = now.saturating_sub(self.started_at) < self.opts.blind_horizon_ms;
        let smooth = self.smooth();
        match (eta, first_bound) {
            // The first completion after none: the end comes no later than at this pace.
            // Not a prediction to follow (a miss does not count against later ones).
            (_, Some(at_end)) if at_end < blind_delay => delay = at_end.max(floor),
            // A lumpy completion that has not missed: its line says roughly how far the end
            // is, not when; check after a fraction of that, never aiming at the end.
            (Some(eta), _) if self.eta_misses == 0 && smooth == Some(false) => {
                let part = eta as f64 * LUMPY_CHECK_FRACTION; // eta is at most a day
                let lowest = if young { blind_delay } else { delay };
                delay = (part as u64).clamp(lowest, delay.max(lowest));
            }
            // A steady prediction that has not missed yet: poll just after the predicted end
            // if that is sooner than the next check (the normal gap, or for a smooth
            // completion a fraction of the time left).
            (Some(eta), _) if steady && self.eta_misses == 0 => {
                let at_end = eta.saturating_add(self.opts.eta_margin_ms);
                let (check, check_after_end) = if smooth == Some(true) {
                    let part = eta as f64 * self.opts.eta_check_fraction;
                    let part = if part > 0.0 { part.min(u64::MAX as f64) as u64 } else { 0 }; // NaN: 0
                    (delay.max(part.min(self.opts.max_steady_interval_ms)), part >= eta)
                } else {
                    (delay, false)
                };
                if at_end <= check || check_after_end {
                    delay = at_end.max(floor);
                    self.pending_eta_poll = true;
                } else {
                    delay = check;
                }
            }
            // Nothing to predict from (no completion, a first or a jumping prediction, or
            // one that missed): the end can come at any answer.
            _ if young => delay = blind_delay,
            _ => {}
        }
        Next::PollIn(self.rate_limit_brake(delay, rate_limit_remaining))
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

    /// Milliseconds until the job should end, from its completion rate, once known: the
    /// slope of a least-squares line through the latest samples of the running job (two
    /// samples: the line through them), projected from the last completion to 100 %.
    pub fn eta_ms(&self, now: u64) -> Option<u64> {
        let (t0, p0) = self.first_sample?;
        let (t1, p1) = self.last_sample?;
        if t1 <= t0 || p1 <= p0 {
            return None;
        }
        let (rate, _) = self.fit()?; // percent per ms
        Some(remaining_ms((100.0 - p1) / rate, now.saturating_sub(t1)))
    }

    /// The least-squares line through the samples: (slope in percent per ms, root-mean-square
    /// distance of the samples from it in percentage points). `None` without a rising line.
    fn fit(&self) -> Option<(f64, f64)> {
        let (first_t, _) = *self.samples.first()?;
        let n = self.samples.len() as f64;
        // Times relative to the first sample keep the sums small whatever the clock.
        let x = |t: u64| t.saturating_sub(first_t) as f64;
        let mean_x = self.samples.iter().map(|(t, _)| x(*t)).sum::<f64>() / n;
        let mean_y = self.samples.iter().map(|(_, p)| p).sum::<f64>() / n;
        let (mut sxy, mut sxx) = (0.0, 0.0);
        for (t, p) in &self.samples {
            sxy += (x(*t) - mean_x) * (p - mean_y);
            sxx += (x(*t) - mean_x) * (x(*t) - mean_x);
        }
        let slope = sxy / sxx;
        if !slope.is_finite() || slope <= 0.0 {
            return None;
        }
        let squares: f64 = self.samples.iter().map(|(t, p)| (p - mean_y - slope * (x(*t) - mean_x)).powi(2)).sum();
        Some((slope, (squares / n).sqrt()))
    }

    /// How at least three samples lie on their line: `Some(true)` smooth (within
    /// [`SMOOTH_FIT_POINTS`]), `Some(false)` lumpy (beyond it), `None` with fewer samples.
    fn smooth(&self) -> Option<bool> {
        if self.samples.len() < 3 {
            return None;
        }
        self.fit().map(|(_, rms)| rms <= SMOOTH_FIT_POINTS)
    }

    /// The latest the job can end if it keeps at least the pace of its first completion,
    /// which came right after an answer without one: it started since that answer. `None`
    /// unless the latest answer is that first completion, above 0 %.
    fn first_completion_bound_ms(&self, now: u64) -> Option<u64> {
        let [(t1, p1)] = self.samples[..] else {
            return None;
        };
        let empty_at = self.started_after?;
        if t1 <= empty_at || p1.is_nan() || p1 <= 0.0 {
            return None;
        }
        let rate = p1 / (t1 - empty_at) as f64;
        Some(remaining_ms((100.0 - p1) / rate, now.saturating_sub(t1)))
    }

    /// Whether the job has not moved for `stall_after_ms`.
    pub fn is_stalled(&self, now: u64) -> bool {
        now.saturating_sub(self.last_move_at) >= self.opts.stall_after_ms
    }

    /// Stretches a gap as Canvas's `X-Rate-Limit-Remaining` falls below `low_rate_limit`:
    /// ×1 there, ×4 at 0 (and below). The result may exceed the normal maximum: throttling
    /// matters more than freshness.
    fn rate_limit_brake(&self, delay: u64, remaining: Option<f64>) -> u64 {
        let low = self.opts.low_rate_limit;
        match remaining {
            Some(r) if !r.is_nan() && r < low && low > 0.0 => {
                let fallen = if low.is_finite() { ((low - r) / low).clamp(0.0, 1.0) } else { 1.0 };
                let stretched = delay as f64 * (1.0 + 3.0 * fallen);
                if stretched >= u64::MAX as f64 {
                    u64::MAX
                } else {
                    stretched as u64
                }
            }
            _ => delay,
        }
    }

    /// `min_interval_ms` plus `ramp` × the job's age, within the interval bounds.
    fn base_interval(&self, now: u64) -> u64 {
        let age = now.saturating_sub(self.started_at) as f64;
        let grown = self.opts.min_interval_ms as f64 + age * self.opts.ramp;
        (grown as u64).clamp(self.opts.min_interval_ms, self.opts.max_interval_ms.max(self.opts.min_interval_ms))
    }
}

/// `total` milliseconds minus the `elapsed` ones, within 0 and a day (`total` may be any float).
fn remaining_ms(total: f64, elapsed: u64) -> u64 {
    let remaining = total - elapsed as f64;
    if remaining > 0.0 {
        remaining.min(8.64e7) as u64
    } else {
        0 // also NaN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn running(percent: f64) -> Snapshot {
        Snapshot {
            state: ProgressState::Running,
            percent: Some(percent),
            message: None,
            main: None,
            secondary: vec![],
            updated_at: None,
            user_id: None,
        }
    }

    fn gap(next: Next) -> u64 {
        match next {
            Next::PollIn(ms) => ms,
            other => panic!("expected another poll, got {other:?}"),
        }
    }

    /// Feeds `answers` (time, completion) to a default policy; returns it and the last gap.
    fn fed(answers: &[(u64, f64)]) -> (PollPolicy, u64) {
        let mut p = PollPolicy::new(PollOptions::default(), 0);
        let mut last = 0;
        for (t, percent) in answers {
            last = gap(p.on_snapshot(*t, &running(*percent), None));
        }
        (p, last)
    }

    #[test]
    fn a_lumpy_prediction_that_moves_is_checked_after_an_eighth_of_its_time_left() {
        // A bar that jumps (0, 0, 50, 50): the line through it (2 % a second, samples 11
        // points off it) puts the end 25 s away. The end it predicted at 20 s was 40 s, so the
        // prediction moved; this was the 2 s blind cap, as if nothing predicted the end.
        let (p, g) = fed(&[(0, 0.0), (10_000, 0.0), (20_000, 50.0), (30_000, 50.0)]);
        assert_eq!(p.eta_ms(30_000), Some(25_000));
        assert_eq!(p.smooth(), Some(false), "lumpy");
        assert_eq!(g, 3_125, "an eighth of 25 s, between the 2 s cap and the 8 s age-based gap");
    }

    /// Jumps of 20 points every 20 s, polled every 10 s, then 2 points.
    const STEPPED: [(u64, f64); 9] = [
        (0, 0.0),
        (10_000, 10.0),
        (20_000, 10.0),
        (30_000, 30.0),
        (40_000, 30.0),
        (50_000, 50.0),
        (60_000, 50.0),
        (62_000, 50.0),
        (64_000, 52.0),
    ];

    #[test]
    fn a_steady_lumpy_prediction_is_checked_sooner_than_the_age_based_gap() {
        // STEPPED: the end predicted at
        // 64 s (120.8 s) is within 1 s of the one before (120.1 s), so it is steady. A lumpy
        // bar may reach its end at any jump: an eighth of the 56.8 s left, not the 8 s
        // age-based gap that was followed before (which showed such ends up to 8 s late).
        let (p, g) = fed(&STEPPED);
        assert_eq!(p.eta_ms(64_000), Some(56_791));
        assert_eq!(p.predicted_end.map(|end| end.abs_diff(62_000 + 58_113)), Some(678));
        assert_eq!(g, 7_098);
    }

    #[test]
    fn a_lumpy_prediction_is_never_aimed_at() {
        // The same bar, later: a steady prediction 6.6 s away. A smooth one would be polled
        // 150 ms after its end (6 756 ms), and a miss there would stop every later
        // prediction; a lumpy one is checked at the blind cap and nothing counts as missed.
        let answers = [&STEPPED[..], &[(100_000, 90.0), (102_000, 92.0), (104_000, 94.0)]].concat();
        let (mut p, g) = fed(&answers);
        assert_eq!(p.eta_ms(104_000), Some(6_606));
        assert!(p.predicted_end.is_some_and(|end| end.abs_diff(110_888) <= 1_000), "steady");
        assert_eq!(g, 2_000);
        gap(p.on_snapshot(106_000, &running(94.0), None));
        assert_eq!(p.eta_misses, 0);
    }

    #[test]
    fn a_smooth_steady_prediction_is_still_aimed_at() {
        // The lumpy rule leaves smooth bars alone: 1 % a second, 3 s before the end, polled
        // 150 ms after it.
        let (p, g) = fed(&[(0, 0.0), (10_000, 10.0), (20_000, 20.0), (97_000, 97.0)]);
        assert_eq!(p.smooth(), Some(true));
        assert!(p.pending_eta_poll);
        assert_eq!(g, 3_150);
    }
}
