//! Faults (per job and global), request statistics, throttling and reset.

mod support;

use serde_json::{json, Value};
use std::sync::mpsc;
use support::*;

#[test]
fn each_fault_answers_as_scripted_then_is_used_up() {
    let sim = start();
    let faults = json!([
        {"throttle": "403", "times": 1},
        {"throttle": "429", "retry_after": 3, "times": 1},
        {"status": 502, "times": 1},
        {"status": 500, "body": "<h1>oops</h1>", "content_type": "text/html", "times": 1},
        {"login_page": true, "times": 1},
        {"malformed_json": true, "times": 1},
    ]);
    let url = sim.job(json!({ "faults": faults }));
    // (status, content type starts with, body check, headers that must be present with a value)
    type BodyCheck<'a> = &'a dyn Fn(&str) -> bool;
    let cases: [(u16, &str, BodyCheck, Headers); 7] = [
        (403, "text/plain", &|b| b == "403 Forbidden (Rate Limit Exceeded)\n", &[("X-Rate-Limit-Remaining", "0.0")]),
        (429, "text/plain", &|b| b.contains("Too Many Requests"), &[("Retry-After", "3")]),
        (502, "application/json", &|b| b.contains("\"errors\""), &[]),
        (500, "text/html", &|b| b == "<h1>oops</h1>", &[]),
        (200, "text/html", &|b| b.contains("Log In to Canvas"), &[]),
        (200, "application/json", &|b| serde_json::from_str::<Value>(b).is_err(), &[]),
        (200, "application/json", &|b| b.contains("workflow_state"), &[]),
    ];
    for (i, (status, ct, body_ok, headers)) in cases.into_iter().enumerate() {
        let a = sim.get(&url, &[USER_1, JSON]);
        assert_eq!(a.status, status, "request {i}: {}", a.body);
        assert!(a.content_type.starts_with(ct), "request {i}: {}", a.content_type);
        assert!(body_ok(&a.body), "request {i}: {}", a.body);
        for (k, v) in headers {
            assert_eq!(a.header(k), Some(*v), "request {i}");
        }
    }
    let throttled = sim.get(&url, &[USER_1, JSON]);
    assert!(throttled.header("X-Request-Cost").is_some(), "normal answers cost something");
    assert_eq!(sim.stats()["by_path"][format!("GET {url}")], 8);
}

#[test]
fn a_scripted_throttle_sends_no_cost_and_no_retry_after() {
    let sim = start();
    let url = sim.job(json!({"faults": [{"throttle": "403"}]}));
    let a = sim.get(&url, &[USER_1, JSON]);
    assert_eq!((a.header("X-Request-Cost"), a.header("Retry-After")), (None, None));
}

#[test]
fn drop_closes_the_connection_without_a_response() {
    let sim = start();
    let url = sim.job(json!({"faults": [{"drop": true, "times": 1}]}));
    let request = format!("GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sim-user-1\r\n\r\n");
    let answer = sim.raw(request.as_bytes()).expect("the server closes the connection (no hang)");
    assert!(answer.is_empty(), "no bytes at all: {}", String::from_utf8_lossy(&answer));
    assert_eq!(sim.get(&url, &[USER_1, JSON]).status, 200, "used up, and the server is fine");
}

#[test]
fn a_delayed_answer_does_not_hold_up_other_requests() {
    let sim = start();
    let slow = sim.job(json!({"faults": [{"delay_ms": 30_000, "times": 1}]}));
    let fast = sim.job(json!({}));
    let (tx, rx) = mpsc::channel();
    let (base, slow_url) = (sim.base.clone(), slow.clone());
    std::thread::spawn(move || {
        let r = ureq::get(&format!("{base}{slow_url}")).set("Authorization", "Bearer sim-user-1").call();
        let _ = tx.send(r.is_ok());
    });
    // Wait (bounded) until the slow request has reached the server.
    let key = format!("GET {slow}");
    for _ in 0..500 {
        if sim.stats()["by_path"][&key] == 1 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(sim.stats()["by_path"][&key], 1, "the slow request arrived");
    assert_eq!(sim.get(&fast, &[USER_1, JSON]).status, 200);
    assert!(rx.try_recv().is_err(), "the fast answer came while the slow one is still being held");
}

#[test]
fn global_faults_match_prefix_and_method_and_can_be_cleared() {
    let sim = start();
    let a = sim.job(json!({"duration_ms": 60_000}));
    let b = sim.job(json!({"duration_ms": 60_000}));
    sim.post("/sim/faults", json!({"status": 503, "path_prefix": a, "method": "GET"}));
    sim.post("/sim/faults", json!({"status": 418, "path_prefix": "/api/v1/courses/"}));
    let cases = [
        ("GET", a.clone(), 503),
        ("POST", format!("{a}/cancel"), 200),
        ("GET", b.clone(), 200),
        ("GET", "/api/v1/courses/1/blackout_dates".to_owned(), 418),
        ("GET", "/sim/stats".to_owned(), 200),
    ];
    for (method, path, status) in &cases {
        assert_eq!(sim.call(method, path, &[USER_1, JSON], None).status, *status, "{method} {path}");
    }
    assert_eq!(sim.call("DELETE", "/sim/faults", &[], None).json()["faults"], 0);
    assert_eq!(sim.get(&b, &[USER_1, JSON]).status, 200);
    assert_eq!(sim.get("/api/v1/courses/1/blackout_dates", &[USER_1, JSON]).status, 200);
}

#[test]
fn a_jobs_faults_also_apply_to_its_cancel_and_lti_urls() {
    let sim = start();
    let url = sim.job(json!({"lti": {"course_id": 3, "tool": "t"}, "faults": [{"status": 500, "times": 2}]}));
    let lti = format!("/api/lti/courses/3/progress/{}", id_of(&url));
    assert_eq!(sim.get(&lti, &[("Authorization", "Bearer lti-t"), JSON]).status, 500);
    assert_eq!(sim.call("POST", &format!("{url}/cancel"), &[USER_1, JSON], None).status, 500);
    assert_eq!(sim.get(&lti, &[("Authorization", "Bearer lti-t"), JSON]).status, 200);
}

#[test]
fn stats_count_api_requests_only_and_can_be_reset() {
    let sim = start();
    let url = sim.job(json!({}));
    for _ in 0..3 {
        sim.get(&url, &[USER_1, JSON]);
    }
    sim.get("/api/v1/progress/424242", &[USER_1, JSON]);
    sim.get("/", &[]);
    sim.get("/demo.css", &[]);
    let s = sim.stats();
    assert_eq!(s["total"], 4, "static files and /sim/* are not counted: {s}");
    assert_eq!(s["by_path"], json!({ format!("GET {url}"): 3, "GET /api/v1/progress/424242": 1 }));
    assert_eq!(sim.post("/sim/stats/reset", json!({}))["total"], 0);
    assert_eq!(sim.stats(), json!({"total": 0, "by_path": {}}));
}

#[test]
fn rate_limit_headers_go_to_tokens_sessions_and_tools() {
    let sim = start();
    let url = sim.job(json!({"owner": null, "lti": {"course_id": 1, "tool": "t"}}));
    let lti = format!("/api/lti/courses/1/progress/{}", id_of(&url));
    let cases: [(&str, Headers, bool); 4] = [
        (&url, &[USER_1, JSON], true),
        (&url, &[("Cookie", "sim_user=1"), JSON], true),
        (&lti, &[("Authorization", "Bearer lti-t"), JSON], true),
        (&url, &[JSON], false),
    ];
    for (path, headers, present) in cases {
        let a = sim.get(path, headers);
        assert_eq!(a.header("X-Rate-Limit-Remaining").is_some(), present, "{headers:?}");
        assert_eq!(a.header("X-Request-Cost").is_some(), present, "{headers:?}");
        if present {
            assert_eq!(a.header("X-Rate-Limit-Remaining"), Some("599.98"), "hwm 600 minus the cost 0.02");
        }
    }
}

#[test]
fn an_enforced_bucket_throttles_like_canvas_until_it_leaks() {
    let sim = start();
    let config = json!({"enforce": true, "hwm": 100.0, "outflow": 10.0, "up_front_cost": 50.0, "cost": 60.0});
    assert_eq!(sim.post("/sim/throttle", config.clone()), config);
    let url = sim.job(json!({}));
    // 0 → 60 → 120 (full: the third request is refused) → after 3 s, 90 (allowed again).
    let steps = [(0, 200, Some("40.0")), (0, 200, Some("-20.0")), (0, 403, Some("0.0")), (3000, 200, Some("-50.0"))];
    for (wait, status, remaining) in steps {
        sim.advance(wait);
        let a = sim.get(&url, &[USER_1, JSON]);
        assert_eq!((a.status, a.header("X-Rate-Limit-Remaining")), (status, remaining), "{}", a.body);
        if status == 403 {
            assert_eq!(a.body, "403 Forbidden (Rate Limit Exceeded)\n");
            assert_eq!(a.header("X-Request-Cost"), None);
        }
    }
    assert_eq!(sim.get(&url, &[USER_2, JSON]).status, 200, "another token has its own bucket");
}

#[test]
fn reset_clears_jobs_faults_stats_and_reports_but_not_the_clock() {
    let sim = start();
    let url = sim.job(json!({}));
    sim.post("/sim/faults", json!({"status": 500}));
    sim.call("POST", "/api/v1/courses/1/reports/course_pace_docx", &[USER_1, JSON], Some(json!({})));
    let before = sim.get("/sim/clock", &[]).json();
    sim.post("/sim/reset", json!({}));
    assert_eq!(sim.get("/sim/jobs", &[]).json(), json!([]));
    assert_eq!(sim.get(&url, &[USER_1, JSON]).status, 404, "no job and no fault");
    assert_eq!(sim.get("/api/v1/courses/1/reports/course_pace_docx/last", &[USER_1, JSON]).status, 500, "no report");
    assert_eq!(sim.stats()["total"], 2, "only the requests since the reset");
    assert_eq!(sim.get("/sim/clock", &[]).json(), before, "still paused at the same instant");
}

#[test]
fn fault_mistakes_are_refused_with_400() {
    let sim = start();
    for body in [
        json!({}),
        json!({"status": 500, "delay_ms": 5}),
        json!({"throttle": "500"}),
        json!({"status": 99}),
        json!({"times": -1, "status": 500}),
    ] {
        assert_eq!(sim.call("POST", "/sim/faults", &[], Some(body.clone())).status, 400, "{body}");
    }
}
