//! What the progress bar shows for each answer: its class, status and detail lines, fault
//! text, announcements and whether it offers Cancel (decided in `model::progress_bar`).
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::model::{
    bar_modifier, detail_lines, offers_cancel, one_decimal, progress_announcement, progress_class, progress_status,
    retry_message, state_modifier, Id, Measure, ProgressState, Snapshot, Unit,
};

fn snap(state: &str, message: Option<&str>) -> Snapshot {
    Snapshot {
        state: ProgressState::parse(state),
        percent: None,
        message: message.map(str::to_owned),
        main: None,
        secondary: Vec::new(),
        updated_at: None,
        user_id: None,
    }
}

fn measure(label: &str, current: f64, total: f64) -> Measure {
    Measure { label: label.into(), current, total, unit: Unit::Files }
}

/// A stand-in for `Intl`'s relative time, so the tests see which delay was written.
fn relative(ms: f64) -> String {
    format!("in {ms} ms")
}

#[test]
fn a_state_becomes_a_class_modifier_servers_cannot_invent() {
    let cases = [
        ("queued", "queued"),
        ("running", "running"),
        ("waiting_for_external_tool", "waiting-for-external-tool"),
        ("completed", "completed"),
        ("failed", "failed"),
        ("cancelled", "canceled"),
        ("x\" onclick=\"", "unknown"),
        ("", "unknown"),
    ];
    for (state, want) in cases {
        assert_eq!(state_modifier(&ProgressState::parse(state)), want, "{state:?}");
    }
    assert_eq!(progress_class("running"), "lmsw-progress lmsw-progress--running");
}

#[test]
fn the_bar_shows_error_only_once_polling_stopped_on_a_fault() {
    let running = snap("running", None);
    let cases = [
        (None, false, false, "loading"),
        (Some(&running), false, false, "running"),
        // Retrying by itself: the last state stays.
        (Some(&running), true, true, "running"),
        (None, true, true, "loading"),
        (Some(&running), true, false, "error"),
        (None, true, false, "error"),
    ];
    for (s, fault, retrying, want) in cases {
        assert_eq!(bar_modifier(s, fault, retrying), want, "{s:?}, fault {fault}, retrying {retrying}");
    }
}

#[test]
fn the_status_line_joins_state_message_and_estimate() {
    let mut waiting_with_amount = snap("queued", Some("Waiting for progress"));
    waiting_with_amount.main = Some(measure("Uploaded", 1.0, 4.0));
    let cases = [
        (snap("running", None), None, "Running"),
        (snap("running", Some("17 courses processed")), None, "Running · 17 courses processed"),
        (
            snap("running", Some("17 courses processed")),
            Some(120_000),
            "Running · 17 courses processed · done in 120000 ms",
        ),
        // Under a second is no estimate worth reading.
        (snap("running", None), Some(999), "Running"),
        (snap("running", None), Some(1000), "Running · done in 1000 ms"),
        // A finished job has no estimate.
        (snap("completed", Some("Done")), Some(5000), "Completed · Done"),
        (snap("failed", None), Some(5000), "Failed"),
        // A Canvas job that has not reported yet.
        (snap("queued", Some("Waiting for progress")), Some(5000), "Waiting for progress · done in 5000 ms"),
        (waiting_with_amount, None, "Queued · Waiting for progress"),
        (snap("generating_pdf", None), None, "Generating pdf"),
    ];
    for (s, eta, want) in cases {
        assert_eq!(progress_status(&s, eta, relative), want, "{s:?}, eta {eta:?}");
    }
}

#[test]
fn detail_lines_list_the_main_amount_then_the_others() {
    let amount = |m: &Measure| format!("{} of {}", m.current, m.total);
    let mut s = snap("running", None);
    assert_eq!(detail_lines(&s, amount), Vec::<String>::new());
    s.secondary = vec![measure("Imported", 2.0, 3.0), measure("Skipped", 0.0, 3.0)];
    assert_eq!(detail_lines(&s, amount), ["Imported: 2 of 3", "Skipped: 0 of 3"]);
    s.main = Some(measure("Uploaded", 1.0, 4.0));
    assert_eq!(detail_lines(&s, amount), ["Uploaded: 1 of 4", "Imported: 2 of 3", "Skipped: 0 of 3"]);
}

#[test]
fn a_fault_says_when_polling_retries_by_itself() {
    let cases = [
        (None, "Could not reach the server."),
        (Some(8000), "Could not reach the server. Retrying in 8000 ms."),
        (Some(0), "Could not reach the server. Retrying in 0 ms."),
    ];
    for (retry_in, want) in cases {
        assert_eq!(retry_message("Could not reach the server.", retry_in, relative), want, "{retry_in:?}");
    }
}

#[test]
fn the_live_region_adds_a_finished_jobs_message() {
    let mut half = snap("running", Some("halfway"));
    half.percent = Some(45.6);
    let cases = [
        (half, "45 percent, running"),
        (snap("running", None), "Running"),
        (snap("failed", Some("Out of memory")), "Failed. Out of memory"),
        (snap("completed", None), "Completed"),
        (snap("canceled", Some("Canceled by the user")), "Canceled. Canceled by the user"),
    ];
    for (s, want) in cases {
        assert_eq!(progress_announcement(&s), want, "{s:?}");
    }
}

#[test]
fn cancel_is_offered_for_a_running_canvas_job_with_an_owner() {
    let mut owned = snap("running", None);
    owned.user_id = Some(Id::new("7"));
    let mut owned_done = snap("completed", None);
    owned_done.user_id = Some(Id::new("7"));
    let unowned = snap("running", None);
    let cases = [
        (true, true, Some(&owned), true),
        (false, true, Some(&owned), false),
        (true, false, Some(&owned), false),
        (true, true, Some(&owned_done), false),
        (true, true, Some(&unowned), false),
        (true, true, None, false),
    ];
    for (cancelable, canvas_url, s, want) in cases {
        assert_eq!(offers_cancel(cancelable, canvas_url, s), want, "{cancelable} {canvas_url} {s:?}");
    }
}

/// The `<progress>` `value` is written without Rust's float formatting; it must still be
/// exactly `format!("{p:.1}")`: every ten-thousandth, quarter values (exact ties, which go to
/// even), and pseudo-random values with their neighbours one ulp either side of a tie.
#[test]
fn one_decimal_writes_what_float_formatting_wrote() {
    let check = |p: f64| assert_eq!(one_decimal(p), format!("{p:.1}"), "{p:?}");
    for i in 0..=1_000_000u32 {
        check(f64::from(i) / 10_000.0);
        check(f64::from(i) / 4_000.0 % 100.0);
    }
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..200_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        check((x >> 11) as f64 / (1u64 << 53) as f64 * 100.0);
        let tie = ((x % 1000) as f64 + 0.5) / 10.0;
        check(tie);
        check(f64::from_bits(tie.to_bits() + 1));
        check(f64::from_bits(tie.to_bits() - 1));
    }
    for p in [0.0, 100.0, 5e-324, 0.05, 0.049_999_999_999_999_996, 99.95, 99.949_999_999_999_99, 0.25, 0.75] {
        check(p);
    }
    assert_eq!(one_decimal(45.0), "45.0");
    assert_eq!(one_decimal(f64::NAN), "0.0", "not a number is clamped, never written as NaN");
    assert_eq!(one_decimal(250.0), "100.0");
}
