//! Canvas course reports: create, show, last, the download, and the scripting around them.

mod support;

use serde_json::{json, Value};
use support::*;

const BASE: &str = "/api/v1/courses/3/reports";

fn create(sim: &Sim, body: Value) -> Value {
    let a = sim.call("POST", &format!("{BASE}/course_pace_docx"), &[USER_1, JSON], Some(body));
    assert_eq!(a.status, 200, "{}", a.body);
    a.json()
}

#[test]
fn a_report_runs_from_created_to_complete_with_rising_progress() {
    let sim = start();
    let r = create(&sim, json!({"parameters": {"enrollment_ids": [], "section_ids": ["7"]}}));
    let show = format!("{BASE}/course_pace_docx/{}", r["id"]);
    // (ms to advance, status, progress, file present)
    let steps = [
        (0, "created", 0, false),
        (300, "running", 0, false),
        (1500, "running", 50, false),
        (1200, "running", 90, false),
        (300, "complete", 100, true),
    ];
    for (ms, status, progress, file) in steps {
        sim.advance(ms);
        let v = sim.get(&show, &[USER_1, JSON]).json();
        assert_eq!((v["status"].as_str(), v["progress"].as_u64()), (Some(status), Some(progress)), "{v}");
        assert_eq!(v["file_url"].is_string(), file, "file_url null until the file exists");
        assert_eq!(v.get("attachment").is_some(), file, "attachment only once it exists");
        assert_eq!(v["started_at"].is_null(), status == "created");
        assert_eq!(v["ended_at"].is_null(), status != "complete");
        assert_eq!(v["parameters"], json!({"enrollment_ids": [], "section_ids": ["7"]}));
    }
}

#[test]
fn the_report_type_is_checked_before_permissions() {
    let sim = start();
    for (headers, status, body) in [
        (vec![USER_1, JSON], 400, json!({"error": "invalid report type grades"})),
        (vec![USER_2, JSON], 400, json!({"error": "invalid report type grades"})),
        (vec![JSON], 401, json!({"status":"unauthenticated","errors":[{"message":"user authorization required"}]})),
    ] {
        let a = sim.call("POST", &format!("{BASE}/grades"), &headers, Some(json!({})));
        assert_eq!((a.status, a.json()), (status, body), "{headers:?}");
    }
}

#[test]
fn parameters_come_from_json_or_rails_form_fields_and_only_the_two_lists_are_kept() {
    let sim = start();
    let form =
        "parameters[enrollment_ids][]=4&parameters[enrollment_ids][]=5&parameters[section_ids][]=9&parameters[junk]=1";
    let cases = [
        (
            "application/json",
            r#"{"parameters":{"enrollment_ids":[1],"section_ids":[],"other":1}}"#,
            json!({"enrollment_ids": [1], "section_ids": []}),
        ),
        ("application/x-www-form-urlencoded", form, json!({"enrollment_ids": ["4", "5"], "section_ids": ["9"]})),
        ("application/json", "", json!({"enrollment_ids": [], "section_ids": []})),
    ];
    for (ct, body, want) in cases {
        let a = sim.send("POST", &format!("{BASE}/course_pace_docx"), &[USER_1, JSON], ct, body);
        assert_eq!(a.json()["parameters"], want, "{body}");
    }
}

#[test]
fn show_and_last_follow_canvas_errors() {
    let sim = start();
    let last = format!("{BASE}/course_pace_docx/last");
    let none = sim.get(&last, &[USER_1, JSON]);
    assert_eq!(none.status, 500, "Canvas double-renders when there is no report");
    let r = create(&sim, json!({}));
    let seeded_deleted = sim.post("/sim/reports/seed", json!({"course_id": 3, "status": "deleted"}));
    let cases = [
        (format!("{BASE}/course_pace_docx/{}", r["id"]), USER_1, 200),
        (format!("{BASE}/anything/{}", r["id"]), USER_1, 200), // the type segment is ignored
        (format!("{BASE}/course_pace_docx/{}", r["id"]), USER_2, 401),
        (format!("/api/v1/courses/4/reports/course_pace_docx/{}", r["id"]), USER_1, 404),
        (format!("{BASE}/course_pace_docx/{}", seeded_deleted["id"]), USER_1, 404),
        (format!("{BASE}/course_pace_docx/12345678"), USER_1, 404),
        (last.clone(), USER_1, 200),
        (format!("{BASE}/course_pace_docx"), USER_1, 200), // the bare route is "last" too
        (last.clone(), USER_2, 500),
    ];
    for (path, user, status) in cases {
        let a = sim.get(&path, &[user, JSON]);
        assert_eq!(a.status, status, "{path} as {user:?}: {}", a.body);
        if status == 200 {
            assert_eq!(a.json()["id"], r["id"], "{path}");
        }
    }
}

#[test]
fn the_next_report_can_be_scripted_to_fail() {
    let sim = start();
    sim.post("/sim/reports/config", json!({"duration_ms": 1000, "error": true}));
    let failing = create(&sim, json!({}));
    let next = create(&sim, json!({}));
    sim.advance(2000);
    let f = sim.get(&format!("{BASE}/course_pace_docx/{}", failing["id"]), &[USER_1, JSON]).json();
    assert_eq!((f["status"].as_str(), &f["file_url"], f.get("attachment")), (Some("error"), &Value::Null, None));
    assert!(f["progress"].as_u64().unwrap() < 100);
    sim.advance(2000);
    let ok = sim.get(&format!("{BASE}/course_pace_docx/{}", next["id"]), &[USER_1, JSON]).json();
    assert_eq!(ok["status"], "complete", "the config applies to one report");
}

#[test]
fn seeded_reports_let_a_card_resume() {
    let sim = start();
    // (status, progress asked, status seen, progress seen, file)
    let cases = [
        ("created", None, "created", 0, false),
        ("running", Some(70), "running", 70, false),
        ("running", None, "running", 25, false),
        ("complete", None, "complete", 100, true),
        ("error", None, "error", 40, false),
    ];
    for (status, progress, seen, seen_progress, file) in cases {
        let seeded = sim
            .post("/sim/reports/seed", json!({"course_id": 8, "user_id": 2, "status": status, "progress": progress}));
        let last = sim.get("/api/v1/courses/8/reports/course_pace_docx/last", &[USER_2, JSON]).json();
        assert_eq!(last["id"], seeded["id"]);
        assert_eq!(
            (last["status"].as_str(), last["progress"].as_u64(), last["file_url"].is_string()),
            (Some(seen), Some(seen_progress), file),
            "{status}"
        );
    }
    assert_eq!(
        sim.call("POST", "/sim/reports/seed", &[], Some(json!({"course_id": 8, "status": "paused"}))).status,
        400
    );
}

#[test]
fn the_download_is_a_real_docx_once_complete() {
    let sim = start();
    let r = create(&sim, json!({}));
    let id = r["id"].as_u64().unwrap();
    let early = format!("/files/{}/download", 900_000 + id);
    assert_eq!(sim.get(&early, &[]).status, 404, "no file before it is complete");
    sim.advance(10_000);
    let done = sim.get(&format!("{BASE}/course_pace_docx/{id}"), &[USER_1, STRING_IDS]).json();
    assert!(done["attachment"]["id"].is_string(), "string ids reach the attachment too");
    let file_url = done["file_url"].as_str().unwrap();
    assert_eq!(done["attachment"]["url"], file_url);
    assert!(file_url.starts_with(&sim.base), "an absolute URL on this server: {file_url}");
    let path = &file_url[sim.base.len()..];
    let mut r = ureq::get(&format!("{}{path}", sim.base)).call().unwrap().into_reader();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut r, &mut bytes).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip");
    assert_eq!(done["attachment"]["size"].as_u64(), Some(bytes.len() as u64));
    let head = sim.call("HEAD", path, &[], None);
    assert_eq!(head.content_type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assert_eq!(head.header("Content-Disposition"), Some("attachment; filename=\"course_pace_3.docx\""));
    assert_eq!(done["attachment"]["display_name"], "course_pace_3.docx");
    assert_eq!(done["attachment"]["content-type"], head.content_type);
}
