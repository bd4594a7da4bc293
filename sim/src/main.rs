//! `lms-sim`: a Canvas + Cloudreve API simulator and the demo's web server (127.0.0.1 only).
//! The scripting API (`/sim/*`) and the identity conventions are in `sim/README.md`.

mod canvas;
mod docx;
mod faults;
mod guard;
mod http;
mod identity;
mod jobs;
mod pacing;
mod proxy;
mod records;
mod reports;
mod seed;
mod server;
mod sim_api;
mod state;
mod statics;
mod throttle;

use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use faults::Action;
use http::{Req, Resp};
use identity::Identity;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;

const USAGE: &str = "lms-sim [--addr 127.0.0.1:8787] [--www www] [--pkg pkg] [--canvas-url URL [--token TOKEN]]

  --canvas-url URL  proxy /api/v1 and /api/lti to that Canvas with a server-held token
  --token TOKEN     that token; better, leave it out and set the environment variable
                    CANVAS_TOKEN, so the token does not show in the process list";

struct App {
    /// The port listened on (same-origin and `Host` checks).
    port: u16,
    shared: state::Shared,
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
        (Some(u), token) => {
            let env = || std::env::var("CANVAS_TOKEN").ok().filter(|t| !t.trim().is_empty());
            let t = token.or_else(env).ok_or("--canvas-url needs a token: set CANVAS_TOKEN (or give --token)")?;
            Some(proxy::Proxy::new(&u, &t)?)
        }
        (None, None) => None,
        (None, Some(_)) => return Err("--token goes with --canvas-url".into()),
    };
    let addr = loopback(&addr)?;
    let listener = std::net::TcpListener::bind(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let site = statics::Site::new(www.into(), pkg.into());
    let app = Arc::new(App { port, shared: state::Shared::new(), site, proxy });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    runtime.block_on(async move {
        listener.set_nonblocking(true).map_err(|e| e.to_string())?;
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
        let mut out = std::io::stdout().lock();
        // Tests and scripts read this exact first line; a closed stdout must not stop the server.
        let _ = writeln!(out, "lms-widgets demo: http://127.0.0.1:{port}/");
        if let Some(p) = &app.proxy {
            let _ = writeln!(out, "proxy mode: /api/v1 and /api/lti go to {} with the server's token", p.base());
        }
        let _ = out.flush();
        drop(out);
        server::serve(listener, router(app)).await;
        Ok(())
    })
}

/// The routes: the scripting API, the API (simulated or proxied), report downloads, and
/// everything else from the static directories (compressed when the client accepts it).
fn router(app: Arc<App>) -> Router {
    let mut r = Router::new().route("/sim/{*rest}", any(sim)).route("/api/{*rest}", any(api));
    if app.proxy.is_none() {
        r = r.route("/files/{*rest}", any(files)); // in proxy mode, a static path
    }
    r.fallback(statics.layer(CompressionLayer::new()))
        .layer(middleware::from_fn_with_state(app.clone(), check_head))
        .layer(CatchPanicLayer::custom(|_| {
            http::error(500, "The simulator failed on this request (a bug); it keeps running.").into_response()
        }))
        .with_state(app)
}

/// What hyper lets through but the simulator refuses, closing the connection as for any
/// malformed request: header values that are not UTF-8, and a request target that is not a
/// path (`GET nowhere`). In proxy mode, a `Host` that is not this server gets 421.
async fn check_head(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    if app.proxy.is_some() && !guard::own_host(req.headers(), app.port) {
        let message = format!(
            "This server answers only as 127.0.0.1:{0} or localhost:{0}: it holds a Canvas token, so a page \
             under another name must not reach it.",
            app.port
        );
        return http::error(421, &message).into_response();
    }
    let refuse = |message| http::error(400, message).header("Connection", "close").into_response();
    if req.headers().values().any(|v| std::str::from_utf8(v.as_bytes()).is_err()) {
        return refuse("The request head is not UTF-8.");
    }
    if !req.uri().path().starts_with('/') {
        return refuse("The request target must be a path.");
    }
    next.run(req).await
}

fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

async fn sim(State(app): State<Arc<App>>, req: Request) -> Resp {
    if guard::cross_site(req.headers(), app.port) {
        return http::error(
            403,
            "The scripting API refuses cross-site requests: use it from this server's pages or from a client that \
             sends no Origin (curl, scripts).",
        );
    }
    let req = match Req::read(req).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    let segs = segments(&req.path);
    let rest = segs.get(1..).unwrap_or_default(); // the route has "sim" first
    sim_api::route(&req, &mut app.shared.lock(), rest, app.proxy.is_some())
}

async fn api(State(app): State<Arc<App>>, req: Request) -> Response {
    match Req::read(req).await {
        Ok(req) => app.api(&req, &segments(&req.path)).await,
        Err(r) => r.into_response(),
    }
}

async fn files(State(app): State<Arc<App>>, req: Request) -> Resp {
    let segs = segments(req.uri().path());
    reports::file(&app.shared.lock(), &segs).unwrap_or_else(|| http::error(404, "No such file."))
}

async fn statics(State(app): State<Arc<App>>, req: Request) -> Response {
    app.site.serve(req).await
}

impl App {
    /// API requests: counted, throttled, faults applied, then simulated (or proxied).
    async fn api(&self, req: &Req, segs: &[&str]) -> Response {
        let proxied = self.proxy.as_ref().filter(|_| proxy::Proxy::forwards(segs));
        let who = match identity::identify(req) {
            Ok(w) => w,
            Err(_) if proxied.is_some() => Identity::Anonymous, // the page's token is never used
            Err(r) => {
                self.count(req);
                return r.into_response();
            }
        };
        let client = if proxied.is_some() { None } else { who.throttle_client(req) };
        let (fault, in_flight) = {
            let mut st = self.shared.lock();
            *st.stats.entry(format!("{} {}", req.method, req.path)).or_default() += 1;
            st.total += 1;
            let now = st.now();
            if let Some(c) = &client {
                if !st.throttle.begin(c, now) {
                    return throttle::rate_limited().into_response();
                }
            }
            // Faults never apply in proxy mode: they would act on real Canvas traffic and could
            // serve HTML on this origin (`/sim/*` refuses them there too).
            let fault = if self.proxy.is_some() { None } else { take_fault(&mut st, req, segs) };
            (fault, InFlight { app: self, client })
        };
        let answer = match fault {
            Some(Action::Drop) => return server::hangup(),
            Some(Action::Respond(r)) => r,
            Some(Action::Delay(ms)) => {
                tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
                self.answer(req, &who, segs, proxied).await
            }
            None => self.answer(req, &who, segs, proxied).await,
        };
        match in_flight.finish() {
            // A scripted throttle answer already says 0.0 and has no cost.
            Some((cost, remaining)) if answer.get_header("X-Rate-Limit-Remaining").is_none() => answer
                .header("X-Request-Cost", &throttle::ruby_float(cost))
                .header("X-Rate-Limit-Remaining", &throttle::ruby_float(remaining)),
            _ => answer,
        }
        .into_response()
    }

    fn count(&self, req: &Req) {
        let mut st = self.shared.lock();
        *st.stats.entry(format!("{} {}", req.method, req.path)).or_default() += 1;
        st.total += 1;
    }

    async fn answer(&self, req: &Req, who: &Identity, segs: &[&str], proxied: Option<&proxy::Proxy>) -> Resp {
        if let Some(p) = proxied {
            // The proxy holds a token, so it must not act for another site: every request that
            // changes something carries the page's CSRF token.
            if !req.is_read() && !identity::csrf_matches(req, Some(&self.site.csrf_token)) {
                return identity::csrf_failed();
            }
            return p.forward(req).await;
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

/// The request's fault, if any: the job's own first, then the global ones.
fn take_fault(st: &mut state::State, req: &Req, segs: &[&str]) -> Option<Action> {
    let (method, path) = (req.method.as_str(), req.path.as_str());
    let job = canvas::job_of_path(st, segs);
    let from_job =
        job.and_then(|j| st.jobs.get_mut(&j)).and_then(|j| faults::take_first(&mut j.spec.faults, method, path));
    from_job.or_else(|| faults::take_first(&mut st.faults, method, path))
}

/// A throttled request's up-front cost, held until its answer is made. Dropped unfinished
/// (the answer is a hang-up, or the client went away during a delay), it still gives the
/// cost back.
struct InFlight<'a> {
    app: &'a App,
    client: Option<String>,
}

impl InFlight<'_> {
    /// Ends the request: `(cost, remaining)` for its answer's headers.
    fn finish(mut self) -> Option<(f64, f64)> {
        self.end()
    }

    fn end(&mut self) -> Option<(f64, f64)> {
        let client = self.client.take()?;
        let mut st = self.app.shared.lock();
        let now = st.now();
        Some(st.throttle.end(&client, now))
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.end();
    }
}
