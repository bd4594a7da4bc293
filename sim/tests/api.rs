//! The simulator over real HTTP on loopback: Canvas's quirks, Cloudreve, reports, faults,
//! stats, static files and proxy mode. The clock is paused and advanced, so nothing here
//! depends on timing.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

struct Sim {
    child: Child,
    base: String,
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(extra: &[&str]) -> Sim {
    let www = std::env::temp_dir().join(format!("lms-sim-www-{}", std::process::id()));
    std::fs::create_dir_all(&www).unwrap();
    std::fs::write(www.join("index.html"), "<!doctype html><title>demo</title>").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_lms-sim"))
        .args(["--addr", "127.0.0.1:0", "--www"])
        .arg(&www)
        .args(extra)
        .stdout(Stdio::piped())
        .spawn()
        .expect("lms-sim starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base = line.split_whitespace().find(|w| w.starts_with("http://")).expect("prints its URL").trim_end_matches('/').to_owned();
    let sim = Sim { child, base };
    sim.post("/sim/clock", json!({"paused": true}));
    sim
}

struct Answer {
    status: u16,
    content_type: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(self.body.trim_start_matches("while(1);")).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
    fn header(&self, k: &str) -> Option<&str> {
        self.headers.iter().find(|(h, _)| h.eq_ignore_ascii_case(k)).map(|(_, v)| v.as_str())
    }
}

impl Sim {
    fn call(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<Value>) -> Answer {
        let mut r = ureq::request(method, &format!("{}{path}", self.base));
        for (k, v) in headers {
            r = r.set(k, v);
        }
        let res = match body {
            Some(b) => r.set("Content-Type", "application/json").send_string(&b.to_string()),
            None => r.call(),
        };
        let resp = match res {
            Ok(r) | Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("{method} {path}: {e}"),
        };
        let headers = resp.headers_names().into_iter().map(|h| (h.clone(), resp.header(&h).unwrap_or("").to_owned())).collect();
        Answer {
            status: resp.status(),
            content_type: resp.content_type().to_owned(),
            headers,
            body: resp.into_string().unwrap(),
        }
    }
    fn post(&self, path: &str, body: Value) -> Value {
        self.call("POST", path, &[], Some(body)).json()
    }
    fn job(&self, spec: Value) -> String {
        self.post("/sim/jobs", spec)["url"].as_str().unwrap().to_owned()
    }
    fn advance(&self, ms: u64) {
        self.post("/sim/clock", json!({ "advance_ms": ms }));
    }
}

const AS_USER_1: (&str, &str) = ("Authorization", "Bearer sim-user-1");
const JSON: (&str, &str) = ("Accept", "application/json");

#[test]
fn progress_follows_canvas_json_and_guards() {
    let sim = start(&[]);
    let url = sim.job(json!({"duration_ms": 1000, "results": {"id": "9"}}));
    let plain = sim.call("GET", &url, &[AS_USER_1], None);
    assert!(plain.body.starts_with("while(1);"), "no JSON Accept: prefixed");
    let a = sim.call("GET", &url, &[AS_USER_1, JSON], None);
    let v = a.json();
    assert_eq!(v["workflow_state"], "running");
    assert!(v["id"].is_number());
    assert!(v.get("results").is_none(), "results only once the job is over");
    assert!(a.header("X-Rate-Limit-Remaining").is_some(), "token requests see throttle headers");
    let ids = sim.call("GET", &url, &[AS_USER_1, ("Accept", "application/json+canvas-string-ids, application/json")], None).json();
    assert!(ids["id"].is_string() && ids["user_id"].is_string());
    sim.advance(1000);
    let done = sim.call("GET", &url, &[AS_USER_1, JSON], None).json();
    assert_eq!(done["workflow_state"], "completed");
    assert_eq!(done["completion"], 100.0);
    assert_eq!(done["results"], json!({"id": "9"}));
    assert_eq!(sim.call("GET", &url, &[JSON], None).status, 401, "anonymous");
    assert_eq!(sim.call("GET", "/api/v1/progress/999999", &[AS_USER_1, JSON], None).status, 404);
}

#[test]
fn curves_produce_null_and_unclamped_completions() {
    let sim = start(&[]);
    let cases = [("null_then_linear", 0.25, Value::Null), ("overshoot", 1.0, json!(130.0)), ("nan", 0.5, Value::Null), ("jumps", 0.6, json!(50.0))];
    for (curve, at, want) in cases {
        let url = sim.job(json!({"duration_ms": 1000, "curve": curve, "final_state": "running"}));
        sim.advance((at * 1000.0) as u64);
        let v = sim.call("GET", &url, &[AS_USER_1, JSON], None).json();
        let got = &v["completion"];
        match (&want, got) {
            (Value::Null, Value::Null) => {}
            (w, g) if curve == "overshoot" => assert!(g.as_f64().unwrap() <= 130.0 && w.is_number()),
            (w, g) => assert_eq!(w, g, "{curve}"),
        }
    }
}

#[test]
fn cancel_is_for_the_owner_and_needs_csrf_in_a_session() {
    let sim = start(&[]);
    let mine = sim.job(json!({"duration_ms": 60000, "owner": 1}));
    let nobody = sim.job(json!({"duration_ms": 60000, "owner": null}));
    let cancel = |url: &str, h: &[(&str, &str)]| sim.call("POST", &format!("{url}/cancel"), h, Some(json!({"message": "stop"})));
    assert_eq!(cancel(&nobody, &[AS_USER_1, JSON]).status, 401, "user-less jobs can never be canceled");
    assert_eq!(cancel(&mine, &[("Authorization", "Bearer sim-user-2"), JSON]).status, 401);
    assert_eq!(cancel(&mine, &[("Cookie", "sim_user=1; _csrf_token=abc"), JSON]).status, 422, "session without CSRF header");
    let ok = cancel(&mine, &[("Cookie", "sim_user=1; _csrf_token=a%2Bb"), ("X-CSRF-Token", "a+b"), JSON]);
    assert_eq!(ok.status, 200);
    assert_eq!(ok.json()["workflow_state"], "failed");
    assert_eq!(ok.json()["message"], "stop");
}

#[test]
fn lti_progress_is_only_for_assignments_linked_to_the_tool() {
    let sim = start(&[]);
    let linked = sim.job(json!({"lti": {"course_id": 5, "tool": "t1"}}));
    let id = linked.rsplit('/').next().unwrap();
    let course = sim.job(json!({}));
    let cid = course.rsplit('/').next().unwrap();
    let lti = |path: String, tool: &str| sim.call("GET", &path, &[("Authorization", &format!("Bearer lti-{tool}")), JSON], None);
    let ok = lti(format!("/api/lti/courses/5/progress/{id}"), "t1");
    assert_eq!(ok.status, 200);
    assert_eq!(ok.json()["url"], format!("/api/lti/courses/5/progress/{id}"));
    assert_eq!(lti(format!("/api/lti/courses/5/progress/{id}"), "t2").status, 422);
    assert_eq!(lti(format!("/api/lti/courses/5/progress/{cid}"), "t1").status, 403);
}

#[test]
fn faults_are_deterministic_and_counted() {
    let sim = start(&[]);
    let url = sim.job(json!({"faults": [{"throttle": "403", "times": 1}, {"throttle": "429", "retry_after": 3, "times": 1}, {"status": 502, "times": 1}, {"login_page": true, "times": 1}, {"malformed_json": true, "times": 1}]}));
    let get = || sim.call("GET", &url, &[AS_USER_1, JSON], None);
    let t403 = get();
    assert_eq!((t403.status, t403.body.as_str()), (403, "403 Forbidden (Rate Limit Exceeded)\n"));
    assert!(t403.content_type.starts_with("text/plain"));
    let t429 = get();
    assert_eq!((t429.status, t429.header("Retry-After")), (429, Some("3")));
    assert_eq!(get().status, 502);
    assert!(get().body.contains("Log In to Canvas"));
    assert!(serde_json::from_str::<Value>(&get().body).is_err());
    assert_eq!(get().status, 200, "faults are used up");
    let stats = sim.call("GET", "/sim/stats", &[], None).json();
    assert_eq!(stats["by_path"][format!("GET {url}")], 6);
}

#[test]
fn cloudreve_reports_empty_data_then_amounts_and_needs_a_jwt() {
    let sim = start(&[]);
    let url = sim.job(json!({"kind": "cloudreve", "start_after_ms": 500, "duration_ms": 1000, "types": {"upload": 1000, "upload_count": 4}}));
    assert_eq!(sim.call("GET", &url, &[], None).json()["code"], 401);
    let jwt = ("Authorization", "Bearer a.b.c");
    assert_eq!(sim.call("GET", &url, &[jwt], None).json()["data"], json!({}));
    sim.advance(1000);
    let mid = sim.call("GET", &url, &[jwt], None).json();
    assert_eq!(mid["data"]["upload"], json!({"total": 1000, "current": 500}));
    sim.advance(1000);
    let end = sim.call("GET", &url, &[jwt], None).json();
    assert_eq!(end["data"]["upload_count"], json!({"total": 4, "current": 4}));
    let failing = sim.job(json!({"kind": "cloudreve", "duration_ms": 10, "error": {"code": 40004, "msg": "Upload failed"}}));
    sim.advance(20);
    assert_eq!(sim.call("GET", &failing, &[jwt], None).json()["code"], 40004);
}

#[test]
fn reports_follow_canvas_including_the_last_500() {
    let sim = start(&[]);
    let base = "/api/v1/courses/3/reports";
    assert_eq!(sim.call("GET", &format!("{base}/course_pace_docx/last"), &[AS_USER_1, JSON], None).status, 500);
    let bad = sim.call("POST", &format!("{base}/grades"), &[AS_USER_1, JSON], Some(json!({})));
    assert_eq!((bad.status, bad.json()), (400, json!({"error": "invalid report type grades"})));
    let created = sim.call("POST", &format!("{base}/course_pace_docx"), &[AS_USER_1, JSON], Some(json!({"parameters": {"enrollment_ids": [], "section_ids": ["7"]}})));
    assert_eq!(created.status, 200);
    let r = created.json();
    assert_eq!(r["status"], "created");
    assert_eq!(r["file_url"], Value::Null);
    assert_eq!(r["parameters"]["section_ids"], json!(["7"]));
    let id = r["id"].as_u64().unwrap();
    sim.advance(300 + 1500);
    let running = sim.call("GET", &format!("{base}/course_pace_docx/{id}"), &[AS_USER_1, JSON], None).json();
    assert_eq!(running["status"], "running");
    assert_eq!(running["progress"], 50);
    assert!(running.get("attachment").is_none());
    assert_eq!(sim.call("GET", &format!("{base}/course_pace_docx/{id}"), &[("Authorization", "Bearer sim-user-2"), JSON], None).status, 401);
    sim.advance(2000);
    let last = sim.call("GET", &format!("{base}/course_pace_docx/last"), &[AS_USER_1, JSON], None).json();
    assert_eq!(last["status"], "complete");
    let file = last["file_url"].as_str().unwrap();
    assert_eq!(last["attachment"]["url"], file);
    let path = file.splitn(4, '/').nth(3).map(|p| format!("/{p}")).unwrap();
    let dl = sim.call("GET", &path, &[], None);
    assert_eq!(dl.status, 200);
    assert!(dl.header("Content-Disposition").unwrap().contains("course_pace.docx"));
}

#[test]
fn static_files_are_typed_and_cannot_escape() {
    let sim = start(&[]);
    let page = sim.call("GET", "/", &[], None);
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    assert_eq!(sim.call("GET", "/../Cargo.toml", &[], None).status, 404);
    assert_eq!(sim.call("GET", "/pkg/%2e%2e/x", &[], None).status, 404);
}

#[test]
fn proxy_mode_forwards_with_the_token_and_keeps_csrf() {
    let canvas = start(&[]);
    let url = canvas.job(json!({"owner": 7, "duration_ms": 60000}));
    let proxy = start(&["--canvas-url", &canvas.base.clone(), "--token", "sim-user-7"]);
    let got = proxy.call("GET", &url, &[JSON], None);
    assert_eq!(got.status, 200, "{}", got.body);
    assert_eq!(got.json()["user_id"], 7, "the proxy authenticates as the token's user");
    assert!(got.header("X-Rate-Limit-Remaining").is_some());
    let no_csrf = proxy.call("POST", &format!("{url}/cancel"), &[("Cookie", "sim_user=1"), JSON], Some(json!({})));
    assert_eq!(no_csrf.status, 422, "the proxy refuses cross-site POSTs");
}
