//! Canvas course reports (`/api/v1/courses/:course_id/reports/:report_type[/:id]`): the
//! report JSON, "last report" with no report, the create body, ids and options, download
//! links, and the snapshot the shared poller follows a report with.
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::model::{
    create_body, default_label, fault_message, interpret_last, last_fault_means_no_report, parse_id, parse_id_list,
    resolve_course_id, vet_download_url, CourseReport, Format, Id, LastBody, ProgressState, ReportOp, ReportParameters,
    ReportPhase, ReportStatus, ReportTarget, Snapshot,
};
use lms_widgets::Error;

fn parse(json: &str) -> CourseReport {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{json} should parse: {e}"))
}

fn last(json: &str) -> LastBody {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{json} should parse as a last-report body: {e}"))
}

/// A table row: what it shows, the JSON, and a check on the parsed report.
type QuirkCase = (&'static str, &'static str, fn(&CourseReport) -> bool);

/// A table row: the option, `ENV.context_asset_string`, the page path, and the expectation.
type CourseIdCase = (Option<&'static str>, Option<&'static str>, Option<&'static str>, &'static str);

fn ids(list: &[&str]) -> Vec<Id> {
    list.iter().map(|s| Id::new(*s)).collect()
}

/// The Report example of Canvas's API page (reference 003), as documented: numeric ids,
/// `attachment: null`, and parameters of another report's shape.
const API_DOC_EXAMPLE: &str = r#"{
  "id": 1,
  "file_url": "https://example.com/some/path",
  "attachment": null,
  "status": "complete",
  "created_at": "2013-12-01T23:59:00-06:00",
  "started_at": "2013-12-02T00:03:21-06:00",
  "ended_at": "2013-12-02T00:03:21-06:00",
  "parameters": {"course_id":2,"start_at":"2012-07-13T10:55:20-06:00","end_at":"2012-07-13T10:55:20-06:00"},
  "progress": 100
}"#;

/// What `lib/api/v1/course_report.rb` renders for a finished course pace report, with
/// string ids (the `canvas-string-ids` Accept header).
const COMPLETE_WITH_ATTACHMENT: &str = r#"{
  "id": "31",
  "status": "complete",
  "report_type": "course_pace_docx",
  "course_id": "7",
  "parameters": {"enrollment_ids": [], "section_ids": ["3", "4"]},
  "created_at": "2026-03-01T10:00:00Z",
  "started_at": "2026-03-01T10:00:01Z",
  "ended_at": "2026-03-01T10:00:09Z",
  "file_url": "https://canvas.example.edu/files/88/download?verifier=abc",
  "attachment": {
    "id": "88",
    "display_name": "Course Pace.docx",
    "filename": "course_pace.docx",
    "size": 48213,
    "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "url": "https://canvas.example.edu/files/88/download?verifier=abc"
  },
  "progress": 100
}"#;

#[test]
fn the_api_doc_example_parses_field_by_field() {
    let r = parse(API_DOC_EXAMPLE);
    assert_eq!(r.id, Id::new("1"));
    assert_eq!(r.status, ReportStatus::Complete);
    assert_eq!(r.file_url.as_deref(), Some("https://example.com/some/path"));
    assert_eq!(r.attachment, None, "attachment: null is no attachment");
    assert_eq!(r.created_at.as_deref(), Some("2013-12-01T23:59:00-06:00"));
    assert_eq!(r.started_at.as_deref(), Some("2013-12-02T00:03:21-06:00"));
    assert_eq!(r.ended_at.as_deref(), Some("2013-12-02T00:03:21-06:00"));
    assert_eq!(r.progress, Some(100.0));
    assert_eq!(
        r.parameters,
        Some(ReportParameters::default()),
        "another report's parameters are read as no ids, not as an error"
    );
}

#[test]
fn a_complete_course_pace_report_exposes_its_file() {
    let r = parse(COMPLETE_WITH_ATTACHMENT);
    assert_eq!(r.report_type.as_deref(), Some("course_pace_docx"));
    assert_eq!(r.course_id, Some(Id::new("7")));
    assert_eq!(r.parameters.as_ref().map(|p| p.section_ids.clone()), Some(ids(&["3", "4"])));
    assert_eq!(r.download_url(), Some("https://canvas.example.edu/files/88/download?verifier=abc"));
    assert_eq!(r.file_name(), Some("Course Pace.docx"), "display_name wins over filename");
    assert_eq!(r.file_size(), Some(48213.0));
    let a = r.attachment.as_ref().unwrap();
    assert_eq!(a.id, Some(Id::new("88")));
    assert_eq!(a.filename.as_deref(), Some("course_pace.docx"));
    assert!(a.content_type.as_deref().unwrap().contains("wordprocessingml"), "the key is content-type");
}

#[test]
fn quirky_report_bodies_still_parse() {
    let cases: &[QuirkCase] = &[
        ("older Canvas has no progress", r#"{"id":1,"status":"running","file_url":null}"#, |r| r.progress.is_none()),
        ("progress as a numeric string", r#"{"id":1,"status":"running","progress":"45"}"#, |r| {
            r.progress == Some(45.0)
        }),
        ("progress null", r#"{"id":1,"status":"running","progress":null}"#, |r| r.progress.is_none()),
        ("progress not a number", r#"{"id":1,"status":"running","progress":"soon"}"#, |r| r.progress.is_none()),
        ("parameters null", r#"{"id":1,"status":"created","parameters":null}"#, |r| r.parameters.is_none()),
        ("parameters a string", r#"{"id":1,"status":"created","parameters":"oops"}"#, |r| r.parameters.is_none()),
        ("id lists null", r#"{"id":1,"parameters":{"section_ids":null,"enrollment_ids":[5]}}"#, |r| {
            r.parameters == Some(ReportParameters { section_ids: vec![], enrollment_ids: vec![Id::new("5")] })
        }),
        ("no id: only \"last\" sends such a body", "{}", |r| r.id.as_str().is_empty()),
        ("id null", r#"{"id":null,"status":"running"}"#, |r| r.id.as_str().is_empty()),
        ("status missing", r#"{"id":1}"#, |r| r.status == ReportStatus::Unknown(String::new())),
        ("status null", r#"{"id":1,"status":null}"#, |r| r.status.label() == "Unknown"),
        ("unknown status kept", r#"{"id":1,"status":"exploded"}"#, |r| r.status.as_str() == "exploded"),
        ("unknown keys ignored", r#"{"id":1,"status":"running","user_id":9,"extra":{"a":[1]}}"#, |r| {
            r.status == ReportStatus::Running
        }),
        ("a negative size is no size", r#"{"id":1,"attachment":{"size":-3}}"#, |r| r.file_size().is_none()),
    ];
    for (what, json, check) in cases {
        assert!(check(&parse(json)), "{what}: {json}");
    }
}

#[test]
fn every_canvas_status_parses_and_only_finished_ones_are_terminal() {
    let cases = [
        ("created", ReportStatus::Created, "Queued", false, ProgressState::Queued),
        ("running", ReportStatus::Running, "Running", false, ProgressState::Running),
        ("compiling", ReportStatus::Compiling, "Compiling", false, ProgressState::Running),
        ("complete", ReportStatus::Complete, "Complete", true, ProgressState::Completed),
        ("error", ReportStatus::Error, "Failed", true, ProgressState::Failed),
        ("aborted", ReportStatus::Aborted, "Aborted", true, ProgressState::Canceled),
        ("deleted", ReportStatus::Deleted, "Deleted", true, ProgressState::Canceled),
        (
            "waiting_on_printer",
            ReportStatus::Unknown("waiting_on_printer".into()),
            "Waiting on printer",
            false,
            ProgressState::Unknown("waiting_on_printer".into()),
        ),
    ];
    for (wire, status, label, terminal, state) in cases {
        let parsed = ReportStatus::parse(wire);
        assert_eq!(parsed, status, "{wire}");
        assert_eq!(parsed.as_str(), wire, "{wire} round-trips");
        assert_eq!(parsed.label(), label, "{wire}");
        assert_eq!(parsed.is_terminal(), terminal, "{wire}");
        assert_eq!(parsed.progress_state(), state, "{wire}");
    }
}

#[test]
fn snapshot_from_report_maps_status_and_progress_for_the_poller() {
    let cases: &[(&str, ProgressState, Option<f64>, bool)] = &[
        (r#"{"id":1,"status":"created","progress":0}"#, ProgressState::Queued, Some(0.0), false),
        (r#"{"id":1,"status":"running","progress":45}"#, ProgressState::Running, Some(45.0), false),
        (r#"{"id":1,"status":"compiling","progress":90}"#, ProgressState::Running, Some(90.0), false),
        (r#"{"id":1,"status":"running"}"#, ProgressState::Running, None, false),
        (r#"{"id":1,"status":"complete","progress":100}"#, ProgressState::Completed, Some(100.0), true),
        (r#"{"id":1,"status":"complete"}"#, ProgressState::Completed, Some(100.0), true),
        (r#"{"id":1,"status":"error","progress":40}"#, ProgressState::Failed, Some(40.0), true),
        (r#"{"id":1,"status":"aborted"}"#, ProgressState::Canceled, None, true),
        (r#"{"id":1,"status":"deleted","progress":10}"#, ProgressState::Canceled, Some(10.0), true),
        (r#"{"id":1,"status":"running","progress":250}"#, ProgressState::Running, Some(100.0), false),
        (r#"{"id":1,"status":"running","progress":-5}"#, ProgressState::Running, Some(0.0), false),
        (r#"{"id":1,"status":"mystery","progress":5}"#, ProgressState::Unknown("mystery".into()), Some(5.0), false),
    ];
    for (json, state, percent, terminal) in cases {
        let s = Snapshot::from_report(&parse(json));
        assert_eq!(&s.state, state, "{json}");
        assert_eq!(s.percent, *percent, "{json}");
        assert_eq!(s.is_terminal(), *terminal, "{json}");
    }
    let s = Snapshot::from_report(&parse(r#"{"id":1,"status":"running","progress":45}"#));
    assert_eq!(s.value_text(), "45 percent, running");
    let s = Snapshot::from_report(&parse(r#"{"id":1,"status":"mystery"}"#));
    assert_eq!(s.value_text(), "Mystery", "an unknown status is shown, not hidden");
}

#[test]
fn the_course_report_format_is_not_a_progress_bar_format() {
    assert!(Format::parse("coursereport").is_err());
    assert!(Format::parse("course_report").is_err());
    assert_eq!(Format::CourseReport.for_url("/api/v1/courses/1/reports/x/2"), Format::CourseReport);
}

#[test]
fn last_report_means_no_report_unless_a_2xx_body_has_an_id() {
    let report = r#"{"id":"9","status":"running","progress":20}"#;
    let cases: &[(u16, Option<&str>, Option<&str>)] = &[
        (200, Some(report), Some("9")),
        (200, Some("{}"), None),
        (200, Some(r#"{"status":"complete","file_url":null}"#), None),
        (200, Some("null"), None),
        (200, Some("[]"), None),
        (200, Some(r#""oops""#), None),
        (200, None, None),
        (500, Some(report), None),
        (500, Some(r#"{"errors":[{"message":"An error occurred."}]}"#), None),
        (500, None, None),
        (404, None, None),
    ];
    for (status, body, want) in cases {
        let body = body.map(last);
        let got = interpret_last(*status, body.as_ref());
        assert_eq!(got.as_ref().map(|r| r.id.as_str()), *want, "{status} {body:?}");
    }
}

#[test]
fn only_status_faults_of_last_mean_no_report() {
    let no_report = [
        Error::Server { status: 500 },
        Error::Server { status: 502 },
        Error::NotFound,
        Error::Http { status: 418 },
        Error::BadResponse("the answer was empty".into()),
    ];
    for e in no_report {
        assert!(last_fault_means_no_report(&e), "{e:?}");
    }
    let faults = [
        Error::Unauthorized { message: None },
        Error::LoginPage,
        Error::Network("down".into()),
        Error::Offline,
        Error::Throttled { retry_after_ms: None },
        Error::Rejected { status: 400, message: Some("invalid report type x".into()) },
        Error::Forbidden { message: None },
    ];
    for e in faults {
        assert!(!last_fault_means_no_report(&e), "{e:?}");
    }
}

#[test]
fn the_create_body_always_sends_both_arrays_as_canvas_ui_does() {
    let empty = create_body(&ReportParameters::default());
    assert_eq!(serde_json::to_string(&empty).unwrap(), r#"{"parameters":{"enrollment_ids":[],"section_ids":[]}}"#);
    let p = ReportParameters::parse("3, 4", "12 13").unwrap();
    assert_eq!(
        serde_json::to_string(&create_body(&p)).unwrap(),
        r#"{"parameters":{"enrollment_ids":["12","13"],"section_ids":["3","4"]}}"#
    );
}

#[test]
fn report_urls_follow_canvas_routes() {
    let t = ReportTarget::new(" 7 ", "").unwrap();
    assert_eq!(t.report_type, "course_pace_docx", "an empty type is the only type Canvas has");
    assert_eq!(t.create_url(), "/api/v1/courses/7/reports/course_pace_docx");
    assert_eq!(t.last_url(), "/api/v1/courses/7/reports/course_pace_docx", "last is the bare type path");
    assert_eq!(t.show_url(&Id::new("31")), "/api/v1/courses/7/reports/course_pace_docx/31");
    let t = ReportTarget::new("1~42", "grade_export").unwrap();
    assert_eq!(t.create_url(), "/api/v1/courses/1~42/reports/grade_export", "other types reach Canvas, which says 400");
}

#[test]
fn bad_targets_are_clear_errors() {
    let cases = [
        ("", "course_pace_docx", "course-id", "required"),
        ("abc", "course_pace_docx", "course-id", "\"abc\" is not a Canvas id"),
        ("course_7", "course_pace_docx", "course-id", "not a Canvas id"),
        ("0", "course_pace_docx", "course-id", "not a Canvas id"),
        ("-4", "course_pace_docx", "course-id", "not a Canvas id"),
        ("7", "../../users/self", "report-type", "not a report type"),
        ("7", "a b", "report-type", "not a report type"),
    ];
    for (course, ty, name, reason) in cases {
        match ReportTarget::new(course, ty) {
            Err(e @ Error::InvalidOption { .. }) => {
                let text = e.to_string();
                assert!(text.contains(name) && text.contains(reason), "{course:?} {ty:?}: {text}");
            }
            other => panic!("{course:?} {ty:?}: expected an option error, got {other:?}"),
        }
    }
}

#[test]
fn id_lists_accept_commas_and_spaces() {
    let cases: &[(&str, &[&str])] = &[
        ("", &[]),
        ("   ", &[]),
        ("5", &["5"]),
        ("5,6", &["5", "6"]),
        ("5, 6  7\n8\t9", &["5", "6", "7", "8", "9"]),
        (" ,5,,6, ", &["5", "6"]),
        ("1~20 30", &["1~20", "30"]),
        ("5,5", &["5", "5"]),
    ];
    for (input, want) in cases {
        assert_eq!(parse_id_list(input, "section-ids").unwrap(), ids(want), "{input:?}");
    }
}

#[test]
fn a_bad_id_list_entry_is_named_never_dropped() {
    let cases = [
        ("5, x, 7", "entry 2 (\"x\")"),
        ("5;6", "entry 1 (\"5;6\")"),
        ("1.5", "entry 1 (\"1.5\")"),
        ("12 sec_3", "entry 2 (\"sec_3\")"),
        ("~5", "entry 1"),
        ("5~", "entry 1"),
        ("123456789012345678901", "entry 1"),
    ];
    for (input, needle) in cases {
        let e = parse_id_list(input, "enrollment-ids").unwrap_err();
        let text = e.to_string();
        assert!(text.starts_with("Invalid `enrollment-ids`:") && text.contains(needle), "{input:?}: {text}");
    }
    let e = ReportParameters::parse("1, b", "").unwrap_err();
    assert!(e.to_string().contains("section-ids"), "{e}");
}

#[test]
fn single_ids_trim_and_validate() {
    assert_eq!(parse_id(" 42 ", "course-id").unwrap(), Id::new("42"));
    assert_eq!(parse_id("10000000000042", "course-id").unwrap(), Id::new("10000000000042"), "global ids");
    assert!(parse_id("4 2", "course-id").is_err());
}

#[test]
fn the_course_id_falls_back_to_canvas_env_then_the_path() {
    let ok: &[CourseIdCase] = &[
        (Some("5"), Some("course_9"), Some("/courses/3"), "5"),
        (None, Some("course_9"), Some("/courses/3"), "9"),
        (Some("  "), Some("course_9"), None, "9"),
        (None, None, Some("/courses/3/pages/intro"), "3"),
        (None, Some("account_1"), Some("/courses/3"), "3"),
        (None, Some("course_x"), Some("/courses/3?x=1"), "3"),
    ];
    for (option, env, path, want) in ok {
        assert_eq!(resolve_course_id(*option, *env, *path).unwrap(), Id::new(*want), "{option:?} {env:?} {path:?}");
    }
    let bad: &[CourseIdCase] = &[
        (Some("abc"), Some("course_9"), None, "\"abc\" is not a Canvas id"),
        (None, Some("account_1"), Some("/accounts/1"), "\"account_1\", not a course"),
        (None, None, Some("/"), "not a Canvas course page"),
        (None, None, Some("/courses/abc"), "not a Canvas course page"),
        (None, None, None, "none was given"),
    ];
    for (option, env, path, needle) in bad {
        let e = resolve_course_id(*option, *env, *path).unwrap_err();
        assert!(e.to_string().contains(needle), "{option:?} {env:?} {path:?}: {e}");
    }
}

#[test]
fn download_links_must_be_web_addresses() {
    let ok = [
        (
            "https://canvas.example.edu/files/1/download?verifier=x",
            "https://canvas.example.edu/files/1/download?verifier=x",
        ),
        ("http://localhost:8080/f", "http://localhost:8080/f"),
        ("HTTPS://EXAMPLE.EDU/F", "HTTPS://EXAMPLE.EDU/F"),
        ("/files/1/download", "/files/1/download"),
        ("files/1?a=b:c", "files/1?a=b:c"),
        ("//cdn.example.edu/f", "//cdn.example.edu/f"),
        ("  https://x.edu/f\n", "https://x.edu/f"),
    ];
    for (raw, want) in ok {
        assert_eq!(vet_download_url(raw).as_deref(), Ok(want), "{raw:?}");
    }
    let bad = [
        ("javascript:alert(1)", "(javascript:)"),
        ("  JavaScript:alert(1)", "(javascript:)"),
        ("java\tscript:alert(1)", "(javascript:)"),
        ("java\nscript:alert(1)", "(javascript:)"),
        ("\u{1}javascript:alert(1)", "(javascript:)"),
        ("data:text/html,<script>1</script>", "(data:)"),
        ("vbscript:x", "(vbscript:)"),
        ("file:///etc/passwd", "(file:)"),
        ("", "empty"),
        ("   ", "empty"),
    ];
    for (raw, needle) in bad {
        let e = vet_download_url(raw).unwrap_err();
        assert!(e.to_string().contains(needle), "{raw:?}: {e}");
    }
}

#[test]
fn download_url_prefers_file_url_then_attachment_url() {
    let cases = [
        (r#"{"id":1,"file_url":"https://a/f","attachment":{"url":"https://b/f"}}"#, Some("https://a/f")),
        (r#"{"id":1,"file_url":null,"attachment":{"url":"https://b/f"}}"#, Some("https://b/f")),
        (r#"{"id":1,"file_url":"  ","attachment":{"url":"https://b/f"}}"#, Some("https://b/f")),
        (r#"{"id":1,"file_url":null}"#, None),
        (r#"{"id":1,"file_url":null,"attachment":{"display_name":"x"}}"#, None),
    ];
    for (json, want) in cases {
        assert_eq!(parse(json).download_url(), want, "{json}");
    }
    let r = parse(r#"{"id":1,"attachment":{"display_name":" ","filename":"r.docx"}}"#);
    assert_eq!(r.file_name(), Some("r.docx"), "a blank display_name falls back to filename");
}

#[test]
fn faults_become_plain_sentences() {
    let invalid_type = Error::Rejected { status: 400, message: Some("invalid report type grade_export".into()) };
    let not_allowed = Error::Unauthorized { message: Some("user not authorized to perform that action".into()) };
    let signed_out = Error::Unauthorized { message: Some("user authorization required".into()) };
    let cases = [
        (ReportOp::Create, invalid_type, "Canvas has no course report called “grade_export”. Check the report type."),
        (
            ReportOp::Create,
            Error::Rejected { status: 400, message: Some("invalid context type".into()) },
            "Reports can only be created for a course.",
        ),
        (ReportOp::Create, not_allowed.clone(), "You do not have permission to create reports in this course."),
        (ReportOp::Follow, not_allowed.clone(), "Only the person who created this report can see it."),
        (ReportOp::Check, not_allowed, "You do not have permission to see reports in this course."),
        (ReportOp::Follow, signed_out, "Your Canvas session has ended: reload the page and sign in again."),
        (ReportOp::Follow, Error::NotFound, "This report no longer exists in Canvas."),
        (ReportOp::Create, Error::NotFound, "Canvas could not find this course."),
        (ReportOp::Create, Error::Server { status: 503 }, "The server had a problem (HTTP 503)."),
    ];
    for (op, e, want) in cases {
        assert_eq!(fault_message(op, &e, "grade_export"), want, "{op:?} {e:?}");
    }
}

#[test]
fn the_create_button_is_disabled_only_while_something_runs() {
    let cases = [
        (ReportPhase::Invalid, false, "invalid"),
        (ReportPhase::Checking, true, "checking"),
        (ReportPhase::Idle, false, "idle"),
        (ReportPhase::Creating, true, "creating"),
        (ReportPhase::Following, true, "following"),
        (ReportPhase::Finished, false, "finished"),
        (ReportPhase::Fault(ReportOp::Create), false, "fault"),
    ];
    for (phase, busy, name) in cases {
        assert_eq!(phase.is_busy(), busy, "{phase:?}");
        assert_eq!(phase.as_str(), name);
    }
}

#[test]
fn default_labels_name_the_report() {
    assert_eq!(default_label("course_pace_docx"), "Course pace report");
    assert_eq!(default_label(""), "Course pace report");
    assert_eq!(default_label("grade_export"), "Grade export");
}
