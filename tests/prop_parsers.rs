//! Property tests of every parser of server and page input (issue 12 §2, "Property tests"):
//! Canvas Progress, Cloudreve progress, course reports (and the "last report" body), course
//! paces and blackout lists, stored drafts, error bodies and whole HTTP answers, and the
//! option readers (ids, id lists, report types, formats, download links, typed durations).
//!
//! Each gets arbitrary JSON-ish values (their own field names among the keys, every JSON type
//! in every field, the hostile strings of `tests/fixtures/hostile.json`), arbitrary text and
//! arbitrary bytes. Nothing panics, every run ends, and what is refused is refused with an
//! error that names the field (a missing one by name, a bad option by its attribute name, a
//! bad draft entry by its item). What is read is then pushed through what the widgets derive
//! from it (snapshots, labels, download links, plans), which must not panic either.
//!
//! Case counts are fixed (`CASES`) so the run stays well under a minute on a loaded machine.
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::model::{
    canvas_cancel_url, clamp_percent, default_label, parse_id, parse_id_list, resolve_course_id, vet_download_url,
    CanvasProgress, CloudreveResponse, CourseReport, Format, LastBody, ReportAttachment, ReportParameters,
    ReportTarget, Snapshot,
};
use lms_widgets::net::{classify, parse_retry_after, strip_json_prefix, ErrorBody, RawResponse};
use lms_widgets::timeline::{parse_duration, plan_view, BlackoutList, Draft, PaceEnvelope};
use lms_widgets::Error;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Cases per property.
const CASES: u32 = 256;

fn config() -> ProptestConfig {
    ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() }
}

/// The fixture's strings (texts and links), so the generators use the same hostile payloads
/// as the browser tests.
fn hostile_strings() -> Vec<String> {
    let v: Value = serde_json::from_str(include_str!("fixtures/hostile.json")).expect("hostile.json is JSON");
    let mut out = Vec::new();
    for list in ["text", "links"] {
        for p in v[list].as_array().expect("a list") {
            if let Some(s) = p["value"].as_str() {
                out.push(s.to_owned());
            }
        }
    }
    assert!(out.len() >= 30, "the fixture has {} payloads", out.len());
    out
}

/// Every field name the parsers read, plus prototype-polluting keys.
const KEYS: &[&str] = &[
    "id",
    "context_id",
    "context_type",
    "user_id",
    "tag",
    "completion",
    "workflow_state",
    "created_at",
    "updated_at",
    "message",
    "url",
    "results",
    "code",
    "msg",
    "data",
    "upload",
    "upload_count",
    "upload_single_0",
    "upload_single_4294967295",
    "imported",
    "indexed",
    "total",
    "current",
    "identifier",
    "status",
    "report_type",
    "course_id",
    "parameters",
    "enrollment_ids",
    "section_ids",
    "started_at",
    "ended_at",
    "file_url",
    "attachment",
    "display_name",
    "filename",
    "size",
    "content-type",
    "progress",
    "course_pace",
    "modules",
    "items",
    "name",
    "position",
    "duration",
    "module_item_id",
    "assignment_title",
    "assignment_link",
    "exclude_weekends",
    "selected_days_to_skip",
    "hard_end_dates",
    "start_date",
    "end_date",
    "blackout_dates",
    "event_title",
    "durations",
    "settings",
    "saved_at",
    "errors",
    "error",
    "__proto__",
    "constructor",
    "prototype",
];

fn any_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        2 => prop::sample::select(hostile_strings()),
        1 => prop::sample::select(vec!["", " ", "0", "-1", "1.5", "NaN", "Infinity", "-Infinity", "1e400", "null",
            "true", "queued", "running", "completed", "failed", "complete", "error", "2026-09-01", "2024-02-29",
            "1~234", "18446744073709551616", "mon", "sat"])
        .prop_map(str::to_owned),
    ]
}

fn any_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        (-5i64..200).prop_map(|n| json!(n)),
        Just(json!(9_007_199_254_740_993u64)),
        Just(json!(-0.0)),
        Just(json!(1e308)),
    ]
}

/// Any JSON value, biased towards the parsers' own keys and scalars.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any_number(),
        any_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 96, 10, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..10).prop_map(Value::Array),
            prop::collection::vec(
                (prop_oneof![4 => prop::sample::select(KEYS).prop_map(str::to_owned), 1 => any::<String>()], inner),
                0..10
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A nearly valid object for a parser: `base` with some fields replaced by any value or removed.
fn mutated(base: Value) -> impl Strategy<Value = Value> {
    let fields: Vec<String> = base.as_object().unwrap().keys().cloned().collect();
    prop::collection::vec((prop::sample::select(fields), prop::option::of(any_json())), 0..4).prop_map(move |edits| {
        let mut v = base.clone();
        for (k, new) in edits {
            match new {
                Some(x) => v[&k] = x,
                None => {
                    v.as_object_mut().unwrap().remove(&k);
                }
            }
        }
        v
    })
}

fn progress_base() -> Value {
    json!({"id": 7, "context_id": 1, "context_type": "Course", "user_id": 3, "tag": "course_pace_publish",
        "completion": 50.0, "workflow_state": "running", "created_at": "2026-09-01T10:00:00Z",
        "updated_at": "2026-09-01T10:00:05Z", "message": null, "url": "/api/v1/progress/7", "results": null})
}

fn report_base() -> Value {
    json!({"id": "12", "report_type": "course_pace_docx", "course_id": "1", "status": "complete", "progress": 100,
        "parameters": {"enrollment_ids": [], "section_ids": ["4"]}, "created_at": "2026-03-01T10:00:00Z",
        "started_at": null, "ended_at": "2026-03-01T10:00:09Z", "file_url": "/files/9/download",
        "attachment": {"id": "9", "display_name": "course_pace.docx", "filename": "course_pace.docx", "size": 48213,
            "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "url": "/files/9/download"}})
}

fn pace_base() -> Value {
    json!({"id": 1, "course_id": 1, "exclude_weekends": true, "start_date": "2026-09-01", "end_date": "2026-12-18",
        "selected_days_to_skip": ["sat", "sun"], "hard_end_dates": true, "workflow_state": "active",
        "updated_at": "2026-08-20T12:00:00Z",
        "modules": [{"id": 1, "name": "Module A", "position": 1, "items": [
            {"id": 5, "duration": 2, "module_item_id": 50, "assignment_title": "Essay",
             "assignment_link": "/courses/1/modules/items/50", "position": 1, "published": true},
            {"id": 6, "duration": 3, "module_item_id": 51, "assignment_title": "Quiz", "position": 2}]}]})
}

/// Whether a serde error names `field` (in backticks, as serde writes field names).
fn names(e: &impl ToString, field: &str) -> bool {
    e.to_string().contains(&format!("`{field}`"))
}

/// What the progress bar derives from a Progress; none of it may panic.
fn derive_progress(p: &CanvasProgress) {
    let s = Snapshot::from_canvas(p);
    let _ = (s.value_text(), s.movement_key(), s.is_terminal(), p.workflow_state.label(), p.percent());
    assert!(s.percent.is_none_or(|x| (0.0..=100.0).contains(&x)), "percent {:?} out of range", s.percent);
    if let Some(u) = &p.url {
        let _ = canvas_cancel_url(u);
    }
}

fn derive_report(r: &CourseReport) {
    let s = Snapshot::from_report(r);
    let _ = (s.value_text(), r.status.label(), r.file_name(), r.file_size(), r.percent());
    assert!(r.percent().is_none_or(|x| (0.0..=100.0).contains(&x)));
    if let Some(u) = r.download_url() {
        if let Ok(ok) = vet_download_url(u) {
            assert!(!ok.is_empty());
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn progress_bodies_are_read_or_refused_naming_the_field(v in prop_oneof![any_json(), mutated(progress_base())]) {
        match serde_json::from_str::<CanvasProgress>(&v.to_string()) {
            Ok(p) => derive_progress(&p),
            Err(e) => {
                // Only `id` and `workflow_state` are required; their absence is named.
                for f in ["id", "workflow_state"] {
                    if v.is_object() && v.get(f).is_none() && e.to_string().starts_with("missing field") {
                        prop_assert!(names(&e, "id") || names(&e, "workflow_state"), "{}", e);
                    }
                }
                prop_assert!(!e.to_string().is_empty());
            }
        }
    }

    #[test]
    fn cloudreve_bodies_never_fail_on_odd_entries(v in any_json()) {
        // Every field is optional and odd entries are skipped, so only a non-object body or
        // a wrongly typed `code`/`msg` can be refused.
        match serde_json::from_str::<CloudreveResponse>(&v.to_string()) {
            Ok(r) => match Snapshot::from_cloudreve(&r) {
                Ok(s) => {
                    let _ = (s.value_text(), s.movement_key());
                    for m in s.main.iter().chain(&s.secondary) {
                        prop_assert!(m.percent().is_none_or(|x| (0.0..=100.0).contains(&x)));
                    }
                }
                Err(e) => prop_assert!(matches!(e, Error::Cloudreve { .. }) && r.code != 0, "{e:?}"),
            },
            Err(e) => {
                let o = v.as_object();
                prop_assert!(
                    o.is_none() || o.is_some_and(|o| ["code", "msg"].iter().any(|f| o.contains_key(*f))),
                    "{} for {}", e, v
                );
            }
        }
    }

    #[test]
    fn cloudreve_data_of_any_shape_is_kept_or_skipped(data in any_json(), code in any_number()) {
        let body = json!({"code": 0, "msg": "", "data": data});
        let r = serde_json::from_str::<CloudreveResponse>(&body.to_string()).expect("any data is readable");
        prop_assert!(Snapshot::from_cloudreve(&r).is_ok());
        let body = json!({"code": code, "msg": "x", "data": {}});
        if let Ok(r) = serde_json::from_str::<CloudreveResponse>(&body.to_string()) {
            prop_assert_eq!(Snapshot::from_cloudreve(&r).is_err(), r.code != 0);
        }
    }

    #[test]
    fn report_bodies_and_last_bodies_are_read_or_refused(v in prop_oneof![any_json(), mutated(report_base())]) {
        let text = v.to_string();
        if let Ok(r) = serde_json::from_str::<CourseReport>(&text) {
            derive_report(&r);
        }
        match serde_json::from_str::<LastBody>(&text) {
            Ok(LastBody::Report(r)) => {
                prop_assert!(!r.id.as_str().is_empty());
                derive_report(&r);
            }
            Ok(LastBody::Other) => {}
            Err(e) => prop_assert!(v.is_object(), "only an object can be refused: {}", e),
        }
        let _ = serde_json::from_str::<ReportAttachment>(&text);
        let _ = serde_json::from_str::<ReportParameters>(&text);
    }

    #[test]
    fn pace_bodies_are_read_or_refused_and_planned_or_refused(
        pace in prop_oneof![any_json(), mutated(pace_base())],
        blackouts in any_json(),
        draft in any_json(),
    ) {
        let envelope = json!({"course_pace": pace, "progress": null}).to_string();
        let Ok(env) = serde_json::from_str::<PaceEnvelope>(&envelope) else { return Ok(()) };
        let blackouts = serde_json::from_str::<BlackoutList>(&blackouts.to_string()).map(|b| b.into_vec()).unwrap_or_default();
        let draft = serde_json::from_str::<Draft>(&draft.to_string()).ok().filter(|d| d.validate().is_ok()).unwrap_or_default();
        match plan_view(&env.course_pace, &draft, &blackouts, None) {
            Ok(p) => prop_assert_eq!(p.due_dates.len(), env.course_pace.items().count()),
            Err(e) => {
                let msg = e.to_string();
                prop_assert!(msg.ends_with('.') && msg.len() > 5, "{}", msg);
            }
        }
        let _ = env.course_pace.to_request(&blackouts);
    }

    #[test]
    fn a_missing_module_item_id_is_named(k in 0usize..2) {
        let mut p = pace_base();
        p["modules"][0]["items"][k].as_object_mut().unwrap().remove("module_item_id");
        let e = serde_json::from_str::<PaceEnvelope>(&json!({"course_pace": p}).to_string()).unwrap_err();
        prop_assert!(names(&e, "module_item_id"), "{}", e);
        let mut p = pace_base();
        p["modules"][0]["items"][k]["duration"] = json!(-2);
        let e = serde_json::from_str::<PaceEnvelope>(&json!({"course_pace": p}).to_string()).unwrap_err();
        prop_assert!(e.to_string().starts_with("the duration -2 is not a whole number of days"), "{}", e);
    }

    #[test]
    fn stored_drafts_are_refused_naming_what_is_wrong(
        id in any_string(), days in any::<u32>(), weekday in any_string(), end in any_string(), saved in any_number(),
        raw in any_json(),
    ) {
        let v = json!({"durations": {id.clone(): days}, "settings": {"exclude_weekends": true,
            "selected_days_to_skip": [weekday.clone()], "end_date": end.clone()}, "saved_at": saved});
        if let Ok(d) = serde_json::from_str::<Draft>(&v.to_string()) {
            match d.validate() {
                Ok(()) => {
                    prop_assert!(!id.trim().is_empty() && days <= 3650);
                    prop_assert!(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].contains(&weekday.as_str()));
                }
                Err(why) => {
                    let named = (id.trim().is_empty() || days > 3650) && why.contains(&format!("item {id:?}"))
                        || why.contains(&format!("{weekday:?} is not a day of the week"))
                        || why.starts_with("the end date: ");
                    prop_assert!(named, "{why:?} does not name the bad entry");
                }
            }
        }
        // A draft of any shape is read or refused, never a panic; a read one validates or not.
        if let Ok(d) = serde_json::from_str::<Draft>(&raw.to_string()) {
            let _ = (d.validate(), d.len(), d.is_empty());
        }
    }

    #[test]
    fn error_bodies_give_a_message_or_none(v in any_json(), depth in 0usize..20_000) {
        let text = v.to_string();
        if let Ok(b) = serde_json::from_str::<ErrorBody>(&text) {
            if let Some(m) = b.message() {
                prop_assert!(!m.trim().is_empty());
            }
        }
        // A depth bomb inside `errors` is skipped, not recursed into.
        let bomb = format!("{{\"errors\":{}{}}}", "[".repeat(depth), "]".repeat(depth));
        let mut de = serde_json::Deserializer::from_str(&bomb);
        de.disable_recursion_limit();
        let _ = serde::Deserialize::deserialize(&mut de).map(|b: ErrorBody| b.message());
    }

    #[test]
    fn any_answer_is_classified(
        status in prop_oneof![100u16..600, Just(0u16), Just(u16::MAX)],
        content_type in prop::option::of(prop_oneof![any_string(), Just("text/html; charset=utf-8".to_owned())]),
        body in prop_oneof![any_string(), any_json().prop_map(|v| v.to_string()),
            any_json().prop_map(|v| format!("while(1);{v}"))],
        retry_after in prop::option::of(any_string()),
    ) {
        let message_of = |b: &str| serde_json::from_str::<ErrorBody>(b).ok().and_then(ErrorBody::message);
        let r = RawResponse { status, content_type: content_type.as_deref(), body: &body, retry_after: retry_after.as_deref() };
        match classify(r, message_of) {
            Ok(json) => prop_assert!((200..300).contains(&status) && !json.is_empty()),
            Err(e) => {
                let sentence = e.to_string();
                prop_assert!(sentence.len() > 5 && !e.kind().is_empty(), "{:?}", e);
                if let Error::Throttled { retry_after_ms: Some(ms) } = e {
                    prop_assert!(ms <= 3_600_000);
                }
            }
        }
        let _ = (strip_json_prefix(&body), retry_after.as_deref().map(parse_retry_after));
    }

    #[test]
    fn arbitrary_text_and_bytes_are_never_a_panic(s in any_string(), bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        for input in [s.as_bytes(), &bytes[..]] {
            let _ = serde_json::from_slice::<CanvasProgress>(input).map(|p| derive_progress(&p));
            let _ = serde_json::from_slice::<CloudreveResponse>(input).map(|r| Snapshot::from_cloudreve(&r).is_ok());
            let _ = serde_json::from_slice::<CourseReport>(input).map(|r| derive_report(&r));
            let _ = serde_json::from_slice::<LastBody>(input);
            let _ = serde_json::from_slice::<PaceEnvelope>(input);
            let _ = serde_json::from_slice::<BlackoutList>(input);
            let _ = serde_json::from_slice::<Draft>(input).map(|d| d.validate());
            let _ = serde_json::from_slice::<ErrorBody>(input).map(ErrorBody::message);
        }
    }

    #[test]
    fn option_readers_accept_ids_or_name_the_option(s in any_string(), t in any_string()) {
        match parse_id(&s, "course-id") {
            Ok(id) => prop_assert!(!id.as_str().is_empty() && id.as_str().bytes().all(|b| b.is_ascii_digit() || b == b'~')),
            Err(e) => {
                prop_assert!(matches!(e, Error::InvalidOption { name: "course-id", .. }), "{:?}", e);
                prop_assert!(e.to_string().starts_with("Invalid `course-id`: "), "{}", e);
            }
        }
        match parse_id_list(&s, "section-ids") {
            Ok(ids) => prop_assert!(ids.iter().all(|i| i.as_str().bytes().all(|b| b.is_ascii_digit() || b == b'~'))),
            Err(e) => prop_assert!(e.to_string().starts_with("Invalid `section-ids`: entry "), "{}", e),
        }
        match ReportTarget::new(&s, &t) {
            Ok(target) => prop_assert!(!target.create_url().contains(|c: char| c == '<' || c == '"' || c.is_whitespace())),
            Err(e) => {
                let Error::InvalidOption { name, .. } = &e else { panic!("{e:?}") };
                prop_assert!(*name == "course-id" || *name == "report-type");
            }
        }
        match resolve_course_id(Some(s.as_str()).filter(|_| t.len() % 2 == 0), Some(&t), Some(&s)) {
            Ok(id) => prop_assert!(!id.as_str().is_empty()),
            Err(e) => prop_assert!(e.to_string().starts_with("Invalid `course-id`: ")),
        }
        match Format::parse(&s) {
            Ok(f) => { let _ = f.for_url(&t); }
            Err(e) => prop_assert!(e.to_string().starts_with("Invalid `format`: ")),
        }
        let _ = default_label(&s);
        let _ = ReportParameters::parse(&s, &t);
        match parse_duration(&s) {
            Ok(n) => prop_assert!(n <= 3650),
            Err(why) => prop_assert!(!why.is_empty()),
        }
        let _ = clamp_percent(s.parse().ok());
    }

    #[test]
    fn download_links_are_web_addresses_or_refused(s in any_string(), scheme in prop::sample::select(vec![
        "javascript", "JaVaScRiPt", "data", "vbscript", "file", "blob", "about", "jav\tascript", " javascript",
        "\u{0}javascript", "java\nscript", "http", "https", "HTTPS"]), rest in any_string()) {
        for link in [s.clone(), format!("{scheme}:{rest}")] {
            match vet_download_url(&link) {
                Ok(ok) => {
                    let lower = ok.to_ascii_lowercase();
                    let scheme_part = lower.split(':').next().unwrap_or_default();
                    let has_scheme = lower.contains(':') && scheme_part.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                        && scheme_part.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
                    prop_assert!(!has_scheme || scheme_part == "http" || scheme_part == "https", "{:?} passed", link);
                    prop_assert!(!ok.contains(['\t', '\n', '\r']));
                }
                Err(why) => prop_assert!(why.to_string().starts_with("Canvas sent "), "{}", why),
            }
        }
    }
}
