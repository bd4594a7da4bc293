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

const USAGE: &str = "lms-sim [--addr 127.0.0.1:8787] [--host-addr 127.0.0.1:8788] [--www www] [--pkg pkg] [--canvas-url URL [--token TOKEN]]

  --host-addr ADDR  also serve the Canvas-like LTI host page (www/lti-host.html) there, on an
                    origin of its own, iframing this server's lti.html
  --canvas-url URL  proxy /api/v1 and /api/lti to that Canvas with a server-held token
  --token TOKEN     that token; better, leave it out and set the environment variable
                    CANVAS_TOKEN, so the token does not show in the process list";

struct App {
    /// The port listened on (same-origin and `Host` checks).
    port: u16,
    shared: state::Shared,
    site: statics::Site,
    proxy: Option<proxy::Proxy>,
    /// The LTI tool's backend under [`TOOL_PREFIX`]: in proxy mode the Canvas proxy, else
    /// this server's own simulated Canvas (see [`App::tool_backend`]).
    simulated_canvas: proxy::Proxy,
}

/// Where the LTI tool page's widgets find the Canvas API (`baseUrl`): the tool's backend,
/// which holds the token and forwards `/api/v1/*` and `/api/lti/*` to Canvas.
const TOOL_PREFIX: &str = "/canvas-proxy";

/// The server-held tokens the tool's backend uses with the simulated Canvas: a user's API
/// token for `/api/v1`, and the tool's own (client-credentials) token for `/api/lti`.
const SIM_TOOL_API_TOKEN: &str = "sim-user-1";
const SIM_TOOL_LTI_TOKEN: &str = "lti-lms-widgets-demo";

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
    let mut host_addr = None;
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
            "--host-addr" => host_addr = Some(val()?),
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
    let host_listener = match host_addr {
        Some(a) => {
            let a = loopback(&a).map_err(|e| e.replace("--addr", "--host-addr"))?;
            Some(std::net::TcpListener::bind(a).map_err(|e| format!("cannot listen on {a}: {e}"))?)
        }
        None => None,
    };
    let site = statics::Site::new(www.into(), pkg.into());
    // In sim mode the tool's backend calls this very server, under the name `localhost`, so the
    // simulated Canvas's absolute URLs (report downloads) are on another origin than the tool
    // page, as a real Canvas's are.
    let simulated_canvas =
        proxy::Proxy::new(&format!("http://localhost:{port}"), SIM_TOOL_API_TOKEN)?.with_lti_token(SIM_TOOL_LTI_TOKEN);
    let app = Arc::new(App { port, shared: state::Shared::new(), site, proxy, simulated_canvas });
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
        let host = match host_listener {
            Some(l) => {
                l.set_nonblocking(true).map_err(|e| e.to_string())?;
                let host_port = l.local_addr().map_err(|e| e.to_string())?.port();
                let _ = writeln!(
                    out,
                    "LTI host page: http://127.0.0.1:{host_port}/ (a Canvas-like page on another origin that iframes \
                     http://127.0.0.1:{port}/lti.html)"
                );
                let l = tokio::net::TcpListener::from_std(l).map_err(|e| e.to_string())?;
                Some(tokio::spawn(server::serve(l, host_router(app.clone()))))
            }
            None => None,
        };
        let _ = out.flush();
        drop(out);
        server::serve(listener, router(app)).await;
        drop(host);
        Ok(())
    })
}

/// The routes: the scripting API, the API (simulated or proxied), report downloads, and
/// everything else from the static directories (compressed when the client accepts it).
fn router(app: Arc<App>) -> Router {
    let mut r = Router::new()
        .route("/sim/{*rest}", any(sim))
        .route("/api/{*rest}", any(api))
        .route(&format!("{TOOL_PREFIX}/{{*rest}}"), any(tool_backend));
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

/// The LTI tool's backend: `/canvas-proxy/api/...` goes to Canvas with the server's token (the
/// page's cookies and `Authorization` are never passed on). A real tool would check its own
/// launch session here; the demo acts for one user, so it answers only pages of its own origin.
async fn tool_backend(State(app): State<Arc<App>>, req: Request) -> Response {
    if guard::cross_site(req.headers(), app.port) {
        return http::error(
            403,
            "The tool's backend answers only the tool's own pages (this origin): it calls Canvas with a server-held token.",
        )
        .into_response();
    }
    let mut req = match Req::read(req).await {
        Ok(r) => r,
        Err(r) => return r.into_response(),
    };
    app.count(&req);
    let inner = req.path.strip_prefix(TOOL_PREFIX).unwrap_or_default().to_owned();
    if !proxy::Proxy::forwards(&segments(&inner)) {
        return http::error(404, "The tool's backend forwards only /api/v1/* and /api/lti/* to Canvas.")
            .into_response();
    }
    req.path = inner;
    app.proxy.as_ref().unwrap_or(&app.simulated_canvas).forward(&req).await.into_response()
}

/// The second origin (`--host-addr`): only the Canvas-like page that iframes the tool page,
/// with no cookies. `/` opens it pointed at this server's `lti.html`.
fn host_router(app: Arc<App>) -> Router {
    Router::new().fallback(host_page).with_state(app)
}

async fn host_page(State(app): State<Arc<App>>, req: Request) -> Response {
    match req.uri().path() {
        "/" => {
            let tool = format!("http://127.0.0.1:{}/lti.html", app.port);
            let to = format!("/lti-host.html?tool={}", http::url_encode(&tool));
            http::text(302, "text/plain; charset=utf-8", "").header("Location", &to).into_response()
        }
        "/lti-host.html" | "/demo.css" => app.site.serve_without_cookies(req).await,
        _ => http::error(404, "This origin serves only the LTI host page, /lti-host.html.").into_response(),
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
