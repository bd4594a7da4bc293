//! `lms-sim`: a Canvas + Cloudreve API simulator and the demo's web server (127.0.0.1 only).
//! The scripting API (`/sim/*`) and the identity conventions are in `sim/README.md`.

mod canvas;
mod docx;
mod faults;
mod http;
mod identity;
mod jobs;
mod pacing;
mod proxy;
mod reports;
mod seed;
mod server;
mod sim_api;
mod state;
mod statics;
mod throttle;

use faults::Action;
use http::{Req, Resp};
use identity::Identity;
use server::Outcome;
use state::Shared;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Arc;

const USAGE: &str = "lms-sim [--addr 127.0.0.1:8787] [--www www] [--pkg pkg] [--canvas-url URL --token TOKEN]";

struct App {
    shared: Shared,
    site: statics::Site,
    proxy: Option<proxy::Proxy>,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("lms-sim: {e}");
        std::process::exit(2);
    }
}

/// `127.0.0.1:PORT` or `localhost:PORT` (port 0 = any free port); nothing else.
fn loopback(addr: &str) -> Result<SocketAddr, String> {
    let refuse = || format!("--addr must be 127.0.0.1:PORT (the simulator listens on loopback only), not {addr:?}");
    let (host, port) = addr.rsplit_once(':').ok_or_else(refuse)?;
    let port: u16 = port.parse().map_err(|_| refuse())?;
    match host {
        "127.0.0.1" | "localhost" => Ok(SocketAddr::from((Ipv4Addr::LOCALHOST, port))),
        _ => Err(refuse()),
    }
}

fn run() -> Result<(), String> {
    let mut addr = "127.0.0.1:8787".to_owned();
    let (mut www, mut pkg) = ("www".to_owned(), "pkg".to_owned());
    let (mut canvas_url, mut token) = (None, None);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (a.clone(), None),
        };
        let mut val = || inline.clone().or_else(|| args.next()).ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--addr" => addr = val()?,
            "--www" => www = val()?,
            "--pkg" => pkg = val()?,
            "--canvas-url" => canvas_url = Some(val()?),
            "--token" => token = Some(val()?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown option {other}\nusage: {USAGE}")),
        }
    }
    let proxy = match (canvas_url, token) {
        (Some(u), Some(t)) => Some(proxy::Proxy::new(&u, &t)?),
        (None, None) => None,
        _ => return Err("--canvas-url and --token go together".into()),
    };
    let listener = TcpListener::bind(loopback(&addr)?).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let mut out = std::io::stdout().lock();
    // Tests and scripts read this exact first line; a closed stdout must not stop the server.
    let _ = writeln!(out, "lms-widgets demo: http://127.0.0.1:{port}/");
    if let Some(p) = &proxy {
        let _ = writeln!(out, "proxy mode: /api/v1 and /api/lti go to {} with the server's token", p.base());
    }
    let _ = out.flush();
    drop(out);
    let app = Arc::new(App { shared: Shared::new(), site: statics::Site::new(www.into(), pkg.into()), proxy });
    server::serve(listener, Arc::new(move |req: &Req| app.handle(req)));
    Ok(())
}

impl App {
    fn handle(&self, req: &Req) -> Outcome {
        let segs: Vec<&str> = req.path.split('/').filter(|s| !s.is_empty()).collect();
        match segs.first().copied() {
            Some("sim") => Outcome::Respond(sim_api::route(req, &mut self.shared.lock(), &segs[1..])),
            Some("api") => self.api(req, &segs),
            Some("files") if self.proxy.is_none() => Outcome::Respond(
                reports::file(&self.shared.lock(), &segs).unwrap_or_else(|| http::error(404, "No such file.")),
            ),
            _ => Outcome::Respond(self.site.serve(req)),
        }
    }

    /// API requests: counted, throttled, faults applied, then simulated (or proxied).
    fn api(&self, req: &Req, segs: &[&str]) -> Outcome {
        let proxied = self.proxy.as_ref().filter(|_| proxy::Proxy::forwards(segs));
        let who = match identity::identify(req) {
            Ok(w) => w,
            Err(_) if proxied.is_some() => Identity::Anonymous, // the page's token is never used
            Err(r) => {
                self.count(req);
                return Outcome::Respond(r);
            }
        };
        let client = if proxied.is_some() { None } else { who.throttle_client(req) };
        let fault = {
            let mut st = self.shared.lock();
            *st.stats.entry(format!("{} {}", req.method, req.path)).or_default() += 1;
            st.total += 1;
            let now = st.now();
            if let Some(c) = &client {
                if !st.throttle.begin(c, now) {
                    return Outcome::Respond(throttle::rate_limited());
                }
            }
            let job = canvas::job_of_path(&st, segs);
            let from_job = job
                .and_then(|j| st.jobs.get_mut(&j))
                .and_then(|j| faults::take_first(&mut j.spec.faults, &req.method, &req.path));
            from_job.or_else(|| faults::take_first(&mut st.faults, &req.method, &req.path))
        };
        let outcome = match fault {
            Some(Action::Drop) => Outcome::Drop,
            Some(Action::Respond(r)) => Outcome::Respond(r),
            Some(Action::Delay(ms)) => {
                std::thread::sleep(std::time::Duration::from_millis(ms));
                Outcome::Respond(self.answer(req, &who, segs, proxied))
            }
            None => Outcome::Respond(self.answer(req, &who, segs, proxied)),
        };
        match (outcome, client) {
            (Outcome::Respond(r), Some(c)) => {
                let (cost, remaining) = self.end_throttle(&c);
                // A scripted throttle answer already says 0.0 and has no cost.
                if r.get_header("X-Rate-Limit-Remaining").is_some() {
                    Outcome::Respond(r)
                } else {
                    Outcome::Respond(
                        r.header("X-Request-Cost", &throttle::ruby_float(cost))
                            .header("X-Rate-Limit-Remaining", &throttle::ruby_float(remaining)),
                    )
                }
            }
            (Outcome::Drop, Some(c)) => {
                self.end_throttle(&c);
                Outcome::Drop
            }
            (o, None) => o,
        }
    }

    fn end_throttle(&self, client: &str) -> (f64, f64) {
        let mut st = self.shared.lock();
        let now = st.now();
        st.throttle.end(client, now)
    }

    fn count(&self, req: &Req) {
        let mut st = self.shared.lock();
        *st.stats.entry(format!("{} {}", req.method, req.path)).or_default() += 1;
        st.total += 1;
    }

    fn answer(&self, req: &Req, who: &Identity, segs: &[&str], proxied: Option<&proxy::Proxy>) -> Resp {
        if let Some(p) = proxied {
            // The proxy holds a token, so it must not act for another site: every request that
            // changes something carries the page's CSRF token.
            if !req.is_read() && !identity::csrf_matches(req, Some(&self.site.csrf_token)) {
                return identity::csrf_failed();
            }
            return p.forward(req);
        }
        if !identity::csrf_ok(req, who) {
            return identity::csrf_failed();
        }
        let mut st = self.shared.lock();
        canvas::route(req, who, &mut st, segs)
            .or_else(|| canvas::cloudreve(req, &st, segs))
            .or_else(|| reports::route(req, who, &mut st, segs))
            .or_else(|| pacing::route(req, who, &mut st, segs))
            .unwrap_or_else(http::not_found)
    }
}
