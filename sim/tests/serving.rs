//! The demo server: command line, static files, cookies, malformed HTTP, and proxy mode
//! (one simulator in front of another, all on loopback).

mod support;

use serde_json::json;
use std::process::{Command, Stdio};
use support::*;

#[test]
fn static_files_are_typed_and_never_cached() {
    let sim = start();
    let cases = [
        ("/", "text/html; charset=utf-8"),
        ("/lti.html", "text/html; charset=utf-8"),
        ("/demo.css", "text/css; charset=utf-8"),
        ("/demo.js", "text/javascript; charset=utf-8"),
        ("/pkg/lms_widgets.js", "text/javascript; charset=utf-8"),
        ("/pkg/snippet.mjs", "text/javascript; charset=utf-8"),
        ("/pkg/lms_widgets_bg.wasm", "application/wasm"),
    ];
    for (path, ct) in cases {
        let a = sim.call("HEAD", path, &[], None);
        assert_eq!(a.status, 200, "{path}");
        assert_eq!(a.header("Content-Type"), Some(ct), "{path}");
        assert_eq!(a.header("Cache-Control"), Some("no-store"), "{path}");
    }
    assert_eq!(sim.get("/", &[]).body, "<!doctype html><title>demo</title>");
}

#[test]
fn paths_cannot_leave_the_served_directories() {
    let sim = start();
    let paths = [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/pkg/../index.html",
        "/pkg/%2e%2e/index.html",
        "/pkg/..%2f..%2fetc%2fpasswd",
        "/.secret",
        "/%2esecret",
        "/pkg/",
        "/nope.html",
        "/pkg/%00.js",
    ];
    for path in paths {
        assert_eq!(sim.raw_status(path, &[]), 404, "{path}");
    }
    assert_eq!(sim.raw_status("/pkg/lms_widgets.js", &[]), 200, "the same way, a real file is served");
    assert_eq!(sim.call("POST", "/index.html", &[], Some(json!({}))).status, 405);
}

#[test]
fn html_pages_set_the_csrf_and_session_cookies() {
    let sim = start();
    let page = sim.get("/", &[]);
    let cookies = page.headers_named("Set-Cookie");
    let csrf = cookies.iter().find_map(|c| c.strip_prefix("_csrf_token=")).expect("a _csrf_token cookie");
    let value = csrf.split(';').next().unwrap();
    for encoded in ["%2B", "%2F", "%3D"] {
        assert!(value.contains(encoded), "{value} has {encoded}: it must be URL-decoded before use");
    }
    assert!(csrf.contains("Path=/"));
    assert!(cookies.iter().any(|c| c.starts_with("sim_user=1;")), "{cookies:?}");
    assert!(sim.get("/demo.css", &[]).headers_named("Set-Cookie").is_empty(), "only HTML sets cookies");
    assert!(
        !sim.get("/", &[("Cookie", "sim_user=2")])
            .headers_named("Set-Cookie")
            .iter()
            .any(|c| c.starts_with("sim_user")),
        "a chosen user is kept"
    );

    // The page's token, decoded, is what a session's POST must send.
    let decoded = value.replace("%2B", "+").replace("%2F", "/").replace("%3D", "=");
    let url = sim.job(json!({"duration_ms": 60_000}));
    let cookie = format!("sim_user=1; _csrf_token={value}");
    let a = sim.call(
        "POST",
        &format!("{url}/cancel"),
        &[("Cookie", &cookie), ("X-CSRF-Token", &decoded), JSON],
        Some(json!({})),
    );
    assert_eq!(a.status, 200, "{}", a.body);
}

#[test]
fn only_loopback_addresses_are_accepted() {
    for addr in ["0.0.0.0:0", "192.168.1.20:0", "[::]:0", "[::1]:0", "127.0.0.2:0", "example.com:80", "8787"] {
        let out = Command::new(env!("CARGO_BIN_EXE_lms-sim"))
            .args(["--addr", addr])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert!(!out.status.success(), "{addr} was accepted");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("loopback"),
            "{addr}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{addr}: nothing listened");
    }
}

#[test]
fn bad_command_lines_are_refused() {
    for args in [
        &["--canvas-url", "http://127.0.0.1:9"][..],
        &["--token", "t"],
        &["--bogus"],
        &["--addr"],
        &["--canvas-url", "ftp://x", "--token", "t"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_lms-sim"))
            .args(args)
            // A token exported in the developer's shell would make `--canvas-url` alone valid.
            .env_remove("CANVAS_TOKEN")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?} says why");
    }
}

#[test]
fn malformed_http_gets_an_error_and_the_server_stays_up() {
    let sim = start();
    let cases: [(&[u8], &str); 5] = [
        (b"NONSENSE\r\n\r\n", "400"),
        (b"GET /api/v1/progress/1 HTTP/1.1\r\nno colon here\r\n\r\n", "400"),
        (b"GET nowhere HTTP/1.1\r\n\r\n", "400"),
        (b"POST /sim/jobs HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n", "413"),
        (b"GET / HTTP/1.1\r\nX: \xff\xfe\r\n\r\n", "400"),
    ];
    for (request, status) in cases {
        let answer = String::from_utf8_lossy(&sim.raw(request).unwrap()).into_owned();
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status} ")),
            "{:?} → {answer}",
            String::from_utf8_lossy(request)
        );
    }
    let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(70_000));
    assert!(String::from_utf8_lossy(&sim.raw(huge.as_bytes()).unwrap()).starts_with("HTTP/1.1 431 "));
    assert_eq!(sim.get("/sim/jobs", &[]).status, 200, "still serving");
}

#[test]
fn chunked_bodies_and_keep_alive_work() {
    let sim = start();
    let body = r#"{"duration_ms": 10}"#;
    let chunked = format!(
        "POST /sim/jobs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{body}\r\n0\r\n\r\nGET /sim/jobs HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let answer = String::from_utf8_lossy(&sim.raw(chunked.as_bytes()).unwrap()).into_owned();
    assert!(answer.starts_with("HTTP/1.1 201 "), "{answer}");
    let second = answer.split("HTTP/1.1 ").nth(2).expect("a second answer on the same connection");
    assert!(second.starts_with("200 ") && second.contains("\"state\":\"running\""), "{second}");
}

#[test]
fn api_bodies_that_are_not_json_get_400() {
    let sim = start();
    let url = sim.job(json!({}));
    let a = sim.send("POST", &format!("{url}/cancel"), &[USER_1, JSON], "application/json", "{oops");
    assert_eq!(a.status, 400);
    assert!(a.json()["errors"][0]["message"].as_str().unwrap().contains("not JSON"));
}

#[test]
fn proxy_mode_forwards_to_canvas_with_the_token_and_guards_writes() {
    let canvas = start();
    let job = canvas.job(json!({"owner": 7, "duration_ms": 60_000}));
    let missing = "/api/v1/progress/999999";
    let proxy = start_with(&["--canvas-url", &canvas.base, "--token", "sim-user-7"]);
    let page = proxy.get("/", &[]);
    let token = page
        .headers_named("Set-Cookie")
        .iter()
        .find_map(|c| c.strip_prefix("_csrf_token="))
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let decoded = token.replace("%2B", "+").replace("%2F", "/").replace("%3D", "=");
    let session = format!("sim_user=1; _csrf_token={token}");

    // Reads: the proxy's token is used whatever the page sends; Canvas's answer comes back.
    let got = proxy.get(&job, &[("Cookie", "sim_user=3"), ("Authorization", "Bearer sim-user-3"), JSON]);
    assert_eq!((got.status, got.json()["user_id"].as_u64()), (200, Some(7)), "{}", got.body);
    assert!(
        got.header("X-Rate-Limit-Remaining").is_some() && got.header("X-Request-Cost").is_some(),
        "throttle headers pass back"
    );
    assert!(got.headers_named("Set-Cookie").is_empty());
    let gone = proxy.get(missing, &[JSON]);
    assert_eq!(
        (gone.status, gone.json()["errors"][0]["message"].as_str()),
        (404, Some("The specified resource does not exist."))
    );

    // Writes need the page's CSRF token, and the token this proxy issued.
    let planted = ("Cookie", "sim_user=1; _csrf_token=abc");
    let cases: [(Vec<(&str, &str)>, u16); 3] = [
        (vec![("Cookie", session.as_str())], 422),
        (vec![planted, ("X-CSRF-Token", "abc")], 422),
        (vec![("Cookie", session.as_str()), ("X-CSRF-Token", decoded.as_str())], 200),
    ];
    for (headers, status) in cases {
        let mut headers = headers;
        headers.push(JSON);
        let a = proxy.call("POST", &format!("{job}/cancel"), &headers, Some(json!({"message": "via proxy"})));
        assert_eq!(a.status, status, "{headers:?}: {}", a.body);
    }
    assert_eq!(canvas.stats()["by_path"][format!("POST {job}/cancel")], 1, "refused writes never reach Canvas");
    assert_eq!(canvas.get(&job, &[("Authorization", "Bearer sim-user-7"), JSON]).json()["message"], "via proxy");

    // Throttling from Canvas passes through untouched; dot segments never leave.
    canvas.post("/sim/faults", json!({"throttle": "403", "times": 1}));
    let t = proxy.get(&job, &[JSON]);
    assert_eq!(
        (t.status, t.body.as_str(), t.header("X-Rate-Limit-Remaining")),
        (403, "403 Forbidden (Rate Limit Exceeded)\n", Some("0.0"))
    );
    assert!(t.content_type.starts_with("text/plain"));
    for path in ["/api/v1/../../login", "/api/v1/%2e%2e/%2E%2E/login", "/api/lti/a%2f..%2f..%2flogin"] {
        assert_eq!(proxy.raw_status(path, &[JSON]), 400, "{path}");
    }
    // The scripting API stays local: the proxy's own stats count what went through it.
    assert!(proxy.stats()["total"].as_u64().unwrap() >= 6);
}

#[test]
fn proxy_mode_reports_an_unreachable_canvas_as_502() {
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = dead.local_addr().unwrap().port();
    drop(dead);
    let proxy = start_with(&["--canvas-url", &format!("http://127.0.0.1:{port}"), "--token", "t"]);
    let a = proxy.get("/api/v1/progress/1", &[JSON]);
    assert_eq!(a.status, 502);
    assert!(a.json()["errors"][0]["message"].as_str().unwrap().contains("could not reach Canvas"));
}
