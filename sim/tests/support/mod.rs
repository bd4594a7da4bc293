//! Starts `lms-sim` as a child process on a free loopback port and talks real HTTP to it.
//! The clock starts paused, so tests move time with `advance` and never depend on timing.
#![allow(dead_code)] // each test binary uses a different part of this

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Request headers, as the tables in the tests list them.
pub type Headers<'a> = &'a [(&'a str, &'a str)];

pub const USER_1: (&str, &str) = ("Authorization", "Bearer sim-user-1");
pub const USER_2: (&str, &str) = ("Authorization", "Bearer sim-user-2");
pub const JSON: (&str, &str) = ("Accept", "application/json");
pub const STRING_IDS: (&str, &str) = ("Accept", "application/json+canvas-string-ids, application/json");
pub const JWT: (&str, &str) = ("Authorization", "Bearer header.payload.signature");

pub struct Sim {
    child: Child,
    pub base: String,
    pub port: u16,
    pub www: PathBuf,
    agent: ureq::Agent,
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.www);
    }
}

/// A demo directory with a page, a script, a stylesheet, a wasm file and a hidden file.
fn site() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir =
        std::env::temp_dir().join(format!("lms-sim-test-{}-{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst)));
    let pkg = dir.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>demo</title>").unwrap();
    std::fs::write(dir.join("lti.html"), "<!doctype html><title>lti</title>").unwrap();
    std::fs::write(dir.join("demo.css"), "body{}").unwrap();
    std::fs::write(dir.join("demo.js"), "export {}").unwrap();
    std::fs::write(dir.join(".secret"), "no").unwrap();
    std::fs::write(pkg.join("lms_widgets_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(pkg.join("lms_widgets.js"), "export default 1").unwrap();
    std::fs::write(pkg.join("snippet.mjs"), "export {}").unwrap();
    dir
}

/// Starts a simulator (clock paused).
pub fn start() -> Sim {
    start_with(&[])
}

pub fn start_with(extra: &[&str]) -> Sim {
    start_with_env(extra, &[])
}

/// Starts a simulator with extra arguments and environment variables (clock paused).
pub fn start_with_env(extra: &[&str], env: &[(&str, &str)]) -> Sim {
    let sim = spawn(extra, env);
    sim.post("/sim/clock", json!({"paused": true}));
    sim
}

/// Starts a simulator and leaves its clock running.
pub fn start_live() -> Sim {
    spawn(&[], &[])
}

fn spawn(extra: &[&str], env: &[(&str, &str)]) -> Sim {
    let www = site();
    let mut child = Command::new(env!("CARGO_BIN_EXE_lms-sim"))
        .args(["--addr", "127.0.0.1:0", "--www"])
        .arg(&www)
        .arg("--pkg")
        .arg(www.join("pkg"))
        .args(extra)
        .env_remove("CANVAS_TOKEN") // a developer's own token never reaches a test
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .spawn()
        .expect("lms-sim starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base = line.trim().strip_prefix("lms-widgets demo: ").unwrap_or_else(|| panic!("first line: {line:?}"));
    let base = base.trim_end_matches('/').to_owned();
    let port = base.rsplit(':').next().unwrap().parse().unwrap();
    let agent = ureq::AgentBuilder::new().redirects(0).timeout(Duration::from_secs(30)).build();
    Sim { child, base, port, www, agent }
}

pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    /// The body as JSON (after any `while(1);` prefix).
    pub fn json(&self) -> Value {
        serde_json::from_str(self.body.trim_start_matches("while(1);")).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
    pub fn header(&self, k: &str) -> Option<&str> {
        self.headers.iter().find(|(h, _)| h.eq_ignore_ascii_case(k)).map(|(_, v)| v.as_str())
    }
    pub fn headers_named(&self, k: &str) -> Vec<&str> {
        self.headers.iter().filter(|(h, _)| h.eq_ignore_ascii_case(k)).map(|(_, v)| v.as_str()).collect()
    }
}

impl Sim {
    pub fn call(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<Value>) -> Answer {
        let mut r = self.agent.request(method, &format!("{}{path}", self.base));
        for (k, v) in headers {
            r = r.set(k, v);
        }
        let res = match body {
            Some(b) => r.set("Content-Type", "application/json").send_string(&b.to_string()),
            None => r.call(),
        };
        Self::answer(method, path, res)
    }

    /// Sends a raw body with a Content-Type.
    pub fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], content_type: &str, body: &str) -> Answer {
        let mut r = self.agent.request(method, &format!("{}{path}", self.base)).set("Content-Type", content_type);
        for (k, v) in headers {
            r = r.set(k, v);
        }
        Self::answer(method, path, r.send_string(body))
    }

    fn answer(method: &str, path: &str, res: Result<ureq::Response, ureq::Error>) -> Answer {
        let resp = match res {
            Ok(r) | Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("{method} {path}: {e}"),
        };
        let mut headers = Vec::new();
        for name in resp.headers_names() {
            for v in resp.all(&name) {
                headers.push((name.clone(), v.to_owned()));
            }
        }
        Answer {
            status: resp.status(),
            content_type: resp.content_type().to_owned(),
            headers,
            body: resp.into_string().unwrap(),
        }
    }

    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Answer {
        self.call("GET", path, headers, None)
    }

    /// A `/sim/*` call that must succeed.
    pub fn post(&self, path: &str, body: Value) -> Value {
        let a = self.call("POST", path, &[], Some(body));
        assert!(a.status < 300, "POST {path}: {} {}", a.status, a.body);
        a.json()
    }

    /// Creates a job; answers its URL.
    pub fn job(&self, spec: Value) -> String {
        self.post("/sim/jobs", spec)["url"].as_str().unwrap().to_owned()
    }

    pub fn advance(&self, ms: u64) {
        self.post("/sim/clock", json!({ "advance_ms": ms }));
    }

    pub fn stats(&self) -> Value {
        self.get("/sim/stats", &[]).json()
    }

    /// Writes raw bytes on a fresh connection and reads until the server closes it.
    pub fn raw(&self, request: &[u8]) -> std::io::Result<Vec<u8>> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port))?;
        s.set_read_timeout(Some(Duration::from_secs(10)))?;
        s.write_all(request)?;
        let mut out = Vec::new();
        s.read_to_end(&mut out)?;
        Ok(out)
    }
}

impl Sim {
    /// The status of a GET sent exactly as written (HTTP clients normalise `..` and `%2e%2e`
    /// away before sending, which would hide what the server does with them).
    pub fn raw_status(&self, path: &str, headers: &[(&str, &str)]) -> u16 {
        let extra: String = headers.iter().map(|(k, v)| format!("{k}: {v}\r\n")).collect();
        let answer = self
            .raw(format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}Connection: close\r\n\r\n").as_bytes())
            .unwrap();
        let text = String::from_utf8_lossy(&answer);
        text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no status in {text:?}"))
    }
}

/// The last path segment of a URL (a job's id).
pub fn id_of(url: &str) -> &str {
    url.rsplit('/').next().unwrap()
}
