//! The demo server holds a real Canvas token in proxy mode, so another site must not be able
//! to drive it: `/sim/*` refuses cross-site requests, only its own `Host` is answered (DNS
//! rebinding), faults never touch proxied traffic, and the token can stay out of the process
//! list. Proxy tests point `--canvas-url` at a tiny fake Canvas on 127.0.0.1.

mod support;

use serde_json::json;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use support::*;

/// A fake Canvas: answers every request with a Progress JSON and records each request head.
struct FakeCanvas {
    base: String,
    heads: Arc<Mutex<Vec<String>>>,
}

impl FakeCanvas {
    fn start() -> FakeCanvas {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let heads = Arc::new(Mutex::new(Vec::new()));
        let seen = heads.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut head = String::new();
                while reader.read_line(&mut head).is_ok_and(|n| n > 2) {}
                seen.lock().unwrap().push(head);
                let body = r#"{"id":1,"workflow_state":"running","completion":42.0}"#;
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        FakeCanvas { base, heads }
    }

    fn requests(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

/// The status of a raw GET with the given `Host` header (`None`: no Host at all).
fn status_with_host(sim: &Sim, path: &str, host: Option<&str>) -> u16 {
    let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    let answer = sim
        .raw(format!("GET {path} HTTP/1.1\r\n{host}Accept: application/json\r\nConnection: close\r\n\r\n").as_bytes());
    let text = String::from_utf8_lossy(&answer.unwrap()).into_owned();
    text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no status in {text:?}"))
}

#[test]
fn control_endpoints_refuse_cross_site_requests() {
    let sim = start();
    let own = format!("http://127.0.0.1:{}", sim.port);
    let other_port = format!("http://127.0.0.1:{}", sim.port.wrapping_add(1));
    let rebound = format!("http://attacker.example:{}", sim.port);
    let fault = r#"{"login_page":true}"#;
    // A page elsewhere can POST text/plain without a preflight; the browser marks it.
    let refused: [&[(&str, &str)]; 6] = [
        &[("Origin", "https://attacker.example")],
        &[("Origin", "null")],
        &[("Origin", &other_port), ("Sec-Fetch-Site", "same-site")],
        &[("Origin", &rebound), ("Sec-Fetch-Site", "same-origin")],
        &[("Sec-Fetch-Site", "cross-site")],
        &[("Sec-Fetch-Site", "same-site")],
    ];
    for headers in refused {
        let a = sim.send("POST", "/sim/faults", headers, "text/plain", fault);
        assert_eq!(a.status, 403, "{headers:?}: {}", a.body);
        assert!(a.json()["errors"][0]["message"].as_str().unwrap().contains("cross-site"), "{}", a.body);
        let read = sim.call("GET", "/sim/stats", headers, None);
        assert_eq!(read.status, 403, "GET with {headers:?}");
    }
    assert_eq!(sim.call("DELETE", "/sim/faults", &[], None).json()["faults"], 0);
    let job = sim.job(json!({}));
    let a = sim.get(&job, &[USER_1, JSON]);
    assert_eq!(a.status, 200, "no refused fault was installed: {}", a.body);

    // The demo page (same origin) and scripts that send neither header (curl, tests) work.
    let allowed: [&[(&str, &str)]; 4] = [
        &[("Origin", &own), ("Sec-Fetch-Site", "same-origin")],
        &[("Origin", &format!("http://localhost:{}", sim.port)), ("Sec-Fetch-Site", "same-origin")],
        &[("Sec-Fetch-Site", "none")],
        &[],
    ];
    for headers in allowed {
        let a = sim.send("POST", "/sim/faults", headers, "application/json", r#"{"status":503,"times":1}"#);
        assert_eq!(a.status, 201, "{headers:?}: {}", a.body);
        assert_eq!(sim.call("GET", "/sim/stats", headers, None).status, 200, "{headers:?}");
    }
}

#[test]
fn proxy_mode_answers_only_its_own_host() {
    let canvas = FakeCanvas::start();
    let proxy = start_with(&["--canvas-url", &canvas.base, "--token", "server-token"]);
    let port = proxy.port;
    // DNS rebinding: a page on attacker.example, resolved to 127.0.0.1, sends its own name.
    for host in [
        Some(format!("attacker.example:{port}")),
        Some(format!("127.0.0.1.attacker.example:{port}")),
        Some(format!("127.0.0.1:{}", port.wrapping_add(1))),
        None,
    ] {
        for path in ["/api/v1/progress/1", "/sim/stats", "/"] {
            assert_eq!(status_with_host(&proxy, path, host.as_deref()), 421, "{path} with Host {host:?}");
        }
    }
    assert!(canvas.requests().is_empty(), "nothing reached Canvas: {:?}", canvas.requests());
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), "127.0.0.1".to_owned()] {
        assert_eq!(status_with_host(&proxy, "/api/v1/progress/1", Some(&host)), 200, "Host {host}");
    }
    assert_eq!(canvas.requests().len(), 3);
}

#[test]
fn faults_never_apply_in_proxy_mode() {
    let canvas = FakeCanvas::start();
    let proxy = start_with(&["--canvas-url", &canvas.base, "--token", "server-token"]);
    let global = proxy.call("POST", "/sim/faults", &[], Some(json!({"login_page": true})));
    assert_eq!(global.status, 409, "{}", global.body);
    assert!(global.json()["errors"][0]["message"].as_str().unwrap().contains("proxy mode"), "{}", global.body);
    let on_job = proxy.call("POST", "/sim/jobs", &[], Some(json!({"kind": "cloudreve", "faults": [{"drop": true}]})));
    assert_eq!(on_job.status, 409, "{}", on_job.body);
    let publish = proxy.call("POST", "/sim/pacing/config", &[], Some(json!({"publish_faults": [{"status": 500}]})));
    assert_eq!(publish.status, 409, "{}", publish.body);

    // Proxied answers are Canvas's own, never the simulator's HTML.
    let a = proxy.get("/api/v1/progress/1", &[JSON]);
    assert_eq!((a.status, a.content_type.as_str()), (200, "application/json"), "{}", a.body);
    assert_eq!(a.json()["completion"], 42.0);
    assert_eq!(canvas.requests().len(), 1);
    assert_eq!(proxy.call("DELETE", "/sim/faults", &[], None).json()["faults"], 0, "clearing is harmless");
}

#[test]
fn the_token_can_come_from_the_environment() {
    let canvas = FakeCanvas::start();
    let proxy = start_with_env(&["--canvas-url", &canvas.base], &[("CANVAS_TOKEN", "token-from-env")]);
    assert_eq!(proxy.get("/api/v1/progress/1", &[JSON]).status, 200);
    let head = canvas.requests().pop().expect("the request reached Canvas");
    assert!(head.to_ascii_lowercase().contains("authorization: bearer token-from-env\r\n"), "{head}");

    // `--token` still works, and wins over the environment.
    let flag = start_with_env(&["--canvas-url", &canvas.base, "--token", "from-flag"], &[("CANVAS_TOKEN", "from-env")]);
    assert_eq!(flag.get("/api/v1/progress/1", &[JSON]).status, 200);
    assert!(canvas.requests().pop().unwrap().to_ascii_lowercase().contains("bearer from-flag\r\n"));

    // An empty variable is no token; --help says where the token may come from.
    let out = Command::new(env!("CARGO_BIN_EXE_lms-sim"))
        .args(["--addr", "127.0.0.1:0", "--canvas-url", &canvas.base])
        .env("CANVAS_TOKEN", "")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("CANVAS_TOKEN"), "{}", String::from_utf8_lossy(&out.stderr));
    let help = Command::new(env!("CARGO_BIN_EXE_lms-sim")).arg("--help").env_remove("CANVAS_TOKEN").output().unwrap();
    assert!(
        String::from_utf8_lossy(&help.stdout).contains("CANVAS_TOKEN"),
        "{}",
        String::from_utf8_lossy(&help.stdout)
    );
}
