//! Canvas course pacing: the seeded courses, publishing, create/delete, blackout dates and
//! `compress_dates` (checked against the widget's own engine).

mod support;

use lms_widgets::pace;
use serde_json::{json, Value};
use support::*;

const PACE_1: &str = "/api/v1/courses/1/course_pacing/1";

fn items(pace: &Value) -> Vec<Value> {
    pace["modules"].as_array().unwrap().iter().flat_map(|m| m["items"].as_array().unwrap().clone()).collect()
}

/// The compress_dates body for a pace, as the Canvas page sends it.
fn compress_body(pace: &Value, end: Option<&str>) -> Value {
    let attrs: Vec<Value> = items(pace)
        .iter()
        .map(|i| json!({"id": i["id"], "duration": i["duration"], "module_item_id": i["module_item_id"]}))
        .collect();
    json!({"course_pace": {
        "start_date": pace["start_date"], "end_date": end, "exclude_weekends": pace["exclude_weekends"],
        "selected_days_to_skip": pace["selected_days_to_skip"], "course_pace_module_items_attributes": attrs,
    }, "blackout_dates": []})
}

#[test]
fn course_1_is_a_realistic_course_with_a_hard_end_date() {
    let sim = start();
    let v = sim.get(PACE_1, &[USER_1, JSON]).json();
    assert_eq!(v["progress"], Value::Null);
    let p = &v["course_pace"];
    assert_eq!(
        (p["hard_end_dates"].as_bool(), p["end_date_context"].as_str(), p["exclude_weekends"].as_bool()),
        (Some(true), Some("hard"), Some(true))
    );
    assert_eq!(p["modules"].as_array().unwrap().len(), 6);
    let all = items(p);
    assert_eq!(all.len(), 40);
    let mut types: Vec<&str> = all.iter().map(|i| i["module_item_type"].as_str().unwrap()).collect();
    types.sort_unstable();
    types.dedup();
    assert_eq!(types, ["Assignment", "DiscussionTopic", "Quizzes::Quiz", "WikiPage"]);
    assert!(all.iter().any(|i| i["published"] == false), "one item is unpublished");
    assert!(all.iter().all(|i| i["assignment_title"].as_str().is_some_and(|t| !t.is_empty())));
    let blackouts = sim.get("/api/v1/courses/1/blackout_dates", &[USER_1, JSON]).json()["blackout_dates"].clone();
    assert!(blackouts.as_array().unwrap().iter().any(|b| b["start_date"] != b["end_date"]), "a holiday week");
    // The plan does not fit before the end date, so Canvas compresses it.
    let request: pace::PaceRequest = serde_json::from_value(
        json!({"course_pace": compress_body(p, p["end_date"].as_str())["course_pace"], "blackout_dates": blackouts}),
    )
    .unwrap();
    assert!(pace::plan_pace(&request).unwrap().compressed);
}

#[test]
fn course_2_is_large() {
    let sim = start();
    let big = sim.get("/api/v1/courses/2/course_pacing/2", &[USER_1, JSON]).json();
    assert_eq!(items(&big["course_pace"]).len(), 5000);
    assert_eq!(
        sim.get("/api/v1/courses/2/blackout_dates", &[USER_1, JSON]).json()["blackout_dates"].as_array().unwrap().len(),
        200
    );
}

#[test]
fn compress_dates_answers_what_the_engine_computes_in_module_order() {
    let sim = start();
    let p = sim.get(PACE_1, &[USER_1, JSON]).json()["course_pace"].clone();
    let path = "/api/v1/courses/1/course_pacing/compress_dates";
    let body = compress_body(&p, Some("2026-11-20"));
    let got = sim.call("POST", path, &[USER_1, JSON], Some(body.clone())).json();
    let mut with_course_blackouts = body.clone();
    with_course_blackouts["blackout_dates"] =
        sim.get("/api/v1/courses/1/blackout_dates", &[USER_1, JSON]).json()["blackout_dates"].clone();
    let want = pace::compress_dates(&serde_json::from_value(with_course_blackouts).unwrap()).unwrap();
    assert_eq!(got.as_object().unwrap().len(), 40);
    for (id, date) in &want {
        assert_eq!(got[id], pace::format_date(*date), "item {id}");
    }
    assert!(got.as_object().unwrap().values().all(|d| d.as_str().unwrap() <= "2026-11-20"), "everything fits");
    // Canvas re-sorts by module and item position: a reversed submission dates the same.
    let mut reversed = compress_body(&p, Some("2027-12-31"));
    reversed["course_pace"]["course_pace_module_items_attributes"].as_array_mut().unwrap().reverse();
    let forward = sim.call("POST", path, &[USER_1, JSON], Some(compress_body(&p, Some("2027-12-31")))).json();
    assert_eq!(sim.call("POST", path, &[USER_1, JSON], Some(reversed)).json(), forward);
}

#[test]
fn compress_dates_refuses_like_canvas() {
    let sim = start();
    let p = sim.get(PACE_1, &[USER_1, JSON]).json()["course_pace"].clone();
    let path = "/api/v1/courses/1/course_pacing/compress_dates";
    let a = sim.call("POST", path, &[USER_1, JSON], Some(compress_body(&p, Some("2026-08-01"))));
    assert_eq!(
        (a.status, a.json()),
        (422, json!({"success": false, "errors": "End date cannot be before start date"}))
    );
    for bad in [json!({}), json!({"course_pace": {"start_date": "soon"}})] {
        let a = sim.call("POST", path, &[USER_1, JSON], Some(bad.clone()));
        assert_eq!((a.status, &a.json()["success"]), (422, &json!(false)), "{bad}");
    }
}

#[test]
fn a_put_saves_durations_and_its_publish_progress_completes() {
    let sim = start();
    sim.post("/sim/pacing/config", json!({"publish_ms": 1000}));
    let first = items(&sim.get(PACE_1, &[USER_1, JSON]).json()["course_pace"])[0]["module_item_id"].clone();
    let body = json!({"course_pace": {"exclude_weekends": true, "course_pace_module_items_attributes": [{"module_item_id": first.to_string(), "duration": 9}]}});
    let put = sim.call(
        "PUT",
        PACE_1,
        &[("Cookie", "sim_user=1; _csrf_token=t%2B1"), ("X-CSRF-Token", "t+1"), JSON],
        Some(body.clone()),
    );
    assert_eq!(put.status, 200, "{}", put.body);
    let progress = put.json()["progress"].clone();
    assert_eq!(
        (progress["workflow_state"].as_str(), progress["tag"].as_str(), &progress["user_id"]),
        (Some("queued"), Some("course_pace_publish"), &Value::Null)
    );
    assert_eq!(progress["context_type"], "CoursePace");
    let url = format!("/api/v1/progress/{}", progress["id"]);
    sim.advance(800);
    assert_eq!(sim.get(&url, &[USER_1, JSON]).json()["workflow_state"], "running");
    assert_eq!(sim.get(PACE_1, &[USER_1, JSON]).json()["progress"]["workflow_state"], "running");
    sim.advance(1000);
    assert_eq!(sim.get(&url, &[USER_1, JSON]).json()["workflow_state"], "completed");
    let after = sim.get(PACE_1, &[USER_1, JSON]).json();
    assert_eq!(after["progress"], Value::Null, "null once the newest publish completed");
    assert_eq!(items(&after["course_pace"])[0]["duration"], 9);
    assert_eq!(
        sim.call("PUT", PACE_1, &[("Cookie", "sim_user=1"), JSON], Some(body)).status,
        422,
        "a session PUT without CSRF"
    );
}

#[test]
fn a_newer_publish_cancels_a_queued_one_and_waits_for_a_running_one() {
    let sim = start();
    sim.post("/sim/pacing/config", json!({"publish_ms": 1000}));
    let put = || sim.call("PUT", PACE_1, &[USER_1, JSON], Some(json!({"course_pace": {}}))).json()["progress"].clone();
    let state =
        |p: &Value| sim.get(&format!("/api/v1/progress/{}", p["id"]), &[USER_1, JSON]).json()["workflow_state"].clone();
    let first = put();
    let second = put();
    assert_eq!((state(&first), state(&second)), (json!("canceled"), json!("queued")));
    sim.advance(500); // the second is running now
    assert_eq!(state(&second), "running");
    let third = put();
    sim.advance(400);
    assert_eq!((state(&second), state(&third)), (json!("running"), json!("queued")), "the third waits");
    sim.advance(2000);
    assert_eq!((state(&second), state(&third)), (json!("completed"), json!("completed")));
}

#[test]
fn a_publish_can_be_scripted_to_fail() {
    let sim = start();
    sim.post(
        "/sim/pacing/config",
        json!({"publish_ms": 100, "publish_final_state": "failed", "publish_faults": [{"status": 500, "times": 1}]}),
    );
    let p = sim.call("PUT", PACE_1, &[USER_1, JSON], Some(json!({"course_pace": {}}))).json()["progress"].clone();
    let url = format!("/api/v1/progress/{}", p["id"]);
    assert_eq!(sim.get(&url, &[USER_1, JSON]).status, 500, "the publish's own fault");
    sim.advance(1000);
    let done = sim.get(&url, &[USER_1, JSON]).json();
    assert_eq!(done["workflow_state"], "failed");
    assert!(done["message"].as_str().unwrap().starts_with("Unexpected error, ID: "));
}

#[test]
fn section_paces_can_be_created_and_deleted_but_the_course_pace_cannot() {
    let sim = start();
    let created = sim.call(
        "POST",
        "/api/v1/courses/1/course_pacing",
        &[USER_1, JSON],
        Some(json!({"course_pace": {"course_section_id": 77, "end_date": null}})),
    );
    assert_eq!(created.status, 200, "{}", created.body);
    let v = created.json();
    let pace = &v["course_pace"];
    assert_eq!(
        (pace["context_type"].as_str(), pace["course_section_id"].as_u64(), pace["workflow_state"].as_str()),
        (Some("Section"), Some(77), Some("unpublished"))
    );
    assert_eq!(v["progress"]["workflow_state"], "queued", "create queues a publish");
    assert_eq!(items(pace).len(), 40);
    let path = format!("/api/v1/courses/1/course_pacing/{}", pace["id"]);
    sim.advance(10_000);
    assert_eq!(sim.get(&path, &[USER_1, JSON]).json()["course_pace"]["workflow_state"], "active", "published");
    let again = sim.call(
        "POST",
        "/api/v1/courses/1/course_pacing",
        &[USER_1, JSON],
        Some(json!({"course_pace": {"course_section_id": 77}})),
    );
    assert_eq!(again.status, 422);
    let scaffold = sim.get("/api/v1/courses/1/course_pacing/new?course_section_id=78", &[USER_1, JSON]).json();
    assert_eq!((&scaffold["course_pace"]["id"], &scaffold["progress"]), (&Value::Null, &Value::Null));
    let default = sim.call("DELETE", PACE_1, &[USER_1, JSON], None);
    assert_eq!(
        (default.status, default.json()),
        (422, json!({"success": false, "errors": "You cannot delete the default course pace."}))
    );
    let deleted = sim.call("DELETE", &path, &[USER_1, JSON], None);
    assert_eq!((deleted.status, deleted.json()["course_pace"]["workflow_state"].as_str()), (200, Some("deleted")));
    assert_eq!(sim.get(&path, &[USER_1, JSON]).status, 404);
}

#[test]
fn pacing_checks_who_asks_and_what() {
    let sim = start();
    let cases: [(&str, &str, Headers, Option<Value>, u16); 7] = [
        ("GET", PACE_1, &[JSON], None, 401),
        ("GET", PACE_1, &[("Authorization", "Bearer lti-t"), JSON], None, 401),
        ("GET", "/api/v1/courses/9/course_pacing/1", &[USER_1, JSON], None, 404),
        ("GET", "/api/v1/courses/2/course_pacing/1", &[USER_1, JSON], None, 404),
        (
            "PUT",
            PACE_1,
            &[USER_1, JSON],
            Some(
                json!({"course_pace": {"course_pace_module_items_attributes": [{"module_item_id": 1, "duration": 3}]}}),
            ),
            422,
        ),
        (
            "PUT",
            PACE_1,
            &[USER_1, JSON],
            Some(
                json!({"course_pace": {"course_pace_module_items_attributes": [{"module_item_id": 1001, "duration": -1}]}}),
            ),
            422,
        ),
        ("PUT", PACE_1, &[USER_1, JSON], Some(json!({"course_pace": {"end_date": "someday"}})), 422),
    ];
    for (method, path, headers, body, status) in cases {
        let a = sim.call(method, path, headers, body.clone());
        assert_eq!(a.status, status, "{method} {path} {body:?}: {}", a.body);
    }
}
