//! Canvas Progress JSON (`GET /api/v1/progress/:id`): every quirk the API is known to send,
//! and the snapshot the progress bar renders from it.
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::model::{clamp_percent, CanvasProgress, Id, ProgressState, Snapshot};
use lms_widgets::net::strip_json_prefix;

fn parse(json: &str) -> CanvasProgress {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{json} should parse: {e}"))
}

/// A minimal running Progress with `completion` set to the given JSON fragment.
fn with_completion(fragment: &str) -> String {
    format!(r#"{{"id":1,"workflow_state":"running","completion":{fragment}}}"#)
}

/// The Progress example of Canvas's API page (reference 000 and 001), as documented.
const API_DOC_EXAMPLE: &str = r#"{
  "id": 1,
  "context_id": 1,
  "context_type": "Account",
  "user_id": 123,
  "tag": "course_batch_update",
  "completion": 100,
  "workflow_state": "completed",
  "created_at": "2013-01-15T15:00:00Z",
  "updated_at": "2013-01-15T15:04:00Z",
  "message": "17 courses processed",
  "results": {"id":"123"},
  "url": "https://canvas.example.edu/api/v1/progress/1"
}"#;

/// The LTI variant of the same example (reference 001): only `url` differs.
const LTI_DOC_EXAMPLE: &str = r#"{
  "id": 1,
  "context_id": 1,
  "context_type": "Account",
  "user_id": 123,
  "tag": "course_batch_update",
  "completion": 100,
  "workflow_state": "completed",
  "created_at": "2013-01-15T15:00:00Z",
  "updated_at": "2013-01-15T15:04:00Z",
  "message": "17 courses processed",
  "results": {"id":"123"},
  "url": "https://canvas.example.edu/api/lti/courses/1/progress/1"
}"#;

#[test]
fn the_api_doc_example_parses_field_by_field() {
    let p = parse(API_DOC_EXAMPLE);
    assert_eq!(p.id, Id::new("1"));
    assert_eq!(p.context_id, Some(Id::new("1")));
    assert_eq!(p.context_type.as_deref(), Some("Account"));
    assert_eq!(p.user_id, Some(Id::new("123")));
    assert_eq!(p.tag.as_deref(), Some("course_batch_update"));
    assert_eq!(p.completion, Some(100.0));
    assert_eq!(p.workflow_state, ProgressState::Completed);
    assert_eq!(p.created_at.as_deref(), Some("2013-01-15T15:00:00Z"));
    assert_eq!(p.updated_at.as_deref(), Some("2013-01-15T15:04:00Z"));
    assert_eq!(p.message.as_deref(), Some("17 courses processed"));
    assert_eq!(p.url.as_deref(), Some("https://canvas.example.edu/api/v1/progress/1"));

    let s = Snapshot::from_canvas(&p);
    assert!(s.is_terminal());
    assert_eq!(s.percent, Some(100.0));
    assert_eq!(s.message.as_deref(), Some("17 courses processed"));
    assert_eq!(s.user_id, Some(Id::new("123")));
    assert_eq!(s.value_text(), "100 percent, completed");
}

#[test]
fn the_lti_doc_example_differs_only_in_its_url() {
    let api = parse(API_DOC_EXAMPLE);
    let lti = parse(LTI_DOC_EXAMPLE);
    assert_eq!(lti.url.as_deref(), Some("https://canvas.example.edu/api/lti/courses/1/progress/1"));
    assert_eq!(CanvasProgress { url: api.url.clone(), ..lti }, api);
}

#[test]
fn ids_are_the_same_whether_sent_as_numbers_or_canvas_string_ids() {
    let numeric = parse(r#"{"id":42,"context_id":7,"user_id":123,"workflow_state":"queued"}"#);
    let strings = parse(r#"{"id":"42","context_id":"7","user_id":"123","workflow_state":"queued"}"#);
    assert_eq!(numeric, strings);
    assert_eq!(numeric.id.as_str(), "42");
}

#[test]
fn id_forms_that_are_accepted() {
    let cases: &[(&str, &str)] = &[
        ("42", "42"),
        ("\"42\"", "42"),
        ("\" 42 \"", "42"),
        // Beyond 2^53: only the string form keeps every digit, and it is kept verbatim.
        ("\"10000000000000123\"", "10000000000000123"),
        ("18446744073709551615", "18446744073709551615"),
        ("-5", "-5"),
        // JSON.parse hands over JS numbers, which serde may see as floats.
        ("42.0", "42"),
        // Sharded global ids are strings in Canvas anyway.
        ("\"1~42\"", "1~42"),
    ];
    for (json, want) in cases {
        let id: Id = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(id.as_str(), *want, "{json}");
    }
}

#[test]
fn id_forms_that_are_rejected() {
    for json in ["\"\"", "\"   \"", "1.5", "null", "true", "{}", "[1]", "1e300"] {
        assert!(serde_json::from_str::<Id>(json).is_err(), "{json} is not an id");
    }
}

#[test]
fn nullable_ids_accept_null_and_absence() {
    let cases = [
        r#"{"id":1,"workflow_state":"queued","user_id":null,"context_id":null}"#,
        r#"{"id":1,"workflow_state":"queued"}"#,
    ];
    for json in cases {
        let p = parse(json);
        assert_eq!(p.user_id, None, "{json}");
        assert_eq!(p.context_id, None, "{json}");
        assert_eq!(Snapshot::from_canvas(&p).user_id, None, "{json}");
    }
}

#[test]
fn completion_is_a_nullable_float_read_as_given() {
    // (completion JSON, raw completion kept, percent shown)
    let cases: &[(&str, Option<f64>, Option<f64>)] = &[
        ("null", None, None),
        ("0", Some(0.0), Some(0.0)),
        ("55.0", Some(55.0), Some(55.0)),
        ("55", Some(55.0), Some(55.0)),
        ("33.333333333333336", Some(33.333333333333336), Some(33.333333333333336)),
        ("100", Some(100.0), Some(100.0)),
        // Canvas does not clamp (increment_completion! can overshoot): the raw value is
        // kept, the bar is clamped.
        ("112.5", Some(112.5), Some(100.0)),
        ("1e3", Some(1000.0), Some(100.0)),
        ("-3", Some(-3.0), Some(0.0)),
        ("-0.5", Some(-0.5), Some(0.0)),
        // Proxies that stringify numbers.
        ("\"42\"", Some(42.0), Some(42.0)),
        ("\" 42.5 \"", Some(42.5), Some(42.5)),
        ("\"150\"", Some(150.0), Some(100.0)),
        ("\"-7\"", Some(-7.0), Some(0.0)),
    ];
    for (fragment, raw, shown) in cases {
        let p = parse(&with_completion(fragment));
        assert_eq!(p.completion, *raw, "completion {fragment}");
        assert_eq!(p.percent(), *shown, "percent of {fragment}");
        assert_eq!(Snapshot::from_canvas(&p).percent, *shown, "snapshot of {fragment}");
    }
}

#[test]
fn completion_missing_is_indeterminate() {
    // Course pace publish progresses are created without a completion; Canvas's JS fixture
    // PROGRESS_FAILED has `completion: undefined`, which JSON.stringify drops.
    let p = parse(r#"{"id":1,"workflow_state":"running"}"#);
    assert_eq!(p.completion, None);
    let s = Snapshot::from_canvas(&p);
    assert_eq!(s.percent, None);
    assert_eq!(s.value_text(), "Running");
}

#[test]
fn nan_like_completion_strings_are_indeterminate() {
    // Canvas computes 0.0/0 = NaN for a pace with no enrollments; whatever a proxy makes of
    // it must not become a number on the bar.
    for fragment in
        ["\"NaN\"", "\"nan\"", "\"-NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"inf\"", "\"null\"", "\"\"", "\"  \""]
    {
        let p = parse(&with_completion(fragment));
        assert_eq!(p.completion, None, "completion {fragment}");
        assert_eq!(Snapshot::from_canvas(&p).percent, None, "snapshot of {fragment}");
    }
}

#[test]
fn a_non_numeric_completion_string_is_a_parse_error_not_a_number() {
    for fragment in ["\"abc\"", "\"55%\"", "true", "[]", "{}"] {
        assert!(
            serde_json::from_str::<CanvasProgress>(&with_completion(fragment)).is_err(),
            "completion {fragment} must not be guessed"
        );
    }
}

#[test]
fn clamp_percent_maps_non_finite_to_none_and_clamps_the_rest() {
    let cases: &[(Option<f64>, Option<f64>)] = &[
        (None, None),
        (Some(f64::NAN), None),
        (Some(f64::INFINITY), None),
        (Some(f64::NEG_INFINITY), None),
        (Some(-0.0), Some(0.0)),
        (Some(-1.0), Some(0.0)),
        (Some(0.0), Some(0.0)),
        (Some(99.9), Some(99.9)),
        (Some(100.0), Some(100.0)),
        (Some(100.1), Some(100.0)),
        (Some(f64::MAX), Some(100.0)),
    ];
    for (input, want) in cases {
        assert_eq!(clamp_percent(*input), *want, "{input:?}");
    }
}

#[test]
fn every_workflow_state_parses_with_its_terminality_wire_name_and_label() {
    // (wire, state, terminal, label)
    let cases: &[(&str, ProgressState, bool, &str)] = &[
        ("queued", ProgressState::Queued, false, "Queued"),
        ("running", ProgressState::Running, false, "Running"),
        ("waiting_for_external_tool", ProgressState::WaitingForExternalTool, false, "Waiting for external tool"),
        ("completed", ProgressState::Completed, true, "Completed"),
        ("failed", ProgressState::Failed, true, "Failed"),
        ("canceled", ProgressState::Canceled, true, "Canceled"),
    ];
    for (wire, state, terminal, label) in cases {
        let p = parse(&format!(r#"{{"id":1,"workflow_state":"{wire}"}}"#));
        assert_eq!(&p.workflow_state, state, "{wire}");
        assert_eq!(p.workflow_state.is_terminal(), *terminal, "{wire} terminal");
        assert_eq!(p.workflow_state.as_str(), *wire, "{wire} round trip");
        assert_eq!(p.workflow_state.label(), *label, "{wire} label");
        assert_eq!(ProgressState::parse(wire), *state, "{wire} via parse");
    }
}

#[test]
fn the_british_spelling_cancelled_is_canceled() {
    let s = ProgressState::parse("cancelled");
    assert_eq!(s, ProgressState::Canceled);
    assert!(s.is_terminal());
    assert_eq!(s.as_str(), "canceled");
}

#[test]
fn unknown_states_are_kept_not_terminal_and_labelled_from_their_name() {
    // (wire, label)
    let cases: &[(&str, &str)] = &[
        ("paused_by_admin", "Paused by admin"),
        ("compiling", "Compiling"),
        // States are case-sensitive on the wire: "Completed" is not Canvas's "completed".
        ("Completed", "Completed"),
        ("x", "X"),
        ("", ""),
        // A non-ASCII first letter must not panic the label.
        ("été", "été"),
    ];
    for (wire, label) in cases {
        let p = parse(&format!(r#"{{"id":1,"workflow_state":"{wire}"}}"#));
        assert_eq!(p.workflow_state, ProgressState::Unknown((*wire).to_owned()), "{wire:?}");
        assert!(!p.workflow_state.is_terminal(), "{wire:?} keeps polling");
        assert_eq!(p.workflow_state.as_str(), *wire, "{wire:?} is kept verbatim");
        assert_eq!(p.workflow_state.label(), *label, "{wire:?} label");
    }
}

#[test]
fn an_unknown_state_snapshot_keeps_polling_and_names_the_state() {
    let p = parse(r#"{"id":1,"workflow_state":"paused_by_admin","completion":30}"#);
    let s = Snapshot::from_canvas(&p);
    assert!(!s.is_terminal());
    assert_eq!(s.value_text(), "30 percent, paused by admin");
}

#[test]
fn a_progress_without_a_usable_state_or_id_is_rejected() {
    for json in [
        r#"{"id":1}"#,
        r#"{"id":1,"workflow_state":null}"#,
        r#"{"id":1,"workflow_state":3}"#,
        r#"{"workflow_state":"running"}"#,
        r#"{"id":null,"workflow_state":"running"}"#,
        r#"[]"#,
        r#""running""#,
    ] {
        assert!(serde_json::from_str::<CanvasProgress>(json).is_err(), "{json}");
    }
}

#[test]
fn a_completed_progress_shows_100_even_if_its_completion_was_lost() {
    for fragment in ["null", "42", "\"NaN\""] {
        let json = format!(r#"{{"id":1,"workflow_state":"completed","completion":{fragment}}}"#);
        let s = Snapshot::from_canvas(&parse(&json));
        assert_eq!(s.percent, Some(100.0), "completion {fragment}");
        assert_eq!(s.value_text(), "100 percent, completed", "completion {fragment}");
    }
}

#[test]
fn failed_and_canceled_progresses_keep_the_completion_they_reached() {
    // (state, completion, percent shown)
    let cases: &[(&str, &str, Option<f64>)] =
        &[("failed", "40", Some(40.0)), ("failed", "null", None), ("canceled", "12.5", Some(12.5))];
    for (state, completion, want) in cases {
        let json = format!(r#"{{"id":1,"workflow_state":"{state}","completion":{completion}}}"#);
        let s = Snapshot::from_canvas(&parse(&json));
        assert!(s.is_terminal(), "{state}");
        assert_eq!(s.percent, *want, "{state} at {completion}");
    }
}

#[test]
fn results_of_any_shape_or_none_at_all_do_not_affect_parsing() {
    // Canvas adds `results` only once the job is over, and it is any serialisable Ruby value.
    let base = parse(r#"{"id":1,"workflow_state":"completed","completion":100}"#);
    for results in [
        r#""results":{"id":"123"}"#,
        r#""results":[1,2,3]"#,
        r#""results":"done""#,
        r#""results":null"#,
        r#""results":{"nested":{"deep":[{"x":1}]}}"#,
    ] {
        let json = format!(r#"{{"id":1,"workflow_state":"completed","completion":100,{results}}}"#);
        assert_eq!(parse(&json), base, "{results}");
    }
}

#[test]
fn blank_messages_are_not_shown() {
    // (message JSON, message kept, message shown)
    let cases: &[(&str, Option<&str>, Option<&str>)] = &[
        ("null", None, None),
        ("\"\"", Some(""), None),
        ("\"   \"", Some("   "), None),
        ("\"Unexpected error, ID: 1234\"", Some("Unexpected error, ID: 1234"), Some("Unexpected error, ID: 1234")),
        ("\"canceled\"", Some("canceled"), Some("canceled")),
    ];
    for (fragment, kept, shown) in cases {
        let json = format!(r#"{{"id":1,"workflow_state":"failed","message":{fragment}}}"#);
        let p = parse(&json);
        assert_eq!(p.message.as_deref(), *kept, "message {fragment}");
        assert_eq!(Snapshot::from_canvas(&p).message.as_deref(), *shown, "shown {fragment}");
    }
    let absent = parse(r#"{"id":1,"workflow_state":"failed"}"#);
    assert_eq!(absent.message, None);
}

#[test]
fn the_while_1_guard_is_stripped_before_parsing() {
    let cases = [
        r#"while(1);{"id":"9","workflow_state":"running","completion":25}"#,
        "while(1);\n{\"id\":\"9\",\"workflow_state\":\"running\",\"completion\":25}\n",
        "  while(1);  {\"id\":\"9\",\"workflow_state\":\"running\",\"completion\":25}",
        r#"{"id":"9","workflow_state":"running","completion":25}"#,
    ];
    for body in cases {
        let p = parse(strip_json_prefix(body));
        assert_eq!(p.id.as_str(), "9", "{body:?}");
        assert_eq!(p.percent(), Some(25.0), "{body:?}");
    }
    assert!(serde_json::from_str::<CanvasProgress>(cases[0]).is_err(), "the guard is not JSON");
}

#[test]
fn unknown_fields_are_ignored() {
    let p = parse(
        r#"{"id":1,"workflow_state":"running","completion":10,
            "delayed_job_id":99,"new_field":{"a":[1,2]},"url":"https://x/api/v1/progress/1","extra":null}"#,
    );
    assert_eq!(p.workflow_state, ProgressState::Running);
    assert_eq!(p.percent(), Some(10.0));
    assert_eq!(p.url.as_deref(), Some("https://x/api/v1/progress/1"));
}

#[test]
fn the_course_pace_publish_progress_parses_as_canvas_creates_it() {
    // `Progress.create!(context: self, tag: "course_pace_publish")`: no user, no completion.
    let p = parse(
        r#"{"id":"57","context_id":"3","context_type":"CoursePace","user_id":null,
            "tag":"course_pace_publish","completion":null,"workflow_state":"queued",
            "created_at":"2026-01-05T10:00:00Z","updated_at":"2026-01-05T10:00:00Z",
            "message":null,"url":"https://canvas.example.edu/api/v1/progress/57"}"#,
    );
    let s = Snapshot::from_canvas(&p);
    assert_eq!(s.state, ProgressState::Queued);
    assert_eq!(s.percent, None);
    assert_eq!(s.user_id, None, "nobody may cancel a pace publish");
    assert_eq!(s.updated_at.as_deref(), Some("2026-01-05T10:00:00Z"));
    assert_eq!(s.value_text(), "Queued");
}

#[test]
fn value_text_floors_the_percent_and_names_the_state() {
    // (state, completion, text)
    let cases: &[(&str, &str, &str)] = &[
        ("running", "0", "0 percent, running"),
        ("running", "99.99", "99 percent, running"),
        ("running", "55.0", "55 percent, running"),
        ("running", "null", "Running"),
        ("queued", "null", "Queued"),
        ("waiting_for_external_tool", "80", "80 percent, waiting for external tool"),
        ("waiting_for_external_tool", "null", "Waiting for external tool"),
        ("failed", "40", "40 percent, failed"),
    ];
    for (state, completion, text) in cases {
        let json = format!(r#"{{"id":1,"workflow_state":"{state}","completion":{completion}}}"#);
        assert_eq!(Snapshot::from_canvas(&parse(&json)).value_text(), *text, "{state} {completion}");
    }
}

#[test]
fn the_movement_key_changes_with_state_percent_and_updated_at_only() {
    let key = |json: &str| Snapshot::from_canvas(&parse(json)).movement_key();
    let base = key(r#"{"id":1,"workflow_state":"running","completion":10,"updated_at":"a"}"#);
    assert_eq!(base, key(r#"{"id":2,"workflow_state":"running","completion":10,"updated_at":"a","message":"x"}"#));
    assert_eq!(base, key(r#"{"id":1,"workflow_state":"running","completion":10.001,"updated_at":"a"}"#));
    for moved in [
        r#"{"id":1,"workflow_state":"running","completion":10.5,"updated_at":"a"}"#,
        r#"{"id":1,"workflow_state":"running","completion":10,"updated_at":"b"}"#,
        r#"{"id":1,"workflow_state":"waiting_for_external_tool","completion":10,"updated_at":"a"}"#,
        r#"{"id":1,"workflow_state":"running","completion":null,"updated_at":"a"}"#,
    ] {
        assert_ne!(base, key(moved), "{moved}");
    }
}
