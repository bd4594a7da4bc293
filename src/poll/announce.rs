//! When the live region speaks: throttled, with the final state announced at once.

/// Decides which updates a polite live region announces: at most every `min_gap_ms`
/// (or sooner after a `min_step` percent move), and a terminal state immediately.
#[derive(Clone, Debug)]
pub struct Announcer {
    min_gap_ms: u64,
    min_step: f64,
    last_at: Option<u64>,
    last_percent: Option<f64>,
    last_state: Option<String>,
}

impl Default for Announcer {
    fn default() -> Self {
        Announcer::new(5000, 10.0)
    }
}

impl Announcer {
    /// An announcer with the given gap and step.
    pub fn new(min_gap_ms: u64, min_step: f64) -> Self {
        Announcer { min_gap_ms, min_step, last_at: None, last_percent: None, last_state: None }
    }

    /// Whether to announce this update: a new terminal state at once; a move of
    /// `min_step` percent if 1.5 s have passed; any change once `min_gap_ms` have passed.
    pub fn should_announce(&mut self, now: u64, percent: Option<f64>, state: &str, terminal: bool) -> bool {
        let state_changed = self.last_state.as_deref() != Some(state);
        let (big_step, changed) = match (percent, self.last_percent) {
            (Some(p), Some(q)) => ((p - q).abs() >= self.min_step, (p - q).abs() >= 1.0),
            (Some(_), None) | (None, Some(_)) => (true, true),
            (None, None) => (false, false),
        };
        let since = self.last_at.map(|t| now.saturating_sub(t));
        let speak = (terminal && state_changed)
            || since.is_none()
            || (big_step && since.is_some_and(|s| s >= 1500))
            || ((changed || state_changed) && since.is_some_and(|s| s >= self.min_gap_ms));
        if speak {
            self.last_at = Some(now);
            self.last_percent = percent;
            self.last_state = Some(state.to_owned());
        }
        speak
    }
}
