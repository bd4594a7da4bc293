//! Cloudreve v4 task progress (`GET /api/v4/workflow/progress/:id`): the envelope, every
//! progress type, the "no progress yet" shapes, and the snapshot the bar renders.
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::model::{CloudreveAmount, CloudreveResponse, Measure, ProgressState, Snapshot, Unit};
use lms_widgets::Error;

fn parse(json: &str) -> CloudreveResponse {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{json} should parse: {e}"))
}

fn snapshot(json: &str) -> Snapshot {
    Snapshot::from_cloudreve(&parse(json)).unwrap_or_else(|e| panic!("{json} should be a snapshot: {e}"))
}

fn amount(total: f64, current: f64) -> CloudreveAmount {
    CloudreveAmount { total, current, identifier: None }
}

/// The success example of the API page (reference 002).
const DOC_EXAMPLE: &str = r#"{
  "data": {
    "upload_count": {"total": 34, "current": 25},
    "upload": {"total": 12836332, "current": 16889}
  },
  "code": 0,
  "msg": ""
}"#;

#[test]
fn the_doc_example_keeps_entries_in_server_order() {
    let r = parse(DOC_EXAMPLE);
    assert_eq!(r.code, 0);
    assert_eq!(r.msg, "");
    assert_eq!(
        r.data,
        vec![("upload_count".to_owned(), amount(34.0, 25.0)), ("upload".to_owned(), amount(12_836_332.0, 16_889.0)),]
    );
}

#[test]
fn the_doc_example_shows_bytes_as_the_main_bar_and_files_as_a_secondary_line() {
    let s = snapshot(DOC_EXAMPLE);
    assert_eq!(s.state, ProgressState::Running);
    assert!(!s.is_terminal());
    assert_eq!(
        s.main,
        Some(Measure { label: "Uploaded".into(), current: 16_889.0, total: 12_836_332.0, unit: Unit::Bytes })
    );
    assert_eq!(
        s.secondary,
        vec![Measure { label: "Files uploaded".into(), current: 25.0, total: 34.0, unit: Unit::Files }]
    );
    let pct = s.percent.expect("a determinate bar");
    assert!((pct - 100.0 * 16_889.0 / 12_836_332.0).abs() < 1e-9, "{pct}");
    assert_eq!(s.message, None);
    assert_eq!(s.value_text(), "0 percent, running");
}

#[test]
fn every_progress_type_gets_its_label_and_unit() {
    // (type, label, unit)
    let cases: &[(&str, &str, Unit)] = &[
        ("upload", "Uploaded", Unit::Bytes),
        ("upload_count", "Files uploaded", Unit::Files),
        ("upload_single_0", "Upload thread 1", Unit::Bytes),
        ("upload_single_7", "Upload thread 8", Unit::Bytes),
        // Issue 12 §1 (small traps): the largest u32 used to overflow when counted from 1.
        ("upload_single_4294967295", "Upload thread 4294967296", Unit::Bytes),
        ("upload_single_4294967296", "upload single 4294967296", Unit::Bytes),
        ("imported", "Imported", Unit::Files),
        ("indexed", "Indexed", Unit::Files),
        // Types this library does not know are shown, not dropped.
        ("upload_single_x", "upload single x", Unit::Bytes),
        ("thumbnail_generated", "thumbnail generated", Unit::Files),
    ];
    for (kind, label, unit) in cases {
        let s = snapshot(&format!(r#"{{"code":0,"data":{{"{kind}":{{"total":10,"current":4}}}}}}"#));
        let main = s.main.unwrap_or_else(|| panic!("{kind} is the only entry, so the main bar"));
        assert_eq!(main.label, *label, "{kind}");
        assert_eq!(main.unit, *unit, "{kind}");
        assert_eq!(s.percent, Some(40.0), "{kind}");
        assert!(s.secondary.is_empty(), "{kind}");
    }
}

#[test]
fn an_identifier_is_appended_to_the_label() {
    // (identifier JSON, label)
    let cases: &[(&str, &str)] = &[
        (r#""a.txt""#, "Upload thread 1 (a.txt)"),
        ("7", "Upload thread 1 (7)"),
        (r#""""#, "Upload thread 1"),
        ("null", "Upload thread 1"),
    ];
    for (identifier, label) in cases {
        let json = format!(
            r#"{{"code":0,"data":{{"upload_single_0":{{"total":10,"current":4,"identifier":{identifier}}}}}}}"#
        );
        assert_eq!(snapshot(&json).main.unwrap().label, *label, "identifier {identifier}");
    }
}

#[test]
fn no_progress_information_yet_means_waiting() {
    // Cloudreve's "No available progress" answer sends any type of `data`, or none.
    for data in [
        r#","data":{}"#,
        r#","data":"""#,
        r#","data":null"#,
        r#","data":[]"#,
        r#","data":[{"total":1,"current":1}]"#,
        r#","data":0"#,
        r#","data":12.5"#,
        r#","data":true"#,
        r#","data":"no progress""#,
        "",
    ] {
        let json = format!(r#"{{"code":0,"msg":""{data}}}"#);
        let r = parse(&json);
        assert!(r.data.is_empty(), "{json}");
        let s = Snapshot::from_cloudreve(&r).unwrap();
        assert_eq!(s.state, ProgressState::Queued, "{json}");
        assert!(!s.is_terminal(), "{json} keeps polling");
        assert_eq!(s.percent, None, "{json}");
        assert_eq!(s.main, None, "{json}");
        assert!(s.secondary.is_empty(), "{json}");
        assert_eq!(s.message.as_deref(), Some("Waiting for progress"), "{json}");
    }
}

#[test]
fn entries_without_a_usable_total_and_current_are_skipped() {
    for entry in [
        r#"{"current":5}"#,
        r#"{"total":5}"#,
        r#"{}"#,
        r#"{"total":null,"current":5}"#,
        r#"{"total":10,"current":null}"#,
        r#"{"total":-1,"current":5}"#,
        r#"{"total":10,"current":"abc"}"#,
        r#"{"total":true,"current":1}"#,
        r#"null"#,
        r#""10/20""#,
        r#"[10,20]"#,
        r#"42"#,
        r#"true"#,
    ] {
        let json = format!(r#"{{"code":0,"data":{{"upload":{entry},"imported":{{"total":8,"current":2}}}}}}"#);
        let r = parse(&json);
        assert_eq!(r.data, vec![("imported".to_owned(), amount(8.0, 2.0))], "upload = {entry}");
        let s = Snapshot::from_cloudreve(&r).unwrap();
        assert_eq!(s.main.as_ref().map(|m| m.label.as_str()), Some("Imported"), "upload = {entry}");
        assert_eq!(s.percent, Some(25.0), "upload = {entry}");
    }
}

#[test]
fn numeric_strings_and_unknown_keys_in_an_entry_are_accepted() {
    let r = parse(r#"{"code":0,"data":{"upload":{"total":"200","current":" 50 ","speed":1234,"eta":null}}}"#);
    assert_eq!(r.data, vec![("upload".to_owned(), amount(200.0, 50.0))]);
    assert_eq!(Snapshot::from_cloudreve(&r).unwrap().percent, Some(25.0));
}

#[test]
fn a_nonzero_code_is_a_cloudreve_error_carrying_its_message() {
    // (body, code, msg, display)
    let cases: &[(&str, i64, &str, &str)] = &[
        (
            r#"{"code":40004,"msg":"Task not found","data":null}"#,
            40004,
            "Task not found",
            "Task not found (Cloudreve error 40004).",
        ),
        (r#"{"code":401,"msg":"Login required"}"#, 401, "Login required", "Login required (Cloudreve error 401)."),
        (r#"{"code":-1,"data":{}}"#, -1, "", "Cloudreve error -1."),
        // Even with progress data, a failing code wins.
        (
            r#"{"code":50001,"msg":"Internal error","data":{"upload":{"total":1,"current":1}}}"#,
            50001,
            "Internal error",
            "Internal error (Cloudreve error 50001).",
        ),
    ];
    for (body, code, msg, display) in cases {
        let err = Snapshot::from_cloudreve(&parse(body)).unwrap_err();
        assert_eq!(err, Error::Cloudreve { code: *code, msg: (*msg).to_owned() }, "{body}");
        assert_eq!(err.to_string(), *display, "{body}");
        assert_eq!(err.kind(), "cloudreve");
        assert!(!err.is_retryable(), "{body}: Cloudreve refused, asking again will not help");
    }
}

#[test]
fn a_missing_code_counts_as_success() {
    let s = snapshot(r#"{"data":{"indexed":{"total":4,"current":1}}}"#);
    assert_eq!(s.state, ProgressState::Running);
    assert_eq!(s.percent, Some(25.0));
}

#[test]
fn the_job_completes_when_every_entry_reaches_a_positive_total() {
    // (data, completed?)
    let cases: &[(&str, bool)] = &[
        (r#"{"upload":{"total":10,"current":10}}"#, true),
        (r#"{"upload":{"total":10,"current":12}}"#, true),
        (r#"{"upload":{"total":10,"current":10},"upload_count":{"total":3,"current":3}}"#, true),
        (r#"{"upload":{"total":10,"current":10},"upload_count":{"total":3,"current":2}}"#, false),
        (r#"{"upload":{"total":10,"current":9.5}}"#, false),
        // A zero total is "not known yet", never done.
        (r#"{"upload":{"total":0,"current":0}}"#, false),
        (r#"{"upload":{"total":10,"current":10},"indexed":{"total":0,"current":0}}"#, false),
        // Skipped entries do not count either way.
        (r#"{"upload":{"total":10,"current":10},"imported":{"current":1}}"#, true),
    ];
    for (data, done) in cases {
        let s = snapshot(&format!(r#"{{"code":0,"data":{data}}}"#));
        assert_eq!(s.is_terminal(), *done, "{data}");
        if *done {
            assert_eq!(s.state, ProgressState::Completed, "{data}");
            assert_eq!(s.percent, Some(100.0), "{data}");
        } else {
            assert_eq!(s.state, ProgressState::Running, "{data}");
            assert_eq!(s.percent, s.main.as_ref().and_then(Measure::percent), "{data}: the bar follows the main entry");
        }
    }
}

#[test]
fn the_main_bar_prefers_upload_then_imported_indexed_upload_count_then_the_first_entry() {
    // (data in server order, main label)
    let cases: &[(&str, &str)] = &[
        (
            r#"{"upload_count":{"total":1,"current":0},"indexed":{"total":1,"current":0},"imported":{"total":1,"current":0},"upload":{"total":1,"current":0}}"#,
            "Uploaded",
        ),
        (
            r#"{"upload_count":{"total":1,"current":0},"indexed":{"total":1,"current":0},"imported":{"total":1,"current":0}}"#,
            "Imported",
        ),
        (r#"{"upload_count":{"total":1,"current":0},"indexed":{"total":1,"current":0}}"#, "Indexed"),
        (r#"{"upload_single_0":{"total":1,"current":0},"upload_count":{"total":1,"current":0}}"#, "Files uploaded"),
        (r#"{"upload_single_1":{"total":1,"current":0},"upload_single_0":{"total":1,"current":0}}"#, "Upload thread 2"),
        (r#"{"zzz":{"total":1,"current":0},"aaa":{"total":1,"current":0}}"#, "zzz"),
    ];
    for (data, label) in cases {
        let s = snapshot(&format!(r#"{{"code":0,"data":{data}}}"#));
        assert_eq!(s.main.as_ref().map(|m| m.label.as_str()), Some(*label), "{data}");
    }
}

#[test]
fn every_other_entry_becomes_a_secondary_line_in_server_order() {
    let s = snapshot(
        r#"{"code":0,"data":{
            "upload_single_0":{"total":100,"current":30,"identifier":"a.bin"},
            "upload_count":{"total":3,"current":1},
            "upload":{"total":300,"current":60},
            "upload_single_1":{"total":200,"current":30,"identifier":"b.bin"}}}"#,
    );
    assert_eq!(s.main.as_ref().map(|m| m.label.as_str()), Some("Uploaded"));
    let lines: Vec<(&str, f64, f64, Unit)> =
        s.secondary.iter().map(|m| (m.label.as_str(), m.current, m.total, m.unit)).collect();
    assert_eq!(
        lines,
        vec![
            ("Upload thread 1 (a.bin)", 30.0, 100.0, Unit::Bytes),
            ("Files uploaded", 1.0, 3.0, Unit::Files),
            ("Upload thread 2 (b.bin)", 30.0, 200.0, Unit::Bytes),
        ]
    );
    assert_eq!(s.percent, Some(20.0), "the bar follows the main entry");
}

#[test]
fn a_main_entry_with_a_zero_total_is_indeterminate() {
    let s = snapshot(r#"{"code":0,"data":{"upload":{"total":0,"current":0},"upload_count":{"total":3,"current":1}}}"#);
    assert_eq!(s.state, ProgressState::Running);
    assert_eq!(s.main.as_ref().map(|m| m.label.as_str()), Some("Uploaded"));
    assert_eq!(s.percent, None);
    assert_eq!(s.value_text(), "Running");
}

#[test]
fn measure_percent_is_clamped_and_undefined_for_a_zero_total() {
    // (current, total, percent)
    let cases: &[(f64, f64, Option<f64>)] = &[
        (0.0, 0.0, None),
        (5.0, 0.0, None),
        (0.0, 10.0, Some(0.0)),
        (5.0, 10.0, Some(50.0)),
        (10.0, 10.0, Some(100.0)),
        (15.0, 10.0, Some(100.0)),
        (1.0, 3.0, Some(100.0 / 3.0)),
    ];
    for (current, total, want) in cases {
        let m = Measure { label: String::new(), current: *current, total: *total, unit: Unit::Files };
        assert_eq!(m.percent(), *want, "{current} of {total}");
    }
}

#[test]
fn cloudreve_snapshots_carry_no_canvas_only_fields() {
    let s = snapshot(DOC_EXAMPLE);
    assert_eq!(s.updated_at, None);
    assert_eq!(s.user_id, None, "Cloudreve tasks are never cancelled from the widget");
}

#[test]
fn the_movement_key_follows_the_main_amount() {
    let key = |current: u64| {
        snapshot(&format!(r#"{{"code":0,"data":{{"upload":{{"total":1000000000,"current":{current}}}}}}}"#))
            .movement_key()
    };
    // 1000 bytes of 1 GB do not move the rounded percent, but they are movement.
    assert_ne!(key(1000), key(2000));
    assert_eq!(key(1000), key(1000));
}
