//! `Announcer`: what the polite live region says, so screen-reader users hear progress
//! without being flooded by every poll.
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::poll::Announcer;

/// One update: (now, percent, state, terminal, spoken?).
type Step = (u64, Option<f64>, &'static str, bool, bool);

fn replay(a: &mut Announcer, steps: &[Step]) {
    for (i, (now, percent, state, terminal, spoken)) in steps.iter().enumerate() {
        assert_eq!(
            a.should_announce(*now, *percent, state, *terminal),
            *spoken,
            "step {i}: {percent:?} {state} at {now}"
        );
    }
}

#[test]
fn the_first_update_is_always_spoken() {
    let firsts: &[(Option<f64>, &str, bool)] = &[
        (None, "queued", false),
        (Some(0.0), "running", false),
        (Some(42.0), "running", false),
        (Some(100.0), "completed", true),
        (None, "failed", true),
        (None, "paused_by_admin", false),
    ];
    for (start, (percent, state, terminal)) in [0, 1_000_000, u64::MAX].into_iter().zip(firsts.iter().cycle()) {
        let mut a = Announcer::default();
        assert!(a.should_announce(start, *percent, state, *terminal), "{percent:?} {state} at {start}");
    }
    for (percent, state, terminal) in firsts {
        let mut a = Announcer::default();
        assert!(a.should_announce(7, *percent, state, *terminal), "{percent:?} {state}");
    }
}

#[test]
fn a_terminal_state_is_spoken_at_once() {
    for (state, percent) in [("completed", Some(100.0)), ("failed", Some(40.0)), ("canceled", None)] {
        let mut a = Announcer::default();
        replay(&mut a, &[(0, Some(38.0), "running", false, true), (10, percent, state, true, true)]);
    }
}

#[test]
fn the_same_terminal_state_is_not_repeated() {
    let mut a = Announcer::default();
    replay(
        &mut a,
        &[
            (0, Some(50.0), "running", false, true),
            (1_000, Some(100.0), "completed", true, true),
            (1_010, Some(100.0), "completed", true, false),
            (60_000, Some(100.0), "completed", true, false),
            (u64::MAX, Some(100.0), "completed", true, false),
        ],
    );
}

#[test]
fn a_different_terminal_state_is_spoken_again() {
    // Canvas's cancel endpoint flips even a completed Progress to failed.
    let mut a = Announcer::default();
    replay(&mut a, &[(0, Some(100.0), "completed", true, true), (100, Some(100.0), "failed", true, true)]);
}

#[test]
fn small_moves_wait_for_the_gap() {
    let mut a = Announcer::default();
    replay(
        &mut a,
        &[
            (0, Some(10.0), "running", false, true),
            (1_000, Some(12.0), "running", false, false),
            (3_000, Some(15.0), "running", false, false),
            (4_999, Some(19.0), "running", false, false),
            (5_000, Some(19.0), "running", false, true),
            // The gap counts from the last spoken update.
            (9_999, Some(21.0), "running", false, false),
            (10_000, Some(21.0), "running", false, true),
        ],
    );
}

#[test]
fn moves_under_one_percent_are_never_spoken() {
    let mut a = Announcer::default();
    replay(
        &mut a,
        &[
            (0, Some(10.0), "running", false, true),
            (60_000, Some(10.9), "running", false, false),
            (600_000, Some(10.99), "running", false, false),
            // Measured from the last spoken value, so creeping adds up.
            (600_001, Some(11.0), "running", false, true),
        ],
    );
}

#[test]
fn big_steps_are_spoken_after_a_second_and_a_half() {
    let mut a = Announcer::default();
    replay(
        &mut a,
        &[
            (0, Some(10.0), "running", false, true),
            (1_499, Some(20.0), "running", false, false),
            (1_500, Some(20.0), "running", false, true),
            (2_000, Some(45.0), "running", false, false),
            (3_000, Some(45.0), "running", false, true),
            // Downward jumps are steps too (a reset).
            (4_500, Some(5.0), "running", false, true),
        ],
    );
}

#[test]
fn becoming_determinate_or_indeterminate_is_a_big_step() {
    let mut a = Announcer::default();
    replay(
        &mut a,
        &[
            (0, None, "queued", false, true),
            (1_000, Some(3.0), "running", false, false),
            (1_500, Some(3.0), "running", false, true),
            (3_000, None, "running", false, true),
        ],
    );
}

#[test]
fn a_non_terminal_state_change_waits_for_the_gap() {
    let mut a = Announcer::default();
    replay(
        &mut a,
        &[
            (0, None, "queued", false, true),
            (1_000, None, "running", false, false),
            (4_999, None, "waiting_for_external_tool", false, false),
            (5_000, None, "waiting_for_external_tool", false, true),
            (20_000, None, "waiting_for_external_tool", false, false),
        ],
    );
}

#[test]
fn gap_and_step_are_configurable() {
    let mut a = Announcer::new(1_000, 25.0);
    replay(
        &mut a,
        &[
            (0, Some(0.0), "running", false, true),
            (999, Some(5.0), "running", false, false),
            (1_000, Some(5.0), "running", false, true),
            (2_000, Some(24.0), "running", false, true),
            (2_100, Some(50.0), "running", false, false),
            (3_000, Some(50.0), "running", false, true),
        ],
    );
    let mut zero = Announcer::new(0, 0.0);
    replay(
        &mut zero,
        &[
            (0, Some(0.0), "running", false, true),
            (0, Some(1.0), "running", false, true),
            (0, Some(1.0), "running", false, false),
        ],
    );
}

#[test]
fn huge_or_backwards_clocks_do_not_overflow() {
    let mut a = Announcer::default();
    replay(
        &mut a,
        &[
            (u64::MAX, Some(10.0), "running", false, true),
            // A clock that went backwards counts as no time passed.
            (0, Some(50.0), "running", false, false),
            (u64::MAX / 2, Some(60.0), "running", false, false),
            (0, Some(100.0), "completed", true, true),
        ],
    );
}
