//! Canvas Progress (`/api/v1/progress`, cancel, the LTI variant) and Cloudreve task
//! progress, over real HTTP.

mod support;

use serde_json::{json, Value};
use support::*;

#[test]
fn progress_json_has_canvas_keys_and_results_only_once_done() {
    let sim = start();
    let url = sim.job(json!({"duration_ms": 1000, "results": {"id": "9"}, "message": "17 courses processed"}));
    let running = sim.get(&url, &[USER_1, JSON]).json();
    let mut keys: Vec<&str> = running.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "completion",
            "context_id",
            "context_type",
            "created_at",
            "id",
            "message",
            "tag",
            "updated_at",
            "url",
            "user_id",
            "workflow_state"
        ]
    );
    assert_eq!(running["workflow_state"], "running");
    assert_eq!(running["completion"], json!(0.0), "a float, as Canvas renders it");
    assert!(
        running["url"].as_str().unwrap().starts_with("http://127.0.0.1:")
            && running["url"].as_str().unwrap().ends_with(&url)
    );
    sim.advance(550);
    assert_eq!(sim.get(&url, &[USER_1, JSON]).json()["completion"], json!(55.0));
    sim.advance(450);
    let done = sim.get(&url, &[USER_1, JSON]).json();
    assert_eq!((done["workflow_state"].as_str(), done["completion"].as_f64()), (Some("completed"), Some(100.0)));
    assert_eq!(done["results"], json!({"id": "9"}));
    assert_eq!(done["message"], "17 courses processed");
}

#[test]
fn ids_are_strings_only_when_the_accept_header_asks() {
    let sim = start();
    let url = sim.job(json!({"owner": 1, "context_id": 5}));
    for (accept, strings) in
        [("application/json", false), ("application/json+canvas-string-ids, application/json", true), ("*/*", false)]
    {
        let v = sim.get(&url, &[USER_1, ("Accept", accept)]).json();
        for key in ["id", "context_id", "user_id"] {
            assert_eq!(v[key].is_string(), strings, "{key} with Accept {accept}");
        }
    }
}

#[test]
fn while_1_prefixes_session_gets_that_do_not_accept_json() {
    let sim = start();
    let url = sim.job(json!({}));
    let cases: [(Headers, bool); 4] = [
        (&[("Cookie", "sim_user=1")], true),
        (&[("Cookie", "sim_user=1"), ("Accept", "text/html, */*")], true),
        (&[("Cookie", "sim_user=1"), STRING_IDS], false),
        (&[USER_1], false), // Canvas prepends only inside the app (a session), never for tokens
    ];
    for (headers, prefixed) in cases {
        let a = sim.get(&url, headers);
        assert_eq!(a.status, 200);
        assert_eq!(a.body.starts_with("while(1);"), prefixed, "{headers:?}");
        assert!(a.content_type.starts_with("application/json"));
    }
}

#[test]
fn each_final_state_is_reached_at_the_end_of_the_script() {
    let sim = start();
    // (final_state, state while queued, mid-run, at the end, completion at the end, message at the end)
    let cases = [
        ("completed", "completed", Some(100.0)),
        ("failed", "failed", Some(60.0)),
        ("canceled", "canceled", Some(60.0)),
        ("waiting_for_external_tool", "waiting_for_external_tool", Some(60.0)),
        ("running", "running", Some(30.0)),
    ];
    for (final_state, end_state, end_completion) in cases {
        let url =
            sim.job(json!({"start_after_ms": 200, "duration_ms": 1000, "final_state": final_state, "message": "boom"}));
        let at = |ms: u64| {
            sim.advance(ms);
            sim.get(&url, &[USER_1, JSON]).json()
        };
        let queued = at(100);
        assert_eq!(
            (queued["workflow_state"].as_str(), &queued["completion"]),
            (Some("queued"), &Value::Null),
            "{final_state}"
        );
        assert_eq!(at(400)["workflow_state"], "running", "{final_state}");
        let end = at(2000);
        assert_eq!(end["workflow_state"], end_state);
        assert_eq!(end["completion"].as_f64(), end_completion, "{final_state}");
        assert_eq!(end["message"], "boom", "{final_state}");
    }
}

#[test]
fn curves_shape_the_completion_canvas_reports() {
    let sim = start();
    let frames = json!([[0.0, null], [0.5, 10.0], [0.8, 95.5]]);
    // (curve, fraction of the run, completion)
    let cases = [
        (json!("linear"), 0.25, json!(25.0)),
        (json!("null_then_linear"), 0.25, Value::Null),
        (json!("null_then_linear"), 0.75, json!(50.0)),
        (json!("jumps"), 0.6, json!(50.0)),
        (json!("overshoot"), 0.9, json!(117.0)),
        (json!("nan"), 0.5, Value::Null),
        (json!("null"), 0.5, Value::Null),
        (frames.clone(), 0.3, Value::Null),
        (frames.clone(), 0.6, json!(10.0)),
        (frames, 0.9, json!(95.5)),
    ];
    for (curve, at, want) in cases {
        let url = sim.job(json!({"duration_ms": 1000, "curve": curve}));
        sim.advance((at * 1000.0) as u64);
        assert_eq!(sim.get(&url, &[USER_1, JSON]).json()["completion"], want, "{curve} at {at}");
        sim.post("/sim/reset", json!({}));
    }
}

#[test]
fn a_stuck_job_freezes_its_updated_at() {
    let sim = start();
    let url = sim.job(json!({"duration_ms": 1000, "final_state": "running"}));
    sim.advance(700);
    let a = sim.get(&url, &[USER_1, JSON]).json();
    sim.advance(60_000);
    let b = sim.get(&url, &[USER_1, JSON]).json();
    assert_eq!(b["workflow_state"], "running");
    assert_eq!((&a["updated_at"], &a["completion"]), (&b["updated_at"], &b["completion"]));
}

#[test]
fn reading_a_progress_needs_a_user_who_may_see_it() {
    let sim = start();
    let mine = sim.job(json!({"owner": 1, "readers": [1, 3]}));
    let nobodys = sim.job(json!({"owner": null}));
    let cases: [(&str, Headers, u16, &str); 9] = [
        (&mine, &[JSON], 401, "user authorization required"),
        (&mine, &[("Authorization", "Bearer expired-token"), JSON], 401, "Invalid access token."),
        (&mine, &[("Authorization", "Bearer sim-user-x"), JSON], 401, "Invalid access token."),
        (&mine, &[USER_2, JSON], 401, "user not authorized to perform that action"),
        (&mine, &[("Authorization", "Bearer lti-tool"), JSON], 401, "user not authorized to perform that action"),
        (&nobodys, &[USER_2, JSON], 200, ""),
        (&mine, &[("Authorization", "Bearer sim-user-3"), JSON], 200, ""), // another reader of the course
        (&mine, &[("Cookie", "sim_user=1"), JSON], 200, ""),
        ("/api/v1/progress/999999", &[USER_1, JSON], 404, "The specified resource does not exist."),
    ];
    for (url, headers, status, message) in cases {
        let a = sim.get(url, headers);
        assert_eq!(a.status, status, "{url} {headers:?}: {}", a.body);
        if status != 200 {
            assert_eq!(a.json()["errors"][0]["message"], message, "{headers:?}");
        }
    }
    assert_eq!(sim.get(&mine, &[JSON]).header("WWW-Authenticate"), Some("Bearer realm=\"canvas-lms\""));
    assert_eq!(sim.get(&mine, &[JSON]).json()["status"], "unauthenticated");
}

#[test]
fn cancel_is_for_the_creator_and_a_session_needs_the_csrf_token() {
    let sim = start();
    let session = ("Cookie", "sim_user=1; _csrf_token=a%2Bb%2F%3D");
    // (owner, headers, status, error message)
    let cases: [(Value, Headers, u16, &str); 7] = [
        (Value::Null, &[USER_1, JSON], 401, "user not authorized to perform that action"),
        (json!(1), &[USER_2, JSON], 401, "user not authorized to perform that action"),
        (json!(1), &[JSON], 401, "user authorization required"),
        (json!(1), &[session, JSON], 422, "Invalid authenticity token"),
        (json!(1), &[session, ("X-CSRF-Token", "a%2Bb%2F%3D"), JSON], 422, "Invalid authenticity token"),
        (json!(1), &[session, ("X-CSRF-Token", "a+b/="), JSON], 200, ""),
        (json!(1), &[USER_1, JSON], 200, ""),
    ];
    for (owner, headers, status, message) in cases {
        let url = sim.job(json!({"owner": owner, "duration_ms": 60_000}));
        let a = sim.call("POST", &format!("{url}/cancel"), headers, Some(json!({"message": "canceled"})));
        assert_eq!(a.status, status, "{owner} {headers:?}: {}", a.body);
        if status == 200 {
            assert_eq!(
                (a.json()["workflow_state"].as_str(), a.json()["message"].as_str()),
                (Some("failed"), Some("canceled"))
            );
            assert_eq!(sim.get(&url, &[USER_1, JSON]).json()["workflow_state"], "failed", "it stays failed");
        } else {
            assert_eq!(a.json()["errors"][0]["message"], message, "{headers:?}");
        }
    }
}

#[test]
fn cancel_reads_the_message_from_a_form_and_flips_even_a_completed_progress() {
    let sim = start();
    let url = sim.job(json!({"duration_ms": 100}));
    sim.advance(200);
    assert_eq!(sim.get(&url, &[USER_1, JSON]).json()["workflow_state"], "completed");
    let a = sim.send(
        "POST",
        &format!("{url}/cancel"),
        &[USER_1, JSON],
        "application/x-www-form-urlencoded",
        "message=stop+please",
    );
    let v = a.json();
    assert_eq!(
        (v["workflow_state"].as_str(), v["message"].as_str(), v["completion"].as_f64()),
        (Some("failed"), Some("stop please"), Some(100.0))
    );
    let quiet = sim.job(json!({"duration_ms": 60_000}));
    assert_eq!(
        sim.call("POST", &format!("{quiet}/cancel"), &[USER_1, JSON], None).json()["message"],
        Value::Null,
        "no message: null"
    );
}

#[test]
fn the_lti_endpoint_serves_only_assignments_linked_to_the_tool() {
    let sim = start();
    let linked = sim.job(json!({"lti": {"course_id": 5, "tool": "t1"}, "owner": null}));
    let course = sim.job(json!({"context_type": "Course"}));
    let lti = |course: u64, job: &str| format!("/api/lti/courses/{course}/progress/{}", id_of(job));
    let cases = [
        (lti(5, &linked), "Bearer lti-t1", 200, ""),
        (lti(5, &linked), "Bearer lti-t2", 422, "Progress associated with Assignment that isn't linked to this Tool"),
        (
            lti(5, &course),
            "Bearer lti-t1",
            403,
            "Tool does not have permission to view a Progress not associated with an Assignment",
        ),
        (lti(6, &linked), "Bearer lti-t1", 404, "The specified resource does not exist."),
        (lti(5, &linked), "Bearer sim-user-1", 401, "user not authorized to perform that action"),
    ];
    for (path, token, status, message) in cases {
        let a = sim.get(&path, &[("Authorization", token), JSON]);
        assert_eq!(a.status, status, "{path} {token}: {}", a.body);
        if status == 200 {
            assert!(a.json()["url"].as_str().unwrap().ends_with(&path), "url is the LTI URL");
            assert_eq!(a.json()["context_type"], "Assignment");
        } else {
            assert_eq!(a.json()["errors"][0]["message"], message);
        }
    }
}

#[test]
fn cloudreve_needs_a_jwt_and_answers_errors_with_http_200() {
    let sim = start();
    let url = sim.job(json!({"kind": "cloudreve"}));
    for (auth, code) in [
        (None, 401),
        (Some("Bearer opaque"), 401),
        (Some("Bearer a.b"), 401),
        (Some("Bearer a..c"), 401),
        (Some(JWT.1), 0),
    ] {
        let headers: Vec<(&str, &str)> = auth.map(|a| ("Authorization", a)).into_iter().collect();
        let a = sim.get(&url, &headers);
        assert_eq!((a.status, a.json()["code"].as_i64()), (200, Some(code)), "{auth:?}");
        if code == 401 {
            assert_eq!(a.json()["msg"], "Login required");
        }
    }
    let missing = sim.get("/api/v4/workflow/progress/nope", &[JWT]).json();
    assert_eq!((missing["code"].as_i64(), missing["msg"].as_str()), (Some(404), Some("Task not found")));
}

#[test]
fn cloudreve_data_is_empty_then_counts_up_then_stays_at_the_totals() {
    let sim = start();
    let url = sim.job(json!({
        "kind": "cloudreve", "start_after_ms": 500, "duration_ms": 1000,
        "types": {"upload": 1000, "upload_count": 4, "upload_single_0": {"total": 200, "identifier": "a.pdf"}}
    }));
    let data = |ms: u64| {
        sim.advance(ms);
        sim.get(&url, &[JWT]).json()["data"].clone()
    };
    assert_eq!(data(0), json!({}));
    let mid = data(1000);
    assert_eq!(mid["upload"], json!({"total": 1000, "current": 500}));
    assert_eq!(mid["upload_count"], json!({"total": 4, "current": 2}));
    assert_eq!(mid["upload_single_0"], json!({"total": 200, "current": 100, "identifier": "a.pdf"}));
    for later in [500, 60_000] {
        let end = data(later);
        assert_eq!(end["upload_count"], json!({"total": 4, "current": 4}), "finished: current == total");
    }
    let failing =
        sim.job(json!({"kind": "cloudreve", "duration_ms": 10, "error": {"code": 40004, "msg": "Upload failed"}}));
    sim.advance(20);
    let e = sim.get(&failing, &[JWT]).json();
    assert_eq!((e["code"].as_i64(), e["msg"].as_str(), &e["data"]), (Some(40004), Some("Upload failed"), &Value::Null));
}

#[test]
fn job_scripts_with_mistakes_are_refused_with_400() {
    let sim = start();
    let cases = [
        json!({"durration_ms": 5}),
        json!({"curve": "wobbly"}),
        json!({"curve": [[0.5, "x"]]}),
        json!({"final_state": "done"}),
        json!({"kind": "moodle"}),
        json!({"faults": [{"status": 500, "drop": true}]}),
        json!({"faults": [{"throttle": "418"}]}),
        json!({"owner": "me"}),
    ];
    for spec in cases {
        let a = sim.call("POST", "/sim/jobs", &[], Some(spec.clone()));
        assert_eq!(a.status, 400, "{spec}");
        assert!(!a.json()["errors"][0]["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(sim.send("POST", "/sim/jobs", &[], "application/json", "{not json").status, 400);
    assert_eq!(sim.get("/sim/jobs", &[]).json(), json!([]), "nothing was created");
}

#[test]
fn sim_bodies_are_json_even_when_curl_says_form() {
    let sim = start();
    let created = sim.send(
        "POST",
        "/sim/jobs",
        &[],
        "application/x-www-form-urlencoded",
        r#"{"duration_ms": 100, "faults": [{"status": 503}]}"#,
    );
    assert_eq!(created.status, 201);
    let url = created.json()["url"].as_str().unwrap().to_owned();
    assert_eq!(created.json()["id"], id_of(&url), "the id is a string");
    assert_eq!(sim.get(&url, &[USER_1, JSON]).status, 503, "the fault from the body applies");
}
