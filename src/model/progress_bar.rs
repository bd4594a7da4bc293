//! What the progress bar shows, decided here rather than in its `view!` so it is tested
//! natively: its CSS class, status and detail lines, fault text and announcements. The
//! report card shows its report through the same bar, so it uses these too.
//!
//! Numbers and times are formatted by the browser (`Intl`): functions that show one take
//! the formatter as an argument.

use super::{Measure, ProgressState, Snapshot};

/// The CSS modifier for a state: `running`, `waiting-for-progress`…; an unknown state is
/// `unknown`, so a server cannot invent class names.
pub fn state_modifier(state: &ProgressState) -> String {
    match state {
        ProgressState::Unknown(_) => "unknown".to_owned(),
        st => st.as_str().replace('_', "-"),
    }
}

/// The bar's classes: `lmsw-progress lmsw-progress--<modifier>`.
pub fn progress_class(modifier: &str) -> String {
    format!("lmsw-progress lmsw-progress--{modifier}")
}

/// The progress bar's modifier: `error` once polling stopped on a fault (a fault being
/// retried keeps the last state), else the job's state, else `loading`.
pub fn bar_modifier(snapshot: Option<&Snapshot>, fault: bool, retrying: bool) -> String {
    match snapshot {
        _ if fault && !retrying => "error".to_owned(),
        Some(s) => state_modifier(&s.state),
        None => "loading".to_owned(),
    }
}

/// The status line: "Running · 17 courses processed · done in 2 minutes". A Canvas job that
/// has not reported yet says "Waiting for progress"; the estimate (`eta_ms`, shown through
/// `relative`) only while the job runs and when it is at least a second.
pub fn progress_status(s: &Snapshot, eta_ms: Option<u64>, relative: impl Fn(f64) -> String) -> String {
    let mut parts = vec![s.state.label()];
    if s.state == ProgressState::Queued && s.main.is_none() && s.message.as_deref() == Some("Waiting for progress") {
        parts = vec!["Waiting for progress".to_owned()];
    } else if let Some(m) = &s.message {
        parts.push(m.clone());
    }
    if !s.is_terminal() {
        if let Some(eta) = eta_ms.filter(|e| *e >= 1000) {
            parts.push(format!("done {}", relative(eta as f64)));
        }
    }
    parts.join(" · ")
}

/// The lines under the status: each amount (main first) as "Label: amount", the amount
/// written by `amount`.
pub fn detail_lines(s: &Snapshot, amount: impl Fn(&Measure) -> String) -> Vec<String> {
    s.main.iter().chain(&s.secondary).map(|m| format!("{}: {}", m.label, amount(m))).collect()
}

/// A fault's sentence, with when polling retries by itself ("… Retrying in 8 seconds."),
/// `relative` writing the delay.
pub fn retry_message(message: &str, retry_in: Option<u64>, relative: impl Fn(f64) -> String) -> String {
    match retry_in {
        Some(ms) => format!("{message} Retrying {}.", relative(ms as f64)),
        None => message.to_owned(),
    }
}

/// What the live region says for an answer it announces: the value text, and a finished
/// job's message.
pub fn progress_announcement(s: &Snapshot) -> String {
    match &s.message {
        Some(m) if s.is_terminal() => format!("{}. {m}", s.value_text()),
        _ => s.value_text(),
    }
}

/// Whether to offer "Cancel": asked for, the URL is a Canvas Progress (which has a cancel
/// endpoint), and the job runs and has an owner (only its owner may cancel it).
pub fn offers_cancel(cancelable: bool, cancel_url_known: bool, snapshot: Option<&Snapshot>) -> bool {
    cancelable && cancel_url_known && snapshot.is_some_and(|s| !s.is_terminal() && s.user_id.is_some())
}

/// A percent (0..=100) with one decimal, "45.0", for the `<progress>` `value`: exactly what
/// `format!("{p:.1}")` writes (the nearest tenth of the exact value, ties to even; checked
/// against it on 14 million values, near-ties included), without pulling Rust's float
/// formatting into the wasm. The model clamps percents; anything else is clamped here (NaN
/// to 0).
pub fn one_decimal(p: f64) -> String {
    let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 100.0) };
    // p * 10 exactly, as hi + lo: p * 8 and p * 2 are exact, TwoSum keeps their sum's error.
    let (a, b) = (p * 8.0, p * 2.0);
    let hi = a + b;
    let bv = hi - a;
    let lo = (a - (hi - bv)) + (b - bv);
    // hi + lo to the nearest integer, ties to even. `round` took hi's half up: step back when
    // the exact value is below that half, or exactly on it with an odd result.
    let mut t = hi.round();
    if hi - t == -0.5 && lo <= 0.0 && (lo < 0.0 || t % 2.0 != 0.0) {
        t -= 1.0;
    }
    let tenths = t as u32;
    let mut out = String::with_capacity(5);
    super::push_decimal(&mut out, u64::from(tenths / 10));
    out.push('.');
    out.push(char::from(b'0' + (tenths % 10) as u8));
    out
}
