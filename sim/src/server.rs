//! The connection side: hyper's HTTP/1.1 (keep-alive, chunked bodies, `100-continue`,
//! malformed heads answered 400/431 by hyper itself) under the axum router, with one addition:
//! a handler can ask for its connection to be closed without an answer (the `drop` fault).

use axum::extract::Request;
use axum::response::Response;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// Put in a response's extensions to close the connection instead of sending it.
#[derive(Clone, Copy, Debug)]
pub struct Hangup;

impl std::fmt::Display for Hangup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("closed without an answer (a simulated fault)")
    }
}

impl std::error::Error for Hangup {}

/// The answer that closes the connection without answering.
pub fn hangup() -> Response {
    let mut r = Response::default();
    r.extensions_mut().insert(Hangup);
    r
}

/// A request head (request line and headers) larger than this gets 431.
const MAX_HEAD: usize = 64 * 1024;
const MAX_CONNECTIONS: usize = 1024;
/// A connection that sends no complete request head for this long is closed.
const IDLE: Duration = Duration::from_secs(60);

/// Serves forever. Each connection is a task, so a delayed answer never holds up another.
pub async fn serve(listener: TcpListener, app: Router) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(IDLE).max_header_size(MAX_HEAD).keep_alive(true);
    let live = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of file descriptors, usually: give the open connections a moment to finish.
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let Ok(permit) = live.clone().try_acquire_owned() else { continue }; // dropped: closes it
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |req: Request<Incoming>| {
            let app = app.clone();
            async move {
                let res: Response = app.oneshot(req.map(axum::body::Body::new)).await.unwrap_or_else(|e| match e {});
                // An error from the service makes hyper close the connection, writing nothing.
                if res.extensions().get::<Hangup>().is_some() {
                    Err(Hangup)
                } else {
                    Ok(res)
                }
            }
        });
        let conn = http.serve_connection(TokioIo::new(stream), service);
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
}
