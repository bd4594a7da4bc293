//! The LTI tool's backend (`/canvas-proxy/api/...`) and the host page's origin
//! (`--host-addr`): the tool page's widgets call Canvas through the backend, which holds the
//! token (in sim mode: this server's own simulated Canvas, reached as `localhost`), answers
//! only the tool's own pages, and forwards nothing but the API.

mod support;

use serde_json::json;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use support::*;

#[test]
fn the_backend_calls_the_simulated_canvas_with_its_own_token() {
    let sim = start();
    let url = sim.job(json!({"owner": 1, "duration_ms": 60_000}));
    let via = format!("/canvas-proxy{url}");
    // Whatever the page sends (a cookie for another user, a bad token), the server's token is used.
    let got = sim.get(&via, &[("Cookie", "sim_user=3"), ("Authorization", "Bearer invalid-page-token"), JSON]);
    assert_eq!((got.status, got.json()["user_id"].as_u64()), (200, Some(1)), "{}", got.body);
    assert!(got.header("X-Rate-Limit-Remaining").is_some(), "Canvas's throttle headers pass back");
    assert!(got.headers_named("Set-Cookie").is_empty());
    let by_path = &sim.stats()["by_path"];
    assert_eq!(by_path[format!("GET {via}")], 1, "the page's request, as the backend got it");
    assert_eq!(by_path[format!("GET {url}")], 1, "the backend's request to Canvas");

    // Writes go through with the server's token: no Canvas CSRF token on the tool's page.
    let cancel = sim.call("POST", &format!("{via}/cancel"), &[JSON], Some(json!({"message": "from the tool"})));
    assert_eq!((cancel.status, cancel.json()["workflow_state"].as_str()), (200, Some("failed")), "{}", cancel.body);

    // Canvas's absolute URLs name the simulated Canvas (`localhost`), not the tool's origin.
    sim.post("/sim/reports/seed", json!({"course_id": 5, "status": "complete"}));
    let report = sim.get("/canvas-proxy/api/v1/courses/5/reports/course_pace_docx", &[JSON]).json();
    let file = report["file_url"].as_str().unwrap_or_else(|| panic!("{report}"));
    assert!(file.starts_with(&format!("http://localhost:{}/files/", sim.port)), "{file}");
}

#[test]
fn the_lti_progress_endpoint_goes_with_the_tools_token_and_only_for_assignments() {
    let sim = start();
    let linked = sim.job(json!({"lti": {"course_id": 5, "tool": "lms-widgets-demo"}, "owner": null}));
    let id = id_of(&linked);
    let a = sim.get(&format!("/canvas-proxy/api/lti/courses/5/progress/{id}"), &[JSON]);
    assert_eq!((a.status, a.json()["context_type"].as_str()), (200, Some("Assignment")), "{}", a.body);
    // A course-level job (a pace publish, a report) is refused there, as Canvas does: those
    // are followed at /api/v1/progress/:id.
    let course = id_of(&sim.job(json!({"owner": 1}))).to_owned();
    let refused = sim.get(&format!("/canvas-proxy/api/lti/courses/5/progress/{course}"), &[JSON]);
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(sim.get(&format!("/canvas-proxy/api/v1/progress/{course}"), &[JSON]).status, 200);
}

#[test]
fn the_backend_answers_only_its_own_pages_and_only_forwards_the_api() {
    let sim = start();
    let url = sim.job(json!({"owner": 1}));
    let via = format!("/canvas-proxy{url}");
    let own = format!("http://127.0.0.1:{}", sim.port);
    let cases: [(&[(&str, &str)], u16); 5] = [
        (&[("Sec-Fetch-Site", "same-origin"), ("Origin", own.as_str())], 200),
        (&[], 200), // not a browser page (curl, scripts)
        (&[("Origin", "http://127.0.0.1:9")], 403),
        (&[("Sec-Fetch-Site", "cross-site")], 403),
        (&[("Sec-Fetch-Site", "same-site"), ("Origin", "http://localhost:9")], 403),
    ];
    for (headers, status) in cases {
        let mut h = headers.to_vec();
        h.push(JSON);
        assert_eq!(sim.call("POST", &format!("{via}/cancel"), &h, None).status, status, "{headers:?}");
    }
    assert_eq!(sim.stats()["by_path"][format!("POST {url}/cancel")], 2, "refused requests never reach Canvas");

    for path in
        ["/canvas-proxy/sim/stats", "/canvas-proxy/files/1/download", "/canvas-proxy/", "/canvas-proxy/index.html"]
    {
        assert_eq!(sim.get(path, &[JSON]).status, 404, "{path}");
    }
    for path in ["/canvas-proxy/api/v1/../../sim/stats", "/canvas-proxy/api/v1/%2e%2e/%2E%2E/sim/stats"] {
        assert_eq!(sim.raw_status(path, &[JSON]), 400, "{path}");
    }
    // The simulator's own routes are unchanged beside it.
    assert_eq!(sim.get(&url, &[USER_1, JSON]).status, 200);
}

#[test]
fn in_proxy_mode_the_backend_is_the_canvas_proxy() {
    let canvas = start();
    let job = canvas.job(json!({"owner": 7, "duration_ms": 60_000}));
    let proxy = start_with(&["--canvas-url", &canvas.base, "--token", "sim-user-7"]);
    let got = proxy.get(&format!("/canvas-proxy{job}"), &[("Authorization", "Bearer sim-user-3"), JSON]);
    assert_eq!((got.status, got.json()["user_id"].as_u64()), (200, Some(7)), "{}", got.body);
    // No CSRF cookie in a cross-site iframe: the backend's writes are guarded by origin instead.
    let cancel = proxy.call("POST", &format!("/canvas-proxy{job}/cancel"), &[JSON], Some(json!({"message": "tool"})));
    assert_eq!(cancel.status, 200, "{}", cancel.body);
    let cross =
        proxy.call("POST", &format!("/canvas-proxy{job}/cancel"), &[("Origin", "http://evil.example"), JSON], None);
    assert_eq!(cross.status, 403);
    assert_eq!(canvas.stats()["by_path"][format!("POST {job}/cancel")], 1);
}

#[test]
fn the_host_address_serves_only_the_host_page_without_cookies() {
    let sim = start();
    std::fs::write(sim.www.join("lti-host.html"), "<!doctype html><title>host</title>").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_lms-sim"))
        .args(["--addr", "127.0.0.1:0", "--host-addr", "127.0.0.1:0", "--www"])
        .arg(&sim.www)
        .env_remove("CANVAS_TOKEN")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let (mut first, mut second) = (String::new(), String::new());
    out.read_line(&mut first).unwrap();
    out.read_line(&mut second).unwrap();
    let tool = first.trim().strip_prefix("lms-widgets demo: ").unwrap().to_owned();
    let host =
        second.split_whitespace().nth(3).unwrap_or_else(|| panic!("{second:?}")).trim_end_matches('/').to_owned();
    assert!(second.starts_with("LTI host page: http://127.0.0.1:") && host != tool.trim_end_matches('/'), "{second}");
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let get = |p: &str| match agent.get(&format!("{host}{p}")).call() {
        Ok(r) | Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{p}: {e}"),
    };
    let root = get("/");
    assert_eq!(root.status(), 302);
    let to = root.header("Location").unwrap().to_owned();
    assert_eq!(to, format!("/lti-host.html?tool={}", tool.replace(':', "%3A").replace('/', "%2F") + "lti.html"));
    let page = get("/lti-host.html");
    assert_eq!(page.status(), 200);
    assert!(page.header("Set-Cookie").is_none(), "the host page plays another site: no cookies of the tool's");
    for p in ["/index.html", "/lti.html", "/api/v1/progress/1", "/canvas-proxy/api/v1/progress/1", "/sim/stats"] {
        assert_eq!(get(p).status(), 404, "{p}");
    }
    let _ = child.kill();
    let _ = child.wait();
}
