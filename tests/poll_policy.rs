//! `PollPolicy` on a virtual clock: intervals that grow with a job's age, the ETA shortcut
//! near a steadily predicted end, the cap on gaps while nothing predicts the end (and the
//! age after which it lifts), backoff on transient faults, giving up on fatal ones, the
//! graded rate-limit brake, stall detection, and arithmetic that survives any clock value.
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::model::{ProgressState, Snapshot};
use lms_widgets::poll::{Next, PollOptions, PollPolicy};
use lms_widgets::Error;

fn snap(state: ProgressState, percent: Option<f64>) -> Snapshot {
    Snapshot { state, percent, message: None, main: None, secondary: vec![], updated_at: None, user_id: None }
}

fn running(percent: Option<f64>) -> Snapshot {
    snap(ProgressState::Running, percent)
}

fn policy_at(now: u64) -> PollPolicy {
    PollPolicy::new(PollOptions::default(), now)
}

fn gap(next: Next) -> u64 {
    match next {
        Next::PollIn(ms) => ms,
        other => panic!("expected another poll, got {other:?}"),
    }
}

fn transient_faults() -> Vec<Error> {
    vec![
        Error::Network("connection reset".into()),
        Error::Offline,
        Error::Server { status: 502 },
        Error::Throttled { retry_after_ms: None },
        Error::BadResponse("the answer was empty".into()),
        Error::Http { status: 302 },
    ]
}

#[test]
fn default_options_match_their_documented_defaults() {
    // Every option's doc comment ends "Defaults to `…`."; the numbers must be the real ones.
    let source = include_str!("../src/poll/policy.rs");
    let d = PollOptions::default();
    let fields: &[(&str, f64)] = &[
        ("min_interval_ms", d.min_interval_ms as f64),
        ("max_interval_ms", d.max_interval_ms as f64),
        ("ramp", d.ramp),
        ("backoff_initial_ms", d.backoff_initial_ms as f64),
        ("backoff_max_ms", d.backoff_max_ms as f64),
        ("max_consecutive_errors", d.max_consecutive_errors as f64),
        ("stall_after_ms", d.stall_after_ms as f64),
        ("max_blind_interval_ms", d.max_blind_interval_ms as f64),
        ("blind_horizon_ms", d.blind_horizon_ms as f64),
        ("low_rate_limit", d.low_rate_limit),
        ("max_steady_interval_ms", d.max_steady_interval_ms as f64),
        ("eta_check_fraction", d.eta_check_fraction),
        ("eta_margin_ms", d.eta_margin_ms as f64),
    ];
    for (field, value) in fields {
        let decl = format!("pub {field}:");
        let at = source.find(&decl).unwrap_or_else(|| panic!("{field} is declared"));
        let docs = &source[..at];
        let docs = &docs[docs.rfind(",\n").map_or(0, |i| i + 2)..];
        let documented = docs
            .split("Defaults to `")
            .nth(1)
            .and_then(|rest| rest.split('`').next())
            .unwrap_or_else(|| panic!("{field} documents its default"));
        let documented: f64 = documented.replace('_', "").parse().unwrap_or_else(|e| panic!("{field}: {e}"));
        assert_eq!(documented, *value, "{field}'s doc comment and Default disagree");
    }
}

#[test]
fn the_first_answer_polls_again_after_the_minimum_gap() {
    for start in [0, 1_700_000_000_000, u64::MAX / 2] {
        for s in [
            running(Some(10.0)),
            running(None),
            snap(ProgressState::Queued, None),
            snap(ProgressState::WaitingForExternalTool, Some(50.0)),
            snap(ProgressState::Unknown("paused".into()), None),
        ] {
            let mut p = policy_at(start);
            assert_eq!(p.on_snapshot(start, &s, None), Next::PollIn(1_000), "{s:?} at {start}");
        }
    }
}

#[test]
fn gaps_grow_with_the_job_s_age_up_to_the_maximum() {
    // (age in ms, gap): 1 s + 30 % of the age, at most 8 s. A zero horizon lifts the blind
    // cap from the start, so the age alone sets the gap.
    let cases: &[(u64, u64)] = &[
        (0, 1_000),
        (1_000, 1_300),
        (5_000, 2_500),
        (10_000, 4_000),
        (20_000, 7_000),
        (23_333, 7_999),
        (23_334, 8_000),
        (60_000, 8_000),
        (600_000, 8_000),
        (86_400_000, 8_000),
    ];
    let start = 1_000_000;
    let mut p = PollPolicy::new(PollOptions { blind_horizon_ms: 0, ..PollOptions::default() }, start);
    for (age, want) in cases {
        assert_eq!(p.on_snapshot(start + age, &running(None), None), Next::PollIn(*want), "age {age}");
    }
}

#[test]
fn a_job_with_nothing_to_predict_from_waits_at_most_two_seconds_until_it_is_150_s_old() {
    // (age in ms, gap) with the defaults: the age-based gap (1 s + 30 % of the age), capped
    // at 2 s while the job is younger than 150 s, then up to the normal 8 s.
    let cases: &[(u64, u64)] = &[
        (0, 1_000),
        (1_000, 1_300),
        (3_333, 1_999),
        (3_334, 2_000),
        (10_000, 2_000),
        (60_000, 2_000),
        (149_999, 2_000),
        (150_000, 8_000),
        (600_000, 8_000),
        (86_400_000, 8_000),
    ];
    for s in [running(None), snap(ProgressState::Queued, None), running(Some(40.0))] {
        // The same answer again and again: no completion, or one that never moves.
        let start = 1_000_000;
        let mut p = policy_at(start);
        for (age, want) in cases {
            assert_eq!(p.on_snapshot(start + age, &s, None), Next::PollIn(*want), "{s:?} at age {age}");
        }
    }
}

#[test]
fn the_blind_cap_and_its_horizon_follow_their_options() {
    // (max_blind_interval_ms, blind_horizon_ms, age, gap); min 1 s, max 8 s, ramp 0.3.
    let cases: &[(u64, u64, u64, u64)] = &[
        (5_000, 60_000, 30_000, 5_000),
        (5_000, 60_000, 59_999, 5_000),
        (5_000, 60_000, 60_000, 8_000),
        // A cap below the minimum gap: the minimum wins.
        (500, 60_000, 30_000, 1_000),
        (0, u64::MAX, 600_000, 1_000),
        // A cap above the maximum changes nothing.
        (u64::MAX, u64::MAX, 600_000, 8_000),
        // No horizon: no cap, even at the start.
        (2_000, 0, 0, 1_000),
        (2_000, 0, 30_000, 8_000),
    ];
    for (blind, horizon, age, want) in cases {
        let opts = PollOptions { max_blind_interval_ms: *blind, blind_horizon_ms: *horizon, ..PollOptions::default() };
        let mut p = PollPolicy::new(opts, 0);
        assert_eq!(
            p.on_snapshot(*age, &running(None), None),
            Next::PollIn(*want),
            "cap {blind} until {horizon}, age {age}"
        );
    }
}

#[test]
fn gaps_respect_custom_bounds_and_ramps() {
    // (min, max, ramp, age, gap)
    let cases: &[(u64, u64, f64, u64, u64)] = &[
        (1_000, 1_000, 0.5, 60_000, 1_000),
        (1_000, 60_000, 0.0, 600_000, 1_000),
        (250, 4_000, 1.0, 2_000, 2_250),
        // A max below the min: the min wins.
        (2_000, 1_000, 0.1, 600_000, 2_000),
        // Nonsense ramps fall back to the bounds instead of panicking.
        (500, 8_000, -1.0, 60_000, 500),
        (500, 8_000, f64::NAN, 60_000, 500),
        (500, 8_000, f64::INFINITY, 60_000, 8_000),
        (500, 8_000, f64::MAX, 60_000, 8_000),
    ];
    for (min, max, ramp, age, want) in cases {
        // No blind cap (zero horizon): these cases are about the age-based gap alone.
        let opts = PollOptions {
            min_interval_ms: *min,
            max_interval_ms: *max,
            ramp: *ramp,
            blind_horizon_ms: 0,
            ..PollOptions::default()
        };
        let mut p = PollPolicy::new(opts.clone(), 0);
        if !ramp.is_nan() {
            assert_eq!(p.options(), &opts);
        }
        assert_eq!(
            p.on_snapshot(*age, &running(None), None),
            Next::PollIn(*want),
            "{min}..{max} ramp {ramp} age {age}"
        );
    }
}

#[test]
fn terminal_states_end_polling_at_once() {
    for state in [ProgressState::Completed, ProgressState::Failed, ProgressState::Canceled] {
        for percent in [None, Some(0.0), Some(40.0), Some(100.0)] {
            // On the very first answer…
            let mut p = policy_at(0);
            assert_eq!(p.on_snapshot(0, &snap(state.clone(), percent), None), Next::Done, "{state:?} {percent:?}");
            // …and after a long run with faults in between.
            let mut p = policy_at(0);
            for t in (0..600_000).step_by(7_000) {
                gap(p.on_snapshot(t, &running(Some(t as f64 / 10_000.0)), None));
            }
            gap(p.on_error(&Error::Server { status: 503 }, 0.5));
            assert_eq!(p.on_snapshot(700_000, &snap(state.clone(), percent), Some(0.0)), Next::Done, "{state:?}");
        }
    }
}

#[test]
fn pending_and_unknown_states_keep_polling() {
    for state in [
        ProgressState::Queued,
        ProgressState::Running,
        ProgressState::WaitingForExternalTool,
        ProgressState::Unknown("paused_by_admin".into()),
        ProgressState::Unknown("Completed".into()),
    ] {
        let mut p = policy_at(0);
        for t in [0, 10_000, 100_000, 1_000_000] {
            assert!(matches!(p.on_snapshot(t, &snap(state.clone(), Some(100.0)), None), Next::PollIn(_)), "{state:?}");
        }
    }
}

#[test]
fn a_steady_eta_shortens_the_gap_to_just_after_the_predicted_end() {
    // A job moving 1 % a second, with the check-in far from the end turned off: the normal
    // gap until the predicted end is sooner.
    let mut p = PollPolicy::new(PollOptions { eta_check_fraction: 0.0, ..PollOptions::default() }, 0);
    assert_eq!(p.on_snapshot(0, &running(Some(0.0)), None), Next::PollIn(1_000));
    // A first prediction (the end at 100 s) is not followed yet: the blind cap applies.
    assert_eq!(p.on_snapshot(10_000, &running(Some(10.0)), None), Next::PollIn(2_000), "one prediction");
    assert_eq!(p.eta_ms(10_000), Some(90_000));
    // The same end predicted again: no cap, and 88 s left is further than the age-based gap.
    assert_eq!(p.on_snapshot(12_000, &running(Some(12.0)), None), Next::PollIn(4_600), "88 s left: no shortcut");
    // 3 s before the end, the age-based gap is at its 8 s maximum: poll 150 ms after the end instead.
    assert_eq!(p.on_snapshot(97_000, &running(Some(97.0)), None), Next::PollIn(3_150));
    assert_eq!(p.eta_ms(97_000), Some(3_000));
    assert_eq!(p.eta_ms(99_000), Some(1_000), "the ETA counts down between answers");
    assert_eq!(p.eta_ms(200_000), Some(0), "and stops at zero");
    assert_eq!(p.on_snapshot(100_150, &snap(ProgressState::Completed, Some(100.0)), None), Next::Done);
}

#[test]
fn the_poll_at_the_predicted_end_follows_eta_margin_ms() {
    // (margin, gap) when 3 s are left of a job moving 1 % a second.
    for (margin, want) in [(0, 3_000), (150, 3_150), (1_000, 4_000), (u64::MAX, 8_000)] {
        let opts = PollOptions { eta_check_fraction: 0.0, eta_margin_ms: margin, ..PollOptions::default() };
        let mut p = PollPolicy::new(opts, 0);
        gap(p.on_snapshot(0, &running(Some(0.0)), None));
        gap(p.on_snapshot(10_000, &running(Some(10.0)), None));
        assert_eq!(p.on_snapshot(97_000, &running(Some(97.0)), None), Next::PollIn(want), "margin {margin}");
    }
}

#[test]
fn a_smooth_steady_completion_far_from_its_end_is_checked_after_a_fraction_of_the_time_left() {
    // A job moving 1 % a second (on a line: smooth). The next poll after a steady prediction
    // checks it after 80 % of the time left instead of every 8 s (here without the default's
    // 60 s bound, which `a_steady_bar_shows_a_new_value_at_least_every_minute` pins)…
    let mut p = PollPolicy::new(PollOptions { max_steady_interval_ms: 300_000, ..PollOptions::default() }, 0);
    gap(p.on_snapshot(0, &running(Some(0.0)), None));
    assert_eq!(p.on_snapshot(10_000, &running(Some(10.0)), None), Next::PollIn(2_000), "one prediction");
    assert_eq!(p.on_snapshot(12_000, &running(Some(12.0)), None), Next::PollIn(70_400), "80 % of 88 s");
    // (14 080 ms, give or take a millisecond of float rounding in the fitted line)
    let check = gap(p.on_snapshot(82_400, &running(Some(82.4)), None));
    assert!(check.abs_diff(14_080) <= 1, "80 % of 17.6 s: {check}");
    // …until the end is sooner than the next check: then just after the end.
    let now = 82_400 + check;
    let end = gap(p.on_snapshot(now, &running(Some(now as f64 / 1_000.0)), None));
    assert!(end.abs_diff(100_150 - now) <= 1, "150 ms after the end: {end} at {now}");

    // (eta_check_fraction, max_steady_interval_ms, gap at 12 s, 88 s before the end)
    let cases: &[(f64, u64, u64)] = &[
        (0.5, 300_000, 44_000),
        (0.8, 30_000, 30_000),
        // Never shorter than the age-based gap (4.6 s at 12 s), never past the end.
        (0.01, 300_000, 4_600),
        (0.0, 300_000, 4_600),
        (-1.0, 300_000, 4_600),
        (f64::NAN, 300_000, 4_600),
        (1.0, 300_000, 88_150),
        (f64::INFINITY, u64::MAX, 88_150),
    ];
    for (fraction, longest, want) in cases {
        let opts =
            PollOptions { eta_check_fraction: *fraction, max_steady_interval_ms: *longest, ..PollOptions::default() };
        let mut p = PollPolicy::new(opts, 0);
        gap(p.on_snapshot(0, &running(Some(0.0)), None));
        gap(p.on_snapshot(10_000, &running(Some(10.0)), None));
        assert_eq!(p.on_snapshot(12_000, &running(Some(12.0)), None), Next::PollIn(*want), "{fraction} {longest}");
    }
}

#[test]
fn a_lumpy_completion_is_not_trusted_for_long_gaps() {
    // Three answers whose completions do not lie on a line (10 points off): the prediction is
    // steady, but neither the check-in after 80 % of the time left nor the age-based gap
    // applies: a lumpy bar is checked after an eighth of the time its line predicts is left.
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &running(Some(0.0)), None));
    gap(p.on_snapshot(10_000, &running(Some(20.0)), None)); // the end at 50 s
    gap(p.on_snapshot(12_000, &running(Some(12.0)), None)); // at 8 s
                                                            // The end at 70 s by the line through all three: steady with the one before (the line
                                                            // through the first two), 58 s away, far beyond the 4.6 s age-based gap.
    let eta = p.eta_ms(14_000).expect("a rising line");
    gap(p.on_snapshot(14_000, &running(Some(25.0)), None));
    let later = p.eta_ms(16_000).expect("a rising line");
    assert!(eta > 30_000 && later > 30_000, "{eta} {later}");
    assert_eq!(p.on_snapshot(16_000, &running(Some(28.0)), None), Next::PollIn(5_413), "an eighth of 43.3 s");
    assert_eq!(p.eta_ms(16_000), Some(43_311));
}

#[test]
fn an_eta_aimed_poll_may_come_sooner_than_the_minimum_gap_but_not_below_a_quarter_of_it() {
    // The poll at the predicted end replaces a later one, so it may undercut the 1 s minimum.
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &running(Some(0.0)), None));
    gap(p.on_snapshot(5_000, &running(Some(50.0)), None));
    // 90 % after 9 s, the same end (10 s) as predicted at 5 s: 1 s left, plus the 150 ms margin.
    assert_eq!(p.on_snapshot(9_000, &running(Some(90.0)), None), Next::PollIn(1_150));
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &running(Some(0.0)), None));
    gap(p.on_snapshot(5_000, &running(Some(50.0)), None));
    // 95 % after 9.5 s: 500 ms left, plus the margin, sooner than the 1 s minimum.
    assert_eq!(p.on_snapshot(9_500, &running(Some(95.0)), None), Next::PollIn(650));
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &running(Some(0.0)), None));
    gap(p.on_snapshot(5_000, &running(Some(49.95)), None));
    // 99.9 % after 10 s: 10 ms left, plus the margin: a quarter of the minimum is the floor.
    assert_eq!(p.on_snapshot(10_000, &running(Some(99.9)), None), Next::PollIn(250));
}

#[test]
fn a_steady_bar_shows_a_new_value_at_least_every_minute() {
    // A 10-minute job moving steadily: the check-in after 80 % of the time left would be
    // nearly 8 minutes of a still bar; the default bounds it at 60 s, then checks again.
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &running(Some(0.0)), None));
    gap(p.on_snapshot(6_000, &running(Some(1.0)), None));
    assert_eq!(p.on_snapshot(12_000, &running(Some(2.0)), None), Next::PollIn(60_000));
    assert_eq!(p.on_snapshot(72_000, &running(Some(12.0)), None), Next::PollIn(60_000));
}

#[test]
fn a_prediction_that_missed_once_is_not_followed_again() {
    // Linear to 99 %, then stuck there (Canvas jobs often finish their last percent slowly).
    // (Check-ins far from the end up to 300 s, so that one check-in reaches the end.)
    let mut p = PollPolicy::new(PollOptions { max_steady_interval_ms: 300_000, ..PollOptions::default() }, 0);
    assert_eq!(p.on_snapshot(0, &running(Some(0.0)), None), Next::PollIn(1_000));
    assert_eq!(p.on_snapshot(10_000, &running(Some(10.0)), None), Next::PollIn(2_000));
    assert_eq!(p.on_snapshot(20_000, &running(Some(20.0)), None), Next::PollIn(64_000), "a smooth 80 s");
    // Steady at 1 % a second: poll 150 ms after the predicted end at 100 s.
    assert_eq!(p.on_snapshot(98_000, &running(Some(98.0)), None), Next::PollIn(2_150));
    // Still running there: the ETA (a few seconds at the measured rate) is no longer
    // followed, and the blind cap holds the gap at 2 s until the job is 150 s old…
    let mut now = 100_150;
    let mut gaps = Vec::new();
    while now < 150_000 {
        let g = gap(p.on_snapshot(now, &running(Some(99.0)), None));
        assert!(p.eta_ms(now).is_some_and(|eta| eta < g * 10), "a near ETA at {now}: {:?}", p.eta_ms(now));
        gaps.push(g);
        now += g;
    }
    assert_eq!(gaps, vec![2_000; 25]);
    // …then the normal gap applies.
    assert_eq!(now, 150_150);
    assert_eq!(p.on_snapshot(now, &running(Some(99.0)), None), Next::PollIn(8_000));
}

#[test]
fn a_prediction_that_jumps_is_not_followed_until_it_settles() {
    // A completion that jumps from section to section; the check-in far from the end is
    // off, so the age-based gap shows which predictions are followed. Once the samples are
    // lumpy (far from their line), steady or not, the bar is checked after an eighth of the
    // time left (within the 2 s blind cap and the age-based gap).
    // (now, percent, gap)
    let steps: &[(u64, f64, u64)] = &[
        (0, 0.0, 1_000),
        (10_000, 10.0, 2_000), // a first prediction: the end at 100 s
        (20_000, 20.0, 7_000), // the same end again: followed (the age-based gap is sooner)
        // A jump: the line through the four moves the end to 56.3 s; the samples are lumpy:
        // an eighth of the 29.3 s left.
        (27_000, 50.0, 3_668),
        // No movement: the line through the five puts the end at 56.8 s, within 1 s of the
        // last prediction, but lumpy: an eighth of the 27.8 s left, not the 8 s age-based gap.
        (29_000, 50.0, 3_470),
    ];
    let mut p = PollPolicy::new(PollOptions { eta_check_fraction: 0.0, ..PollOptions::default() }, 0);
    for (now, percent, want) in steps {
        assert_eq!(p.on_snapshot(*now, &running(Some(*percent)), None), Next::PollIn(*want), "at {now}");
    }
}

#[test]
fn a_prediction_within_one_second_of_the_last_one_is_steady() {
    // The previous answer predicted the end at 10 s (50 % at 5 s from 0 % at 0 s); 3–5 s
    // are left, so the tolerance is 1 s (a tenth of the time left is less). The answer at
    // 6 s predicts another end, from the line through the three; 1 s + 30 % of 6 s = 2.8 s
    // if steady and smooth (59–61 %: the three lie within half a point of their line; the end
    // itself is further), the 2 s blind cap if not steady. A lumpy answer is checked after an
    // eighth of its time left, here always under the 2 s cap, steady or not. The check-in far
    // from the end is off, so the age-based gap shows it.
    let mut seen = (false, false);
    for percent in [52.0, 53.0, 54.0, 55.0, 56.0, 58.0, 59.0, 60.0, 61.0, 62.0, 64.0, 66.0, 68.0] {
        let mut p = PollPolicy::new(PollOptions { eta_check_fraction: 0.0, ..PollOptions::default() }, 0);
        gap(p.on_snapshot(0, &running(Some(0.0)), None));
        assert_eq!(p.on_snapshot(5_000, &running(Some(50.0)), None), Next::PollIn(2_000));
        let g = gap(p.on_snapshot(6_000, &running(Some(percent)), None));
        let end = 6_000 + p.eta_ms(6_000).expect("a rising line");
        let steady = end.abs_diff(10_000) <= 1_000;
        let smooth = (59.0..=61.0).contains(&percent);
        assert_eq!(g, if steady && smooth { 2_800 } else { 2_000 }, "{percent} % at 6 s: the end at {end}");
        seen = (seen.0 || steady, seen.1 || !steady);
    }
    assert_eq!(seen, (true, true), "both kinds of answer were tried");
}

#[test]
fn queued_answers_are_not_completion_samples() {
    // Canvas reports a queued job at 0 %: that is waiting, not progress. The rate is measured
    // from the running answers only: 10 % at 30 s, 20 % at 40 s is 1 % a second.
    let mut p = policy_at(0);
    for t in [0, 10_000, 20_000] {
        gap(p.on_snapshot(t, &snap(ProgressState::Queued, Some(0.0)), None));
        assert_eq!(p.eta_ms(t), None, "queued at {t}");
    }
    gap(p.on_snapshot(30_000, &running(Some(10.0)), None));
    gap(p.on_snapshot(40_000, &running(Some(20.0)), None));
    assert_eq!(p.eta_ms(40_000), Some(80_000));
}

#[test]
fn the_rate_is_fitted_to_the_latest_answers() {
    // 0.2 % a second for 100 answers, then 1 % a second for 48: the line through the latest
    // 48 answers predicts the end at the new pace (the line through all would be far later).
    let mut p = PollPolicy::new(PollOptions { eta_check_fraction: 0.0, ..PollOptions::default() }, 0);
    let mut t = 0;
    let mut percent = 0.0;
    for _ in 0..100 {
        gap(p.on_snapshot(t, &running(Some(percent)), None));
        t += 1_000;
        percent += 0.2;
    }
    for _ in 0..48 {
        gap(p.on_snapshot(t, &running(Some(percent)), None));
        t += 1_000;
        percent += 1.0;
    }
    let (now, last) = (t - 1_000, percent - 1.0);
    let eta = p.eta_ms(now).expect("moving");
    let want = ((100.0 - last) * 1_000.0) as u64;
    assert!(eta.abs_diff(want) <= 1, "{eta} ms left at 1 % a second from {last} %, not {want}");
}

#[test]
fn the_first_completion_after_none_bounds_the_end() {
    // Queued at 0 s, 80 % at 1 s: the job started since 0 s, so it moves at least 80 % a
    // second and ends within 250 ms. The next poll goes 150 ms after that, before the 1.3 s
    // blind gap.
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &snap(ProgressState::Queued, Some(0.0)), None));
    assert_eq!(p.on_snapshot(1_000, &running(Some(80.0)), None), Next::PollIn(400));
    // The same after an answer without a completion while running.
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &running(None), None));
    assert_eq!(p.on_snapshot(1_000, &running(Some(80.0)), None), Next::PollIn(400));
    // A bound that is not sooner than the blind gap changes nothing: 10 % at 1 s ends within 9 s.
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &snap(ProgressState::Queued, Some(0.0)), None));
    assert_eq!(p.on_snapshot(1_000, &running(Some(10.0)), None), Next::PollIn(1_300));
    // No bound without an empty answer just before: 10 % then 80 % is a first prediction.
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &running(Some(10.0)), None));
    assert_eq!(p.on_snapshot(1_000, &running(Some(80.0)), None), Next::PollIn(1_300));
    // Nor after a reset (a completion below the first one) that followed a completion.
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &running(Some(60.0)), None));
    gap(p.on_snapshot(1_000, &running(Some(70.0)), None));
    assert_eq!(p.on_snapshot(2_000, &running(Some(50.0)), None), Next::PollIn(1_600));
}

#[test]
fn a_bound_that_misses_does_not_stop_later_predictions() {
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &snap(ProgressState::Queued, Some(0.0)), None));
    assert_eq!(p.on_snapshot(1_000, &running(Some(80.0)), None), Next::PollIn(400));
    // Slower than the bound: 85 % at 1.4 s. A first prediction (1.25 % per 100 ms): blind gap.
    assert_eq!(p.on_snapshot(1_400, &running(Some(85.0)), None), Next::PollIn(1_420));
    // The same pace again: a steady prediction, the end at 2.6 s, followed.
    assert_eq!(p.on_snapshot(2_000, &running(Some(92.5)), None), Next::PollIn(750));
}

#[test]
fn progress_reset_or_unknown_drops_the_eta() {
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &running(Some(10.0)), None));
    gap(p.on_snapshot(60_000, &running(Some(60.0)), None));
    assert!(p.eta_ms(60_000).is_some());
    // Back to 5 %, below where the rate was first measured (Canvas's `reset!`): the old
    // rate says nothing about the new run, so the ETA starts over from here.
    // Nothing to predict from: the blind cap.
    assert_eq!(p.on_snapshot(70_000, &running(Some(5.0)), None), Next::PollIn(2_000));
    assert_eq!(p.eta_ms(70_000), None);
    gap(p.on_snapshot(80_000, &running(Some(15.0)), None));
    assert_eq!(p.eta_ms(80_000), Some(85_000), "1 % a second since the reset");
    // A dip that stays above the first sample only slows the measured rate: the ETA gets
    // later (a conservative guess), it never polls early.
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &running(Some(10.0)), None));
    gap(p.on_snapshot(60_000, &running(Some(60.0)), None));
    let end_before = 60_000 + p.eta_ms(60_000).expect("moving");
    gap(p.on_snapshot(70_000, &running(Some(20.0)), None));
    let end_after = 70_000 + p.eta_ms(70_000).expect("still rising");
    assert!(end_after > end_before, "{end_after} > {end_before}");
    // An indeterminate answer forgets the last sample, too.
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &running(Some(10.0)), None));
    gap(p.on_snapshot(60_000, &running(Some(60.0)), None));
    assert_eq!(p.on_snapshot(61_000, &running(None), None), Next::PollIn(2_000));
    assert_eq!(p.eta_ms(61_000), None);
    // No movement, no rate.
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &running(Some(10.0)), None));
    gap(p.on_snapshot(60_000, &running(Some(10.0)), None));
    assert_eq!(p.eta_ms(60_000), None);
}

#[test]
fn fatal_faults_give_up_immediately() {
    let fatal = [
        Error::Unauthorized { message: Some("user not authorized to perform that action".into()) },
        Error::Unauthorized { message: None },
        Error::NotFound,
        Error::Rejected { status: 400, message: Some("invalid report type X".into()) },
        Error::Rejected { status: 422, message: Some("End date cannot be before start date".into()) },
        Error::LoginPage,
        Error::Forbidden { message: None },
        Error::Cloudreve { code: 40004, msg: "Task not found".into() },
        Error::InvalidOption { name: "url", reason: "empty".into() },
    ];
    for err in fatal {
        let mut p = policy_at(0);
        assert_eq!(p.on_error(&err, 0.5), Next::GiveUp(err.clone()), "first fault {err:?}");
        // Also after transient faults, and without counting towards them.
        let mut p = policy_at(0);
        gap(p.on_error(&Error::Offline, 0.5));
        assert_eq!(p.on_error(&err, 0.5), Next::GiveUp(err.clone()), "after a transient fault {err:?}");
        assert_eq!(p.consecutive_errors(), 1);
    }
}

#[test]
fn transient_faults_back_off_exponentially_within_the_jitter_bounds() {
    // (consecutive fault, gap with jitter 0, gap with jitter 1): equal jitter, so half of
    // 2 s · 2^(n-1) is fixed and half random, capped at 30 s.
    let cases: &[(u32, u64, u64)] = &[
        (1, 1_000, 2_000),
        (2, 2_000, 4_000),
        (3, 4_000, 8_000),
        (4, 8_000, 16_000),
        (5, 15_000, 30_000),
        (6, 15_000, 30_000),
        (10, 15_000, 30_000),
    ];
    for err in transient_faults() {
        let mut low = policy_at(0);
        let mut high = policy_at(0);
        let mut mid = policy_at(0);
        let mut n = 0;
        for (count, at_0, at_1) in cases {
            while n < *count {
                n += 1;
                let (l, h, m) =
                    (gap(low.on_error(&err, 0.0)), gap(high.on_error(&err, 1.0)), gap(mid.on_error(&err, 0.5)));
                if n == *count {
                    assert_eq!((l, h), (*at_0, *at_1), "fault {n} {err:?}");
                    assert!(l < m && m < h, "jitter 0.5 lies between: {l} {m} {h}");
                }
            }
            assert_eq!(low.consecutive_errors(), *count);
        }
    }
}

#[test]
fn jitter_outside_zero_to_one_is_clamped_or_centred() {
    // (jitter, first gap)
    let cases: &[(f64, u64)] = &[
        (-1.0, 1_000),
        (0.0, 1_000),
        (0.25, 1_250),
        (1.0, 2_000),
        (7.0, 2_000),
        (f64::NAN, 1_500),
        (f64::INFINITY, 1_500),
        (f64::NEG_INFINITY, 1_500),
    ];
    for (jitter, want) in cases {
        let mut p = policy_at(0);
        assert_eq!(p.on_error(&Error::Offline, *jitter), Next::PollIn(*want), "jitter {jitter}");
    }
}

#[test]
fn backoff_never_polls_faster_than_the_minimum_gap() {
    let opts = PollOptions { backoff_initial_ms: 100, min_interval_ms: 500, ..PollOptions::default() };
    let mut p = PollPolicy::new(opts, 0);
    assert_eq!(p.on_error(&Error::Offline, 0.0), Next::PollIn(500));
}

#[test]
fn retry_after_is_honoured_when_longer_than_the_backoff() {
    // (Retry-After ms, consecutive faults before, jitter, gap)
    let cases: &[(Option<u64>, u32, f64, u64)] = &[
        (Some(3_000), 0, 0.0, 3_000),
        (Some(3_000), 0, 1.0, 3_000),
        (Some(0), 0, 0.0, 1_000),
        (Some(500), 2, 1.0, 8_000),
        (Some(60_000), 0, 0.0, 60_000),
        (Some(3_600_000), 9, 0.0, 3_600_000),
        (None, 0, 0.0, 1_000),
    ];
    for (retry_after, before, jitter, want) in cases {
        let mut p = policy_at(0);
        for _ in 0..*before {
            gap(p.on_error(&Error::Server { status: 503 }, 0.0));
        }
        let err = Error::Throttled { retry_after_ms: *retry_after };
        assert_eq!(p.on_error(&err, *jitter), Next::PollIn(*want), "{retry_after:?} after {before}");
    }
}

#[test]
fn polling_gives_up_after_max_consecutive_errors_retries() {
    // (max_consecutive_errors, retries granted)
    for max in [0u32, 1, 3, 10] {
        let opts = PollOptions { max_consecutive_errors: max, ..PollOptions::default() };
        for err in transient_faults() {
            let mut p = PollPolicy::new(opts.clone(), 0);
            for n in 1..=max {
                assert!(matches!(p.on_error(&err, 0.5), Next::PollIn(_)), "fault {n} of max {max}");
            }
            assert_eq!(p.on_error(&err, 0.5), Next::GiveUp(err.clone()), "fault {} of max {max}", max + 1);
        }
    }
    assert_eq!(PollOptions::default().max_consecutive_errors, 10);
}

#[test]
fn a_success_resets_the_fault_count_and_the_backoff() {
    let mut p = policy_at(0);
    for _ in 0..9 {
        gap(p.on_error(&Error::Server { status: 500 }, 0.0));
    }
    assert_eq!(p.consecutive_errors(), 9);
    gap(p.on_snapshot(60_000, &running(Some(50.0)), None));
    assert_eq!(p.consecutive_errors(), 0);
    assert_eq!(p.on_error(&Error::Server { status: 500 }, 0.0), Next::PollIn(1_000), "back to the first step");
    // And ten more faults are tolerated again.
    for _ in 0..9 {
        gap(p.on_error(&Error::Server { status: 500 }, 0.0));
    }
    assert!(matches!(p.on_error(&Error::Server { status: 500 }, 0.0), Next::GiveUp(_)));
}

#[test]
fn a_falling_rate_limit_remaining_stretches_the_gap_gradually() {
    // (X-Rate-Limit-Remaining, age, gap): ×1 at 300 and above, growing linearly to ×4 at 0.
    let cases: &[(Option<f64>, u64, u64)] = &[
        (None, 0, 1_000),
        (Some(700.0), 0, 1_000),
        (Some(600.0), 0, 1_000),
        (Some(300.0), 0, 1_000),
        (Some(299.0), 0, 1_010),
        (Some(297.0), 0, 1_030),
        (Some(225.0), 0, 1_750),
        (Some(150.0), 0, 2_500),
        (Some(75.0), 0, 3_250),
        (Some(1.0), 0, 3_990),
        (Some(0.0), 0, 4_000),
        // The blind-capped 2 s gap of a 10 s old job, ×4.
        (Some(0.0), 10_000, 8_000),
        // The brake may exceed the normal maximum: throttling matters more than freshness.
        (Some(150.0), 600_000, 20_000),
        (Some(0.0), 600_000, 32_000),
        // Below zero, the most braking; values that are not numbers, none.
        (Some(-5.0), 0, 4_000),
        (Some(f64::NEG_INFINITY), 0, 4_000),
        (Some(f64::INFINITY), 0, 1_000),
        (Some(f64::NAN), 0, 1_000),
    ];
    for (remaining, age, want) in cases {
        let mut p = policy_at(0);
        assert_eq!(p.on_snapshot(*age, &running(None), *remaining), Next::PollIn(*want), "{remaining:?} at {age}");
    }
}

#[test]
fn the_rate_limit_brake_stretches_predicted_and_bounded_polls_too() {
    // Throttling matters more than promptness: with 150 of a 300 mark left (×2.5), the poll
    // aimed at a predicted end (3 s + 150 ms) and the one after a first completion's bound
    // (250 ms + 150 ms) are stretched like any other.
    let opts = PollOptions { eta_check_fraction: 0.0, ..PollOptions::default() };
    let mut p = PollPolicy::new(opts, 0);
    gap(p.on_snapshot(0, &running(Some(0.0)), None));
    gap(p.on_snapshot(10_000, &running(Some(10.0)), None));
    assert_eq!(p.on_snapshot(97_000, &running(Some(97.0)), Some(150.0)), Next::PollIn(7_875));
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &snap(ProgressState::Queued, Some(0.0)), None));
    assert_eq!(p.on_snapshot(1_000, &running(Some(80.0)), Some(150.0)), Next::PollIn(1_000));
}

#[test]
fn the_rate_limit_brake_follows_low_rate_limit() {
    // (low_rate_limit, X-Rate-Limit-Remaining, gap) for a first answer (1 s unbraked).
    let cases: &[(f64, f64, u64)] = &[
        (100.0, 100.0, 1_000),
        (100.0, 50.0, 2_500),
        (100.0, 0.0, 4_000),
        (1_000.0, 600.0, 2_200),
        // An infinite mark: every finite value is "far below", the most braking.
        (f64::INFINITY, 1e300, 4_000),
        (f64::INFINITY, f64::INFINITY, 1_000),
        // A zero, negative or NaN mark turns the brake off.
        (0.0, -5.0, 1_000),
        (-100.0, -500.0, 1_000),
        (f64::NAN, 0.0, 1_000),
        (f64::NEG_INFINITY, f64::NEG_INFINITY, 1_000),
    ];
    for (low, remaining, want) in cases {
        let mut p = PollPolicy::new(PollOptions { low_rate_limit: *low, ..PollOptions::default() }, 0);
        assert_eq!(p.on_snapshot(0, &running(None), Some(*remaining)), Next::PollIn(*want), "{remaining} below {low}");
    }
}

#[test]
fn a_job_that_does_not_move_for_stall_after_ms_is_stalled_until_it_moves() {
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &running(Some(10.0)), None));
    // (now, answer percent or None for "no answer, just ask", stalled)
    let steps: &[(u64, Option<f64>, bool)] = &[
        (60_000, Some(10.0), false),
        (119_999, Some(10.0), false),
        (120_000, Some(10.0), true),
        (200_000, None, true),
        (210_000, Some(10.004), true), // below the key's 0.01 % resolution: not movement
        (220_000, Some(11.0), false),
        (339_999, None, false),
        (340_000, None, true),
    ];
    for (now, percent, stalled) in steps {
        if let Some(pct) = percent {
            gap(p.on_snapshot(*now, &running(Some(*pct)), None));
        }
        assert_eq!(p.is_stalled(*now), *stalled, "at {now}");
    }
}

#[test]
fn state_or_updated_at_changes_count_as_movement() {
    let mut base = running(None);
    base.updated_at = Some("2026-01-05T10:00:00Z".into());
    let mut touched = base.clone();
    touched.updated_at = Some("2026-01-05T10:02:00Z".into());
    let waiting = Snapshot { state: ProgressState::WaitingForExternalTool, ..base.clone() };
    for moved in [touched, waiting] {
        let mut p = policy_at(0);
        gap(p.on_snapshot(0, &base, None));
        gap(p.on_snapshot(150_000, &moved, None));
        assert!(!p.is_stalled(150_000), "{moved:?}");
        assert!(p.is_stalled(270_000), "{moved:?}");
    }
}

#[test]
fn faults_do_not_count_as_movement() {
    let mut p = policy_at(0);
    gap(p.on_snapshot(0, &running(Some(10.0)), None));
    gap(p.on_error(&Error::Offline, 0.5));
    assert!(p.is_stalled(120_000));
}

#[test]
fn a_policy_that_never_got_an_answer_counts_from_its_start() {
    let p = policy_at(5_000);
    assert!(!p.is_stalled(124_999));
    assert!(p.is_stalled(125_000));
    assert!(!p.is_stalled(0), "a clock before the start is not a stall");
    assert_eq!(p.eta_ms(5_000), None);
    assert_eq!(p.consecutive_errors(), 0);
}

#[test]
fn huge_and_backwards_clocks_do_not_overflow() {
    let starts = [0, u64::MAX / 2, u64::MAX - 1_000_000, u64::MAX];
    for start in starts {
        let mut p = policy_at(start);
        let times = [start, start.saturating_add(500), start.saturating_add(90_000), u64::MAX, 0, start / 2];
        for (i, t) in times.into_iter().enumerate() {
            let g = gap(p.on_snapshot(t, &running(Some(i as f64 * 15.0)), Some(1.0)));
            // 1–8 s, ×3.99 for one request left of a 300 mark.
            assert!((3_990..=31_920).contains(&g), "gap {g} at {t} from {start}");
            // An ETA, when there is one, is capped at a day, and a later "now" never makes it longer.
            let day = 86_400_000;
            for now in [0, t, u64::MAX] {
                assert!(p.eta_ms(now).is_none_or(|eta| eta <= day), "eta {:?} at {now} from {start}", p.eta_ms(now));
            }
            if let (Some(early), Some(late)) = (p.eta_ms(0), p.eta_ms(u64::MAX)) {
                assert!(late <= early, "eta grew from {early} to {late} as time went on");
            }
            // A clock that went backwards (before the last movement) never reads as a stall.
            assert!(!p.is_stalled(0), "stalled at 0 from {start}");
        }
        assert_eq!(p.on_snapshot(u64::MAX, &snap(ProgressState::Completed, None), None), Next::Done);
    }
}

#[test]
fn the_eta_survives_extreme_rates_and_sample_times() {
    /// (time, percent)
    type Sample = (u64, f64);
    // (first sample, second sample, now)
    let cases: &[(Sample, Sample, u64)] = &[
        ((0, 0.0), (u64::MAX / 2, 1e-12), u64::MAX),
        ((0, 0.0), (1, 99.999_999), 1),
        ((u64::MAX - 10, 0.0), (u64::MAX, 50.0), u64::MAX),
        ((u64::MAX / 2, 10.0), (u64::MAX / 2 + 1, 10.000_000_1), u64::MAX / 2 + 1),
    ];
    for (a, b, now) in cases {
        let mut p = policy_at(a.0);
        gap(p.on_snapshot(a.0, &running(Some(a.1)), None));
        let g = gap(p.on_snapshot(b.0, &running(Some(b.1)), None));
        assert!((1_000..=8_000).contains(&g), "{a:?} {b:?}: {g}");
        let eta = p.eta_ms(*now).expect("the job moved");
        assert!(eta <= 86_400_000, "ETAs are capped at a day: {eta}");
    }
}

#[test]
fn extreme_options_do_not_overflow() {
    let opts = PollOptions {
        min_interval_ms: 0,
        max_interval_ms: u64::MAX,
        ramp: 1e300,
        backoff_initial_ms: u64::MAX,
        backoff_max_ms: u64::MAX,
        max_consecutive_errors: u32::MAX,
        stall_after_ms: u64::MAX,
        max_blind_interval_ms: u64::MAX,
        blind_horizon_ms: u64::MAX,
        low_rate_limit: f64::INFINITY,
        max_steady_interval_ms: u64::MAX,
        eta_check_fraction: f64::INFINITY,
        eta_margin_ms: u64::MAX,
    };
    let mut p = PollPolicy::new(opts, u64::MAX / 2);
    for jitter in [0.0, 1.0, 0.5] {
        for _ in 0..100 {
            gap(p.on_error(&Error::Throttled { retry_after_ms: Some(u64::MAX) }, jitter));
        }
    }
    assert_eq!(p.consecutive_errors(), 300);
    assert_eq!(p.on_snapshot(u64::MAX, &running(Some(1.0)), Some(0.0)), Next::PollIn(u64::MAX));
    assert!(!p.is_stalled(u64::MAX));

    let many = PollOptions { max_consecutive_errors: u32::MAX, ..PollOptions::default() };
    let mut p = PollPolicy::new(many, 0);
    for _ in 0..100_000 {
        assert!(gap(p.on_error(&Error::Offline, 1.0)) <= 30_000);
    }
}
