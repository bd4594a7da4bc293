//! What the report card shows for each phase and report: its button, status line, classes,
//! alerts, times and announcements (decided in `model::report_card`, outside the view).
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::model::{
    can_create_report, card_class, complete_announcement, download_caption, ended_alert, ended_message, report_action,
    report_status, report_times, started_announcement, CourseReport, ReportAction, ReportOp, ReportPhase, ReportStatus,
};

fn report(json: &str) -> CourseReport {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{json} should parse: {e}"))
}

fn status(s: &str) -> ReportStatus {
    ReportStatus::parse(s)
}

#[test]
fn the_button_follows_the_phase_and_the_reports_status() {
    use ReportAction::{Create, None as NoButton, Retry};
    let cases: [(ReportPhase, Option<ReportStatus>, ReportAction); 12] = [
        (ReportPhase::Invalid, None, NoButton),
        (ReportPhase::Invalid, Some(status("complete")), NoButton),
        (ReportPhase::Checking, None, Create("Create report")),
        (ReportPhase::Idle, None, Create("Create report")),
        (ReportPhase::Creating, None, Create("Create report")),
        (ReportPhase::Following, Some(status("running")), Create("Create report")),
        (ReportPhase::Finished, Some(status("complete")), Create("Create new report")),
        (ReportPhase::Finished, Some(status("aborted")), Create("Create new report")),
        (ReportPhase::Finished, Some(status("error")), Create("Try again")),
        (ReportPhase::Fault(ReportOp::Follow), Some(status("running")), Retry("Check again")),
        (ReportPhase::Fault(ReportOp::Check), None, Retry("Try again")),
        (ReportPhase::Fault(ReportOp::Create), None, Retry("Try again")),
    ];
    for (phase, st, want) in cases {
        assert_eq!(report_action(&phase, st.as_ref()), want, "{phase:?} with {st:?}");
    }
}

#[test]
fn a_report_can_be_created_only_when_nothing_runs_and_the_options_are_usable() {
    let cases = [
        (ReportPhase::Idle, true, true),
        (ReportPhase::Idle, false, false),
        (ReportPhase::Finished, true, true),
        (ReportPhase::Fault(ReportOp::Create), true, true),
        (ReportPhase::Checking, true, false),
        (ReportPhase::Creating, true, false),
        (ReportPhase::Following, true, false),
        (ReportPhase::Invalid, true, false),
    ];
    for (phase, params_ok, want) in cases {
        assert_eq!(can_create_report(&phase, params_ok), want, "{phase:?}, parameters ok: {params_ok}");
    }
}

#[test]
fn the_card_class_names_the_phase_and_a_known_status() {
    let cases = [
        (ReportPhase::Checking, None, "lmsw-report lmsw-report--checking"),
        (ReportPhase::Invalid, None, "lmsw-report lmsw-report--invalid"),
        (ReportPhase::Following, Some(status("running")), "lmsw-report lmsw-report--following lmsw-report--running"),
        (ReportPhase::Finished, Some(status("complete")), "lmsw-report lmsw-report--finished lmsw-report--complete"),
        (
            ReportPhase::Fault(ReportOp::Follow),
            Some(status("error")),
            "lmsw-report lmsw-report--fault lmsw-report--error",
        ),
        // Canvas cannot put its own words into the class list.
        (
            ReportPhase::Following,
            Some(status("x\" onclick")),
            "lmsw-report lmsw-report--following lmsw-report--unknown",
        ),
        (ReportPhase::Following, Some(status("")), "lmsw-report lmsw-report--following lmsw-report--unknown"),
    ];
    for (phase, st, want) in cases {
        assert_eq!(card_class(&phase, st.as_ref()), want, "{phase:?} with {st:?}");
    }
}

#[test]
fn the_status_line_says_what_the_card_does_then_the_reports_status() {
    let cases = [
        (ReportPhase::Checking, Some(status("running")), Some("Checking for your last report…")),
        (ReportPhase::Idle, None, Some("No report yet.")),
        (ReportPhase::Creating, None, Some("Starting the report…")),
        (ReportPhase::Invalid, Some(status("complete")), None),
        (ReportPhase::Following, None, None),
        (ReportPhase::Following, Some(status("created")), Some("Status: Queued")),
        (ReportPhase::Finished, Some(status("error")), Some("Status: Failed")),
        (ReportPhase::Fault(ReportOp::Follow), Some(status("generating_pdf")), Some("Status: Generating pdf")),
    ];
    for (phase, st, want) in cases {
        assert_eq!(report_status(&phase, st.as_ref()).as_deref(), want, "{phase:?} with {st:?}");
    }
}

#[test]
fn a_finished_report_without_a_file_gets_an_alert_saying_why() {
    let cases = [
        (ReportPhase::Finished, r#"{"id":1,"status":"error"}"#, Some("Canvas could not generate this report.")),
        (
            ReportPhase::Finished,
            r#"{"id":1,"status":"aborted","message":" out of disk "}"#,
            Some("This report was stopped before it finished. Canvas says: out of disk"),
        ),
        (ReportPhase::Finished, r#"{"id":1,"status":"deleted","message":"  "}"#, Some("This report was deleted.")),
        (ReportPhase::Finished, r#"{"id":1,"status":"odd"}"#, Some("This report ended without a file.")),
        (ReportPhase::Finished, r#"{"id":1,"status":"complete"}"#, None),
        // Only once it finished: a failed request while following shows its own fault.
        (ReportPhase::Fault(ReportOp::Follow), r#"{"id":1,"status":"error"}"#, None),
        (ReportPhase::Following, r#"{"id":1,"status":"running"}"#, None),
    ];
    for (phase, json, want) in cases {
        let r = report(json);
        assert_eq!(ended_alert(&phase, Some(&r)).as_deref(), want, "{phase:?} with {json}");
        if let Some(w) = want {
            assert_eq!(ended_message(&r), w);
        }
    }
    assert_eq!(ended_alert(&ReportPhase::Finished, None), None, "no report, no alert");
}

#[test]
fn the_times_shown_are_those_canvas_gave_with_the_end_named_by_status() {
    let times = r#""created_at":"2024-01-01T10:00:00Z","started_at":" 2024-01-01T10:00:05Z ","ended_at":"2024-01-01T10:01:00Z""#;
    let created = ("Created", "2024-01-01T10:00:00Z");
    let started = ("Started", "2024-01-01T10:00:05Z");
    let cases = [
        ("complete", times, vec![created, started, ("Finished", "2024-01-01T10:01:00Z")]),
        ("error", times, vec![created, started, ("Failed", "2024-01-01T10:01:00Z")]),
        ("aborted", times, vec![created, started, ("Stopped", "2024-01-01T10:01:00Z")]),
        ("deleted", times, vec![created, started, ("Ended", "2024-01-01T10:01:00Z")]),
        ("created", r#""created_at":"2024-01-01T10:00:00Z","started_at":null"#, vec![created]),
        ("running", r#""created_at":"   ","started_at":"""#, vec![]),
    ];
    for (st, fields, want) in cases {
        let json = format!(r#"{{"id":1,"status":"{st}",{fields}}}"#);
        assert_eq!(report_times(&report(&json)), want, "{json}");
    }
}

#[test]
fn announcements_say_what_happened_once_in_plain_words() {
    assert_eq!(started_announcement(false), "Report started.");
    assert_eq!(started_announcement(true), "Following your report that is still running.");
    let cases = [
        (Ok(Some("course_pace.docx")), "Report complete. course_pace.docx is ready to download."),
        (Ok(None), "Report complete. The file is ready to download."),
        // The alert says why there is no link.
        (Err(()), "Report complete."),
    ];
    for (link, want) in cases {
        assert_eq!(complete_announcement(link), want, "{link:?}");
    }
}

#[test]
fn the_download_link_names_the_file() {
    assert_eq!(download_caption(Some("course_pace.docx")), "Download course_pace.docx");
    assert_eq!(download_caption(None), "Download the report");
}
