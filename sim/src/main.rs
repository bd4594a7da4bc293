//! `lms-sim`: a Canvas + Cloudreve API simulator and the demo's web server (127.0.0.1 only).
//! The scripting API (`/sim/*`) is documented in `sim/README.md`.

mod canvas;
mod faults;
mod http;
mod jobs;
mod pacing;
mod reports;
mod state;

use faults::{Action, Fault};
use http::{error, json, Req, Resp};
use serde_json::json;
use state::Shared;
use std::path::{Path, PathBuf};
use std::sync::Arc;

struct Config {
    www: PathBuf,
    pkg: PathBuf,
    canvas_url: Option<String>,
    token: Option<String>,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("lms-sim: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let mut addr = "127.0.0.1:8787".to_owned();
    let mut cfg = Config { www: "www".into(), pkg: "pkg".into(), canvas_url: None, token: None };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--addr" => addr = val()?,
            "--www" => cfg.www = val()?.into(),
            "--pkg" => cfg.pkg = val()?.into(),
            "--canvas-url" => cfg.canvas_url = Some(val()?.trim_end_matches('/').to_owned()),
            "--token" => cfg.token = Some(val()?),
            "-h" | "--help" => {
                println!("lms-sim [--addr 127.0.0.1:8787] [--www www] [--pkg pkg] [--canvas-url URL --token TOKEN]");
                return Ok(());
            }
            other => return Err(format!("unknown option {other} (see --help)")),
        }
    }
    if !addr.starts_with("127.") && !addr.starts_with("localhost:") {
        return Err(format!("refusing to listen on {addr}: the simulator binds loopback addresses only"));
    }
    if cfg.canvas_url.is_some() != cfg.token.is_some() {
        return Err("--canvas-url and --token go together".into());
    }
    let server = tiny_http::Server::http(&addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let port = server.server_addr().to_ip().map(|a| a.port()).unwrap_or(0);
    match &cfg.canvas_url {
        Some(u) => println!("lms-widgets demo: http://127.0.0.1:{port}/ (proxying /api to {u})"),
        None => println!("lms-widgets demo: http://127.0.0.1:{port}/"),
    }
    let shared = Arc::new(Shared::new());
    let cfg = Arc::new(cfg);
    for request in server.incoming_requests() {
        let (shared, cfg) = (shared.clone(), cfg.clone());
        std::thread::spawn(move || handle(request, &shared, &cfg));
    }
    Ok(())
}

fn handle(mut request: tiny_http::Request, shared: &Shared, cfg: &Config) {
    let req = Req::read(&mut request);
    let segs: Vec<&str> = req.path.split('/').filter(|s| !s.is_empty()).collect();
    let outcome = if segs.first() == Some(&"sim") {
        Some(sim_api(&req, shared, &segs))
    } else if segs.first() == Some(&"api") {
        api(&req, shared, cfg, &segs)
    } else {
        Some(Action::Respond(static_file(&req, cfg)))
    };
    match outcome {
        Some(Action::Respond(r)) => {
            let _ = request.respond(r);
        }
        Some(Action::Drop) | None => drop(request.into_writer()),
        Some(Action::Delay(_)) => unreachable_delay(request),
    }
}

fn unreachable_delay(request: tiny_http::Request) {
    let _ = request.respond(error(500, "internal: unexpected delay action"));
}

/// API requests: counted, faults applied, then simulated (or proxied to a real Canvas).
fn api(req: &Req, shared: &Shared, cfg: &Config, segs: &[&str]) -> Option<Action> {
    let job_path = req.path.trim_end_matches('/').trim_end_matches("/cancel").to_owned();
    let fault = {
        let mut st = shared.lock();
        *st.stats.entry(format!("{} {}", req.method, req.path)).or_default() += 1;
        st.total += 1;
        let mut found = None;
        for j in st.jobs.values_mut() {
            if j.url() == job_path || format!("/api/v1/progress/{}", j.id) == job_path {
                found = j.spec.faults.iter_mut().find_map(Fault::take);
                break;
            }
        }
        found.or_else(|| {
            st.faults
                .iter_mut()
                .filter(|f| f.path_prefix.as_deref().is_none_or(|p| req.path.starts_with(p)))
                .find_map(Fault::take)
        })
    };
    match fault {
        Some(Action::Delay(ms)) => std::thread::sleep(std::time::Duration::from_millis(ms.min(120_000))),
        Some(other) => return Some(other),
        None => {}
    }
    let who = canvas::identity(req);
    if !canvas::csrf_ok(req, &who) {
        return Some(Action::Respond(canvas::csrf_failed()));
    }
    if let (Some(base), Some(token)) = (&cfg.canvas_url, &cfg.token) {
        return Some(Action::Respond(proxy(req, base, token)));
    }
    let mut st = shared.lock();
    let resp = canvas::route(req, &who, &mut st, segs)
        .or_else(|| canvas::cloudreve(req, &st, segs))
        .or_else(|| reports::route(req, &who, &mut st, segs))
        .or_else(|| pacing::route(req, &who, &mut st, segs))
        .unwrap_or_else(|| error(404, "The specified resource does not exist."));
    Some(Action::Respond(resp))
}

/// Proxy mode: forward to the real Canvas with the token; cookies never cross either way.
fn proxy(req: &Req, base: &str, token: &str) -> Resp {
    let url = if req.query.is_empty() { format!("{base}{}", req.path) } else { format!("{base}{}?{}", req.path, req.query) };
    let mut r = ureq::request(&req.method, &url).set("Authorization", &format!("Bearer {token}"));
    for h in ["accept", "content-type"] {
        if let Some(v) = req.header(h) {
            r = r.set(h, v);
        }
    }
    let result = if req.body.is_empty() { r.call() } else { r.send_string(&req.body) };
    let resp = match result {
        Ok(resp) | Err(ureq::Error::Status(_, resp)) => resp,
        Err(e) => return error(502, &format!("could not reach Canvas: {e}")),
    };
    let status = resp.status();
    let ct = resp.header("content-type").unwrap_or("application/json").to_owned();
    let keep: Vec<(String, String)> = ["x-rate-limit-remaining", "x-request-cost", "retry-after"]
        .iter()
        .filter_map(|h| resp.header(h).map(|v| (h.to_string(), v.to_owned())))
        .collect();
    let mut body = Vec::new();
    let _ = std::io::Read::read_to_end(&mut resp.into_reader().take_limit(), &mut body);
    let mut out = http::bytes(status, &ct, body);
    for (k, v) in keep {
        out = out.with_header(http::header(&k, &v));
    }
    out
}

trait TakeLimit: std::io::Read + Sized {
    fn take_limit(self) -> std::io::Take<Self> {
        self.take(64 * 1024 * 1024)
    }
}
impl<R: std::io::Read> TakeLimit for R {}

/// The scripting API.
fn sim_api(req: &Req, shared: &Shared, segs: &[&str]) -> Action {
    let mut st = shared.lock();
    let body = || req.json();
    let r = match (req.method.as_str(), &segs[1..]) {
        ("POST", ["jobs"]) => match body().and_then(|b| serde_json::from_value::<jobs::JobSpec>(b).map_err(|e| e.to_string())) {
            Err(e) => error(400, &e),
            Ok(spec) => {
                let (id, now) = (st.next_id(), st.now());
                match jobs::Job::new(id, spec, now) {
                    Err(e) => error(400, &e),
                    Ok(job) => {
                        let out = json!({ "id": if job.is_cloudreve() { json!(job.cloudreve_id()) } else { json!(id.to_string()) }, "url": job.url() });
                        st.jobs.insert(id, job);
                        json(201, &out)
                    }
                }
            }
        },
        ("GET", ["jobs"]) => json(200, &json!(st.jobs.values().map(|j| json!({"id": j.id, "url": j.url()})).collect::<Vec<_>>())),
        ("POST", ["faults"]) => match body().and_then(|b| serde_json::from_value::<Fault>(b).map_err(|e| e.to_string())) {
            Err(e) => error(400, &e),
            Ok(f) => {
                st.faults.push(f);
                json(201, &json!({ "faults": st.faults.len() }))
            }
        },
        ("DELETE", ["faults"]) => {
            st.faults.clear();
            json(200, &json!({ "faults": 0 }))
        }
        ("GET", ["stats"]) => json(200, &json!({ "total": st.total, "by_path": st.stats })),
        ("POST", ["stats", "reset"]) => {
            st.stats.clear();
            st.total = 0;
            json(200, &json!({ "total": 0 }))
        }
        ("POST", ["reset"]) => {
            st.reset();
            json(200, &json!({ "reset": true }))
        }
        ("POST", ["clock"]) => {
            let b = body().unwrap_or_default();
            let now = st.now();
            match b.get("paused").and_then(|p| p.as_bool()) {
                Some(true) if st.paused_at.is_none() => st.paused_at = Some(http::epoch_ms()),
                Some(false) => {
                    if let Some(p) = st.paused_at.take() {
                        st.clock_offset -= (http::epoch_ms() - p) as i64;
                    }
                }
                _ => {}
            }
            if let Some(ms) = b.get("advance_ms").and_then(|v| v.as_u64()) {
                st.clock_offset += ms as i64;
            }
            json(200, &json!({ "was": now, "now": st.now(), "paused": st.paused_at.is_some() }))
        }
        ("POST", ["reports", "config"]) => match body().and_then(|b| serde_json::from_value(b).map_err(|e| e.to_string())) {
            Err(e) => error(400, &e),
            Ok(c) => {
                st.reports.next = c;
                json(200, &json!({ "ok": true }))
            }
        },
        ("POST", ["reports", "seed"]) => match body().and_then(|b| serde_json::from_value(b).map_err(|e| e.to_string())) {
            Err(e) => error(400, &e),
            Ok(s) => json(201, &reports::seed(&mut st, s)),
        },
        ("POST", ["pacing", "config"]) => {
            let b = body().unwrap_or_default();
            if let Some(ms) = b.get("publish_ms").and_then(|v| v.as_u64()) {
                st.publish_ms = ms;
            }
            match b.get("publish_faults").cloned().map(serde_json::from_value::<Vec<Fault>>) {
                Some(Ok(f)) => st.publish_faults = f,
                Some(Err(e)) => return Action::Respond(error(400, &e.to_string())),
                None => {}
            }
            json(200, &json!({ "publish_ms": st.publish_ms }))
        }
        ("GET", ["files", ..]) => reports::file(&st, segs).unwrap_or_else(|| error(404, "no such file")),
        _ => error(404, "unknown simulator endpoint (see sim/README.md)"),
    };
    Action::Respond(r)
}

fn static_file(req: &Req, cfg: &Config) -> Resp {
    if req.method != "GET" && req.method != "HEAD" {
        return error(405, "method not allowed");
    }
    let rel = req.path.trim_start_matches('/');
    let (dir, rel) = match rel.strip_prefix("pkg/") {
        Some(r) => (&cfg.pkg, r),
        None if rel.is_empty() => (&cfg.www, "index.html"),
        None => (&cfg.www, rel),
    };
    if rel.split('/').any(|p| p == ".." || p.starts_with('.')) || rel.contains('\\') {
        return error(404, "not found");
    }
    let path = dir.join(rel);
    let Ok(data) = std::fs::read(&path) else {
        return error(404, "not found");
    };
    let ct = content_type(&path);
    let mut r = http::bytes(200, ct, data);
    if ct.starts_with("text/html") {
        // A masked-looking token with characters that must be URL-encoded, as Canvas's is.
        let token = "sim+csrf/token==";
        r = r
            .with_header(http::header("Set-Cookie", &format!("_csrf_token={}; Path=/; SameSite=Lax", http::url_encode(token))))
            .with_header(http::header("Set-Cookie", "sim_user=1; Path=/; SameSite=Lax"));
    }
    r
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
